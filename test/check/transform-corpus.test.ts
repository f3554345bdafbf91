/**
 * `check` over the transform fixtures (test/fixtures/accesstoken2, owned by the transforms): every
 * v1 input is flagged, every no-op input (look-alikes, code already on v2) is clean, and every
 * migrated output is clean except for the manual-review markers migrate leaves on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeAgoraUsage } from '../../src/analysis/agora-usage.ts';
import { checkFileText, classifyCheckFile, type CheckFileKind } from '../../src/check/check-file.ts';
import { expectTriggered } from './triggered.ts';

const DIR = fileURLToPath(new URL('../fixtures/accesstoken2/', import.meta.url));
const files = readdirSync(DIR).filter((f) => /\.(input|output)\.[cm]?[jt]sx?$/.test(f)).sort();

function findings(name: string): string[] {
  const file = path.join(DIR, name);
  const text = readFileSync(file, 'utf8');
  const result = checkFileText(file, text, classifyCheckFile(file) as CheckFileKind, { analyze: analyzeAgoraUsage });
  expect(result.error).toBeUndefined();
  expectTriggered(name, text, result.findings);
  return result.findings.map((f) => f.ruleId);
}

describe('check over the transform fixtures', () => {
  it('has fixtures to read', () => {
    expect(files.filter((f) => f.includes('.input.')).length).toBeGreaterThan(20);
  });

  it.each(files.filter((f) => f.includes('.input.') && !f.startsWith('noop-')))('flags the v1 input %s', (name) => {
    expect(findings(name).length).toBeGreaterThan(0);
  });

  it.each(files.filter((f) => f.startsWith('noop-')))('finds nothing in the look-alike or v2 input %s', (name) => {
    expect(findings(name)).toEqual([]);
  });

  it.each(files.filter((f) => f.includes('.output.')))('finds nothing but review markers in the migrated %s', (name) => {
    const ruleIds = findings(name);
    if (name.startsWith('manual-review')) expect(ruleIds).toContain('manual-review-marker');
    else expect(ruleIds).toEqual([]);
  });
});
