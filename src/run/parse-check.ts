/** Re-parses migrated text before it is written, with the parser the recipe itself chose for the file. */
import { parseSyntaxTree } from '../analysis/parser.ts';
import { isGoFile } from '../go/files.ts';
// loaded by the recipe (src/go/index.ts), which ran in this thread before its output is checked
import { parseGo } from '../go/parser.ts';

/** Throws the parser's SyntaxError (with `loc`) when `text` does not parse as the file's language (the syntax only). */
export function parseCheck(filePath: string, text: string): void {
  if (isGoFile(filePath)) {
    parseGo(text).delete();
    return;
  }
  parseSyntaxTree(filePath, text);
}

/** Where a parser error points, 1-based; babel reports 0-based columns in `loc`. */
export function errorLocation(error: unknown): { line?: number; column?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const loc = (error as { loc?: { line?: unknown; column?: unknown } }).loc;
  if (loc && typeof loc.line === 'number' && typeof loc.column === 'number') return { line: loc.line, column: loc.column + 1 };
  const lineNumber = (error as { lineNumber?: unknown }).lineNumber;
  const column = (error as { column?: unknown }).column;
  if (typeof lineNumber === 'number' && typeof column === 'number') return { line: lineNumber, column };
  return {};
}

/** The error's message without babel's trailing `(line:column)`, which reports print in their own form. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\(\d+:\d+\)$/, '');
}
