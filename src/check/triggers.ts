/**
 * The byte prefilter of `check`, derived from the rules' own `triggers` (src/check/rules.ts): a
 * file that contains no rule's trigger cannot yield a finding, so it is neither decoded, scanned
 * nor parsed. A JS/TS file is parsed only when it contains a trigger of a rule the binding-resolved
 * analysis answers (category `javascript`). Triggers are ASCII, so they are matched against the
 * file's bytes read as Latin-1 (one character per byte; a multi-byte UTF-8 sequence never forms an
 * ASCII letter), which is what `latin1Of` gives.
 */
import { RULES, type RuleId, type Trigger } from './rules.ts';

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

/** Any rule can find something in the file. */
export const mayHaveFindings: TriggerMatcher = triggerMatcher(ALL_TRIGGERS);

/** A JS/TS file that needs the binding-resolved analysis (a parse). */
export const needsJsAnalysis: TriggerMatcher = triggerMatcher(RULES.filter((rule) => rule.category === 'javascript').flatMap((rule) => rule.triggers));

/** A file's bytes as one character per byte, for the matchers. */
export function latin1Of(bytes: Buffer): string {
  return bytes.toString('latin1');
}
