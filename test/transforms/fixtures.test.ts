import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, applyTransform, assertParses, discoverFixtures, fixtureSlugs, type Transform } from '../helpers/fixtures.ts';

/** Every fixture directory is named after a transform in transforms/. */
const transforms = new Map<string, Transform>();
for (const slug of fixtureSlugs()) {
  const module = (await import(`../../transforms/${slug}.ts`)) as { default: Transform; name: string };
  transforms.set(slug, module.default);
}

describe.each(fixtureSlugs())('%s', (slug) => {
  const transform = transforms.get(slug)!;
  const cases = discoverFixtures(slug);

  it('has fixtures, and every output and reference file belongs to an input', () => {
    expect(cases.length).toBeGreaterThan(0);
    const names = new Set(cases.map((c) => c.name));
    const files = readdirSync(join(FIXTURES_DIR, slug)).filter((f) => /\.(output|v1|options|calls)\.[a-z]+$/.test(f));
    for (const file of files) expect(names.has(file.replace(/\.(output|v1|options|calls)\.[a-z]+$/, '')), file).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    const input = readFileSync(fixture.inputPath, 'utf8');
    assertParses(fixture.inputPath, input);
    const { output } = applyTransform(transform, fixture.inputPath, input, fixture.options);
    if (!fixture.outputPath) {
      // a no-op case must say why it must not change
      expect(input, 'no-op inputs start with a "// no-op: <reason>" line').toMatch(/^\/\/ no-op: \S.{10,}/);
      expect(output).toBeUndefined();
      return;
    }
    const expected = readFileSync(fixture.outputPath, 'utf8');
    assertParses(fixture.outputPath, expected);
    expect(output).toBe(expected);
    // idempotent: the expected output is left alone
    expect(applyTransform(transform, fixture.outputPath, expected, fixture.options).output).toBeUndefined();
  });
});
