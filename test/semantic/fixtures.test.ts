/**
 * Semantic equivalence of every transform fixture with an expected output (test/fixtures/<slug>/),
 * plus the harness's own positive samples (test/semantic/samples/): the reference and the output,
 * run as real modules under one frozen clock, must return tokens with equivalent claims, identical
 * other values, and throw together. See test/helpers/semantic.ts for the conventions.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFixture, discoverFixtures } from '../helpers/semantic.ts';

const ROOTS = [
  { label: 'transform fixtures', dir: fileURLToPath(new URL('../fixtures/', import.meta.url)) },
  { label: 'harness samples', dir: fileURLToPath(new URL('./samples/', import.meta.url)) },
];

for (const root of ROOTS) {
  const fixtures = discoverFixtures(root.dir).filter((f) => f.output !== undefined);
  // no-op cases (no output) have nothing to run; a root without outputs yet defines no tests
  if (fixtures.length === 0) continue;
  describe(`semantic equivalence: ${root.label}`, () => {
    for (const fixture of fixtures) {
      it(fixture.id, async () => {
        const report = await checkFixture(fixture);
        expect(report.problems, `${fixture.id}:\n  ${report.problems.join('\n  ')}`).toEqual([]);
        expect(report.tokens).toBeGreaterThan(0);
      });
    }
  });
}
