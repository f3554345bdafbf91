/**
 * Inline suppressions for deliberate exceptions:
 *   // agora-token-migrate-ignore-next-line v1-builder-call -- decodes legacy tokens on purpose
 *   # agora-token-migrate-ignore-next-line python-v1-builder
 * The directive silences the named rules (all rules when none is named) on the next line only.
 * A directive that silences nothing, or names an unknown rule, is itself reported.
 */
import type { RawFinding } from './finding.ts';
import { isRuleId, SUPPRESSION_DIRECTIVE } from './rules.ts';

export { SUPPRESSION_DIRECTIVE };

interface Suppression {
  line: number;
  column: number;
  /** Rule ids named; empty = every rule. */
  rules: string[];
  used: Set<string>;
}

/**
 * At the start of a comment (`//`, `#`, `/*`, `<!--`, or a `*` line of a block comment). The lines
 * searched hold only the file's comments (code and strings blanked), so a string never counts.
 */
const DIRECTIVE = new RegExp(`(?:\\/\\/|#|\\/\\*|<!--|^\\s*\\*)\\s*(${SUPPRESSION_DIRECTIVE})(?![\\w-])([^\\n]*)`, 'g');

/** The directives in a file, with their 1-based positions. */
function parseSuppressions(lines: readonly string[]): Suppression[] {
  const found: Suppression[] = [];
  lines.forEach((text, i) => {
    for (const match of text.matchAll(DIRECTIVE)) {
      // everything after `--` is the reason; `*/` and `-->` close the comment
      const list = match[2].split(/--|\*\/|-->/)[0];
      found.push({ line: i + 1, column: match.index + match[0].indexOf(match[1]) + 1, rules: list.split(/[\s,]+/).filter(Boolean), used: new Set() });
    }
  });
  return found;
}

/**
 * Drops suppressed findings and adds an `unused-suppression` finding for each directive that did
 * nothing. `commentLines`: the file's lines with everything but its comments blanked.
 */
export function applySuppressions(findings: readonly RawFinding[], commentLines: readonly string[]): RawFinding[] {
  const suppressions = parseSuppressions(commentLines);
  if (suppressions.length === 0) return [...findings];
  const byTarget = new Map(suppressions.map((s) => [s.line + 1, s]));
  const kept = findings.filter((f) => {
    const s = byTarget.get(f.line);
    if (!s || (s.rules.length > 0 && !s.rules.includes(f.ruleId))) return true;
    s.used.add(s.rules.length > 0 ? f.ruleId : '*');
    return false;
  });
  for (const s of suppressions) {
    const unknown = s.rules.filter((id) => !isRuleId(id));
    const unused = s.rules.filter((id) => isRuleId(id) && !s.used.has(id));
    const at = { line: s.line, column: s.column };
    if (unknown.length > 0) kept.push({ ruleId: 'unused-suppression', ...at, message: `Suppression names unknown rule ${unknown.map((id) => `\`${id}\``).join(', ')}.` });
    if (unused.length > 0) kept.push({ ruleId: 'unused-suppression', ...at, message: `Suppression of ${unused.map((id) => `\`${id}\``).join(', ')} matches no finding on line ${s.line + 1}.` });
    if (s.rules.length === 0 && s.used.size === 0) kept.push({ ruleId: 'unused-suppression', ...at, message: `Suppression matches no finding on line ${s.line + 1}.` });
  }
  return kept;
}
