/**
 * The byte prefilter of `check`, derived from the rules' own `triggers` and `requires`
 * (src/check/rules.ts): a file in which no rule has both a trigger and every pattern it requires
 * cannot yield a finding, so it is neither decoded, scanned nor parsed. A JS/TS file is parsed only
 * when it contains a trigger of a rule the binding-resolved analysis answers (category
 * `javascript`). Triggers are ASCII, so they are matched against the file's bytes read as Latin-1
 * (one character per byte; a multi-byte UTF-8 sequence never forms an ASCII letter), which is what
 * `latin1Of` gives.
 */
import { RULES, type Requirement, type RuleId, type RuleMeta, type Trigger } from './rules.ts';

/** Tests a text (or a file's bytes as Latin-1) for any of some triggers. */
export type TriggerMatcher = (text: string) => boolean;

const textOf = (trigger: Trigger): string => (typeof trigger === 'string' ? trigger : trigger.anyCase);
const isAnyCase = (trigger: Trigger): boolean => typeof trigger !== 'string';

/** True when every text that matches `outer` matches `inner` too (so `outer` adds nothing beside `inner`). */
function covers(inner: Trigger, outer: Trigger): boolean {
  if (isAnyCase(inner)) return textOf(outer).toLowerCase().includes(textOf(inner).toLowerCase());
  return !isAnyCase(outer) && textOf(outer).includes(textOf(inner));
}

/** The same set of matching texts with fewer alternatives: drops triggers another one already covers. */
export function minimalTriggers(triggers: readonly Trigger[]): Trigger[] {
  const unique = [...new Map(triggers.map((t) => [`${isAnyCase(t) ? 'i' : 's'}:${textOf(t)}`, t])).values()];
  return unique.filter((t, i) => !unique.some((other, j) => j !== i && covers(other, t) && (!covers(t, other) || j < i)));
}

function pattern(trigger: Trigger): string {
  return [...textOf(trigger)]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (isAnyCase(trigger) && lower !== upper) return `[${lower}${upper}]`;
      return ch.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    })
    .join('');
}

/**
 * One regular expression for all of `triggers` (ASCII case folded only where a trigger asks for it),
 * in the syntax JavaScript and ripgrep share (the benchmark hands it to `rg`); undefined for none.
 */
export function triggerPattern(triggers: readonly Trigger[]): string | undefined {
  for (const trigger of triggers) {
    if (!/^[\x20-\x7e]+$/.test(textOf(trigger))) throw new Error(`check trigger ${JSON.stringify(textOf(trigger))} must be printable ASCII`);
  }
  const minimal = minimalTriggers(triggers);
  return minimal.length === 0 ? undefined : minimal.map(pattern).join('|');
}

/**
 * A matcher for any of `triggers`: the texts `triggerPattern` matches, tested as two expressions,
 * the exact-case triggers and the anyCase ones (under the `i` flag, which without `u` folds no
 * non-ASCII character onto an ASCII one), since V8 scans two short alternations several times
 * faster than one long one with a character class per letter.
 */
export function triggerMatcher(triggers: readonly Trigger[]): TriggerMatcher {
  if (triggerPattern(triggers) === undefined) return () => false;
  const minimal = minimalTriggers(triggers);
  const group = (triggers: Trigger[], flags: string): RegExp | undefined =>
    triggers.length === 0 ? undefined : new RegExp(triggers.map((t) => pattern(textOf(t))).join('|'), flags);
  const exact = group(minimal.filter((t) => !isAnyCase(t)), '');
  const anyCase = group(minimal.filter(isAnyCase), 'i');
  if (exact === undefined) return (text) => anyCase!.test(text);
  if (anyCase === undefined) return (text) => exact.test(text);
  return (text) => anyCase.test(text) || exact.test(text);
}

/** Every rule's triggers: a file with none of them is dropped unread by any detector. */
export const ALL_TRIGGERS: readonly Trigger[] = RULES.flatMap((rule) => rule.triggers);

/** The longest trigger, in bytes: a file read in chunks keeps this many bytes minus one between them. */
export const LONGEST_TRIGGER: number = Math.max(...ALL_TRIGGERS.map((trigger) => textOf(trigger).length));

/** The triggers of one rule. */
export function triggersOf(ruleId: RuleId): readonly Trigger[] {
  return RULES.find((rule) => rule.id === ruleId)?.triggers ?? [];
}

/** The second conditions of one rule (none for most). */
export function requirementsOf(ruleId: RuleId): readonly Requirement[] {
  return (RULES.find((rule) => rule.id === ruleId) as RuleMeta | undefined)?.requires ?? [];
}

/**
 * Any rule's trigger: the prefilter's first test on every file, and the only one on a file without
 * any (most files). The same texts as `triggerPattern(ALL_TRIGGERS)`, which the benchmark gives ripgrep.
 */
export const anyTrigger: TriggerMatcher = triggerMatcher(ALL_TRIGGERS);

/** A JS/TS file that needs the binding-resolved analysis (a parse). */
export const needsJsAnalysis: TriggerMatcher = triggerMatcher(RULES.filter((rule) => rule.category === 'javascript').flatMap((rule) => rule.triggers));

/**
 * What a file must hold for some rule to find anything in it: rules sharing the same requirements
 * form one gate (the union of their triggers, and each required pattern), so the rules without any
 * (all but one) are one gate and one trigger test. A gate passes once its triggers and each of its
 * required patterns have matched somewhere in the file.
 */
