/**
 * Every jscodeshift entry point (each transform and the recipe) and applyRecipe return at once for a
 * source that names no Agora module: nothing is parsed, so even a syntax error there goes unnoticed.
 * The test is the needle table migrate's prefilter and `check` use (PREFILTER_NEEDLES).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jscodeshift, { type API } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { PREFILTER_NEEDLES } from '../../src/analysis/sources.ts';
import { applyRecipe } from '../../src/recipe.ts';

const TRANSFORMS = fileURLToPath(new URL('../../transforms/', import.meta.url));
const names = readdirSync(TRANSFORMS).filter((name) => name.endsWith('.ts')).sort();

const api = (reports: string[]): API => ({ jscodeshift, j: jscodeshift, stats: () => {}, report: (message: string) => reports.push(message) }) as unknown as API;

/** Does not parse: reaching the parser would throw. */
const UNPARSEABLE = 'export const accessToken = (req) => { req.headers.authorization ;;; )';

describe('early exit before any parse', () => {
  it('covers every transform file', () => {
    expect(names).toContain('accesstoken2.ts');
    expect(names.length).toBeGreaterThanOrEqual(7);
  });

  it.each(names)('%s returns undefined for a source naming no Agora module', async (name) => {
    const { default: transform } = (await import(`../../transforms/${name}`)) as { default: (file: unknown, api: API, options: object) => string | undefined };
    const reports: string[] = [];
    expect(transform({ path: 'src/util.js', source: UNPARSEABLE }, api(reports), {})).toBeUndefined();
    expect(reports).toEqual([]);
  });

  it('applyRecipe returns no output for it either', () => {
    expect(applyRecipe({ path: 'src/util.ts', source: UNPARSEABLE })).toEqual({ output: undefined, edits: [], reviews: [] });
  });

  it.each(PREFILTER_NEEDLES)('parses a source that mentions %s (and so reports its syntax error)', (needle) => {
    expect(() => applyRecipe({ path: 'src/util.js', source: `// ${needle}\n${UNPARSEABLE}` })).toThrow();
  });
});
