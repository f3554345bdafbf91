// a plain import, not createRequire(import.meta.url): jscodeshift's CLI loads the transforms (and this) as CommonJS
import getParser from 'jscodeshift/src/getParser.js';
import type { JSCodeshift } from 'jscodeshift';

/** jscodeshift parser names we use. */
export type ParserName = 'babylon' | 'ts' | 'tsx';

/**
 * The parser for a file, chosen from its extension: `ts` for .ts/.mts/.cts (angle-bracket casts
 * parse), `tsx` for .tsx, and `babylon` (JSX + Flow) for JavaScript.
 */
export function parserFor(filePath: string): ParserName {
  if (/\.[cm]?ts$/.test(filePath)) return 'ts';
  if (/\.tsx$/.test(filePath)) return 'tsx';
  return 'babylon';
}

type SyntaxParser = { parse(code: string): unknown };
const parsers = new Map<ParserName, SyntaxParser>();

/**
 * The file's syntax tree from jscodeshift's own parser for it (the object `withParser` hands recast),
 * without recast's copy of the tree, which only printing needs: for analysis that prints nothing and
 * for the re-parse of migrated text, at about half the cost. `j(tree)` wraps it as a Collection.
 * Throws the parser's SyntaxError (with `loc`).
 */
export function parseSyntaxTree(filePath: string, text: string): unknown {
  const name = parserFor(filePath);
  let parser = parsers.get(name);
  if (!parser) parsers.set(name, (parser = getParser(name)));
  return parser.parse(text);
}

const cores = new WeakMap<JSCodeshift, Map<ParserName, JSCodeshift>>();

/**
 * `base.withParser(parserFor(filePath))`, made once per parser: withParser copies every ast-types
 * builder and type onto a new function, a cost per file that showed in the profile.
 */
export function jscodeshiftFor(base: JSCodeshift, filePath: string): JSCodeshift {
  const name = parserFor(filePath);
  let byParser = cores.get(base);
  if (!byParser) cores.set(base, (byParser = new Map()));
  let j = byParser.get(name);
  if (!j) byParser.set(name, (j = base.withParser(withTokenText(getParser(name)) as never)));
  return j;
}

type Token = { value?: unknown; start: number; end: number; loc: { start: { line: number }; end: { line: number } } };

/**
 * The parser, handing recast the text of every one-line token that has no string value
 * (punctuation, keywords): recast fills those in itself by slicing its line model, normalising its
 * options again for every token, which was a tenth of its parse. The same text: the parser reads
 * the very string recast slices (its source with leading tabs expanded), and a one-line token has
 * no indentation of its own. Tokens over several lines are left to recast.
 */
export function withTokenText(parser: SyntaxParser): SyntaxParser {
  return {
    parse(code: string) {
      const ast = parser.parse(code) as { tokens?: Token[] };
      for (const token of ast.tokens ?? []) {
        if (typeof token.value !== 'string' && token.loc.start.line === token.loc.end.line) token.value = code.slice(token.start, token.end);
      }
      return ast;
    },
  };
}
