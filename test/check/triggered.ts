/**
 * The prefilter's soundness, asserted wherever a rule test produces findings: each finding's rule
 * has a trigger in the text and matches every pattern the rule requires, the whole-file prefilter passes it, and a JS/TS finding from the
 * analysis comes from a text the parse gate lets through. So no rule test can pass on a text the
 * byte prefilter would have dropped.
 */
import { expect } from 'vitest';
import { getRule } from '../../src/check/rules.ts';
import { latin1Of, mayHaveFindings, needsJsAnalysis, requirementsOf, triggerMatcher, triggersOf } from '../../src/check/triggers.ts';
import type { RuleId } from '../../src/check/rules.ts';

export function expectTriggered(where: string, text: string, findings: readonly { ruleId: string }[]): void {
  const bytes = latin1Of(Buffer.from(text, 'utf8'));
  for (const ruleId of new Set(findings.map((finding) => finding.ruleId))) {
    const rule = getRule(ruleId);
    expect(rule, `${where}: unknown rule ${ruleId}`).toBeDefined();
    expect(triggerMatcher(triggersOf(ruleId as RuleId))(bytes), `${where}: a ${ruleId} finding in a text without any of its triggers`).toBe(true);
    for (const { pattern } of requirementsOf(ruleId as RuleId)) {
      expect(pattern.test(bytes), `${where}: a ${ruleId} finding in a text that does not match /${pattern.source}/, which the rule requires`).toBe(true);
    }
    expect(mayHaveFindings(bytes), `${where}: the whole-file prefilter drops a text with a ${ruleId} finding`).toBe(true);
    if (rule?.category === 'javascript') expect(needsJsAnalysis(bytes), `${where}: the parse gate drops a text with a ${ruleId} finding`).toBe(true);
  }
}
