/**
 * jscodeshiftFor's parser fills in the text of one-line tokens before recast does: recast must end
 * up with the very token values it computes itself, on every fixture input and example and on
 * sources with tabs, CRLF and multi-line template literals.
 */
import { readFileSync } from 'node:fs';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { jscodeshiftFor, parserFor } from '../../src/analysis/parser.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';
import { discoverFixtures } from '../helpers/semantic.ts';

const files: [string, string][] = [
  ...discoverFixtures(FIXTURES_DIR).map((f) => [f.input, readFileSync(f.input, 'utf8')] as [string, string]),
  ...['examples/express-cjs/before/server.js', 'examples/nestjs-service/before/src/token.service.ts', 'examples/nextjs-api/before/pages/api/rtc-token.ts'].map(
    (path) => [path, readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')] as [string, string],
  ),
  ['tabs.js', "function f() {\n\tif (a) {\n\t\treturn `x\n\t\t${b}\ty`;\n\t}\n\treturn a\t+ 1;\n}\n"],
  ['crlf.ts', "const a: number = 1;\r\nconst t = `line\r\n\tnext ${a}`;\r\nexport default { a, t };\r\n"],
  ['jsx.js', 'const e = <div className="x">{a && <b/>}</div>;\n'],
];

/** Every token's value as recast leaves it in `file.tokens`. */
function tokenValues(j: typeof jscodeshift, source: string): unknown[] {
  const file = j(source).get().node as { tokens: { value: unknown }[] };
  return file.tokens.map((token) => token.value);
}

describe('jscodeshiftFor', () => {
  it.each(files.map(([path, source]) => [path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1), path, source] as const))('gives recast the token values it computes itself: %s', (_name, path, source) => {
    const theirs = tokenValues(jscodeshift.withParser(parserFor(path)), source);
    const ours = tokenValues(jscodeshiftFor(jscodeshift, path), source);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });

  it('makes one jscodeshift per parser', () => {
    expect(jscodeshiftFor(jscodeshift, 'a.js')).toBe(jscodeshiftFor(jscodeshift, 'b.cjs'));
    expect(jscodeshiftFor(jscodeshift, 'a.ts')).not.toBe(jscodeshiftFor(jscodeshift, 'a.js'));
  });
});