interface Gate {
  triggers: TriggerMatcher;
  requires: TriggerMatcher[];
}

function gatesOf(rules: readonly RuleMeta[]): Gate[] {
  const byRequirements = new Map<string, { triggers: Trigger[]; requires: readonly Requirement[] }>();
  for (const rule of rules) {
    const requires = rule.requires ?? [];
    if (rule.category === 'javascript' && requires.length > 0) {
      // the analysis gate (needsJsAnalysis) is tested only once a file passes some gate
      throw new Error(`check rule ${rule.id}: a JS/TS analysis rule cannot have requirements`);
    }
    const key = requires.map((r) => `${r.pattern.source}/${r.pattern.flags}`).sort().join('\n');
    const entry = byRequirements.get(key) ?? { triggers: [], requires };
    entry.triggers.push(...rule.triggers);
    byRequirements.set(key, entry);
  }
  return [...byRequirements.values()].map(({ triggers, requires }) => ({
    triggers: triggerMatcher(triggers),
    requires: requires.map((r): TriggerMatcher => {
      if (r.pattern.global || r.pattern.sticky) throw new Error(`check requirement /${r.pattern.source}/ must not be global or sticky`);
      return (text) => r.pattern.test(text);
    }),
  }));
}

const GATES: readonly Gate[] = gatesOf(RULES);

/** The longest text a trigger or a requirement matches, in bytes: a file read in chunks keeps this many bytes minus one between them. */
export const LONGEST_MATCH: number = Math.max(
  LONGEST_TRIGGER,
  ...RULES.flatMap((rule) => ((rule as RuleMeta).requires ?? []).map((r) => r.maxLength)),
);

/** What one gate has seen so far in a file. */
interface GateState {
  /** Offset of the first piece holding one of the gate's triggers, or -1. */
  triggersAt: number;
  requiresSeen: boolean[];
}

/**
 * The prefilter's verdict on one file, fed its text piece by piece (each piece beginning with the
 * previous one's last LONGEST_MATCH - 1 characters, so no match is split) from the first piece that
 * holds any trigger. A gate's required patterns are looked for from the piece holding its first
 * trigger on; when the file ends with a gate short of only them, `prefixEnd` says how much of the
 * file before that piece must be read again for them (`feedPrefix`), since a required pattern may
 * stand before the trigger. Each condition is tested only until it has matched.
 */
export class PrefilterScan {
  private readonly gates: GateState[] = GATES.map((gate) => ({ triggersAt: -1, requiresSeen: gate.requires.map(() => false) }));
  /** Some rule can find something in the file. */
  mayHaveFindings = false;
  /** (JS/TS) the binding-resolved analysis must parse the file. */
  needsAnalysis = false;

  constructor(private readonly js: boolean) {}

  /** Looks at the next piece, which starts at byte `offset` of the file; true once the verdict cannot change. */
  feed(text: string, offset = 0): boolean {
    if (!this.mayHaveFindings) {
      this.mayHaveFindings = GATES.some((gate, g) => {
        const state = this.gates[g];
        if (state.triggersAt < 0 && gate.triggers(text)) state.triggersAt = offset;
        if (state.triggersAt < 0) return false;
        gate.requires.forEach((required, r) => (state.requiresSeen[r] ||= required(text)));
        return state.requiresSeen.every(Boolean);
      });
    }
    // the analysis rules' triggers are some of the gate without requirements: not seen before it passed
    if (this.js && this.mayHaveFindings && !this.needsAnalysis) this.needsAnalysis = needsJsAnalysis(text);
    return this.done;
  }

  /**
   * Once the file has been fed to its end: the bytes from its start that must be fed again to
   * `feedPrefix` (up to the latest piece where a gate short of only required patterns first saw a
   * trigger, plus LONGEST_MATCH - 1 so a match across that point is whole); 0 when none.
   */
  get prefixEnd(): number {
    if (this.mayHaveFindings) return 0;
    let end = 0;
    this.gates.forEach((state) => {
      if (state.triggersAt > 0) end = Math.max(end, state.triggersAt + LONGEST_MATCH - 1);
    });
    return end;
  }

  /** Looks for the required patterns of the gates short of only them in a piece before their first trigger; true once the verdict cannot change. */
  feedPrefix(text: string): boolean {
    if (!this.mayHaveFindings) {
      this.mayHaveFindings = GATES.some((gate, g) => {
        const state = this.gates[g];
        if (state.triggersAt < 0) return false;
        gate.requires.forEach((required, r) => (state.requiresSeen[r] ||= required(text)));
        return state.requiresSeen.every(Boolean);
      });
    }
    // no analysis trigger stands before the first trigger of all: needsAnalysis cannot change here
    return this.mayHaveFindings;
  }

  /** The verdict is final: findings possible, and for JS/TS it is known to need the analysis. */
  get done(): boolean {
    return this.mayHaveFindings && (!this.js || this.needsAnalysis);
  }
}

/** Some rule can find something in a whole text (a file's bytes as Latin-1). */
export function mayHaveFindings(text: string): boolean {
  return new PrefilterScan(false).feed(text);
}

/** A file's bytes as one character per byte, for the matchers. */
export function latin1Of(bytes: Buffer): string {
  return bytes.toString('latin1');
}
