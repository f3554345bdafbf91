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
