import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGoParser } from '../../src/go/parser.ts';
import { checkFileText, classifyCheckFile } from '../../src/check/check-file.ts';
import { analyzeAgoraUsage } from '../../src/analysis/agora-usage.ts';
import { isRuleId, RULES } from '../../src/check/rules.ts';
import { builderTypeFindings } from '../../src/check/run.ts';
import { collectFixtureCases } from './helpers.ts';
import { expectTriggered } from './triggered.ts';

// Go files are detected with the Go grammar, which runCheck loads before its first Go file
beforeAll(() => loadGoParser());

const cases = collectFixtureCases();

function findingsOf(file: string): string[] {
  const kind = classifyCheckFile(file);
  if (!kind) throw new Error(`not a checkable file: ${file}`);
  const text = readFileSync(file, 'utf8');
  // as runCheck does: the type check's findings join the file's own
  const extraFindings = builderTypeFindings([{ path: file, text }]).get(file);
  const result = checkFileText(file, text, kind, { analyze: analyzeAgoraUsage, extraFindings });
  expect(result.error).toBeUndefined();
  expectTriggered(file, text, result.findings);
  return result.findings.map((f) => `${f.line} ${f.ruleId}`).sort();
}

describe('rule fixtures (findings exactly on the annotated lines)', () => {
  it.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))('%s', (_name, c) => {
    if (c.clean) expect(c.expected).toEqual([]);
    else expect(c.expected.length).toBeGreaterThan(0);
    expect(findingsOf(c.file)).toEqual(c.expected);
  });
});

describe('fixture coverage', () => {
  it.each(RULES.map((r) => r.id))('%s has a fixture it flags and a clean fixture', (id) => {
    const own = cases.filter((c) => c.rule === id);
    expect(own.some((c) => c.expected.some((e) => e.endsWith(` ${id}`)))).toBe(true);
    expect(own.some((c) => c.clean)).toBe(true);
  });

  it('names every fixture directory after a rule', () => {
    const unknown = [...new Set(cases.map((c) => c.rule))].filter((rule) => !isRuleId(rule));
    expect(unknown).toEqual([]);
  });
});
