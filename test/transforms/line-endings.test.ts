import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyRecipe } from '../../src/recipe.ts';
import { discoverFixtures } from '../helpers/fixtures.ts';

const crlf = (text: string) => text.replaceAll('\n', '\r\n');

/**
 * recast hands the parser `\n` line ends whatever the file uses, so every offset the layout code
 * reads must be in that text: a CRLF file migrates to exactly the LF result with CRLF line ends.
 */
describe('line endings', () => {
  const cases = discoverFixtures('accesstoken2').filter((c) => c.outputPath);

  it.each(cases.map((c) => [c.name, c] as const))('CRLF %s migrates to the expected output with CRLF', (_name, fixture) => {
    const input = readFileSync(fixture.inputPath, 'utf8');
    const expected = readFileSync(fixture.outputPath!, 'utf8');
    expect(applyRecipe({ path: fixture.inputPath, source: crlf(input) }, fixture.options).output).toBe(crlf(expected));
  });

  it('a mixed file takes the terminator most of its lines use', () => {
    const [fixture] = cases.filter((c) => c.name === 'comments-in-multiline-calls');
    const input = readFileSync(fixture.inputPath, 'utf8');
    const expected = readFileSync(fixture.outputPath!, 'utf8');
    // one CRLF line in an LF file: the output is LF throughout, the layout unchanged
    const mostlyLf = input.replace('\n', '\r\n');
    expect(applyRecipe({ path: fixture.inputPath, source: mostlyLf }).output).toBe(expected);
    // one LF line in a CRLF file: CRLF throughout
    const mostlyCrlf = crlf(input).replace('\r\n', '\n');
    expect(applyRecipe({ path: fixture.inputPath, source: mostlyCrlf }).output).toBe(crlf(expected));
  });
});
