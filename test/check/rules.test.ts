import { describe, expect, it } from 'vitest';
import { getRule, isRuleId, renderRulesTable, RULES } from '../../src/check/rules.ts';

describe('rule registry', () => {
  it('has unique kebab-case ids and unique PascalCase names', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    }
  });

  it('gives every rule a one-sentence summary, a description and help', () => {
    for (const rule of RULES) {
      expect(rule.short.length, rule.id).toBeGreaterThan(10);
      expect(rule.short.endsWith('.'), rule.id).toBe(false);
      expect(rule.full.length, rule.id).toBeGreaterThan(rule.short.length);
      expect(rule.help.length, rule.id).toBeGreaterThan(20);
    }
  });

  it('looks rules up by id', () => {
    expect(getRule('v1-import')?.defaultSeverity).toBe('error');
    expect(getRule('nope')).toBeUndefined();
    expect(isRuleId('old-client-sdk')).toBe(true);
    expect(isRuleId('old-client')).toBe(false);
  });

  it('renders the README table with one row per rule, in registry order', () => {
    const rows = renderRulesTable().trimEnd().split('\n');
    expect(rows.slice(0, 2)).toEqual(['| rule | severity | finds |', '|---|---|---|']);
    expect(rows.slice(2).map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1])).toEqual(RULES.map((r) => r.id));
  });
});
