/**
 * Text helpers for the line-oriented detectors: offset ↔ line/column, comment blanking that keeps
 * every offset in place, and splitting a call's argument list.
 */

/** Which comment and string syntax a file uses. */
export type CommentSyntax = 'js' | 'c' | 'python' | 'php' | 'html';

/** Maps offsets of one text to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }

  /** Offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    return Math.min(start + column - 1, this.text.length);
  }
}

/** Splits text into lines without their terminators (`\r\n` or `\n`). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

interface Syntax {
  line: string[];
  block: Array<[string, string]>;
  quotes: string;
  /** Python: triple-quoted strings are docstrings more often than data, so they are blanked too. */
  tripleQuotes?: boolean;
  /** Go raw strings and JS templates: backtick strings without escapes. */
  backtick?: boolean;
  /** C# verbatim strings `@"…"` (no backslash escapes). */
  verbatim?: boolean;
}

const SYNTAX: Record<CommentSyntax, Syntax> = {
  js: { line: ['//'], block: [['/*', '*/']], quotes: `'"`, backtick: true },
  c: { line: ['//'], block: [['/*', '*/']], quotes: `'"`, backtick: true, verbatim: true },
  python: { line: ['#'], block: [], quotes: `'"`, tripleQuotes: true },
  php: { line: ['//', '#'], block: [['/*', '*/']], quotes: `'"` },
  html: { line: [], block: [['<!--', '-->']], quotes: '' },
};

function blank(text: string): string {
  return text.replace(/[^\n\r]/g, ' ');
}

/**
 * Replaces every comment with spaces (newlines kept), leaving all offsets intact, so a detector
 * never fires on commented-out code and its positions still match the file. With `strings`, the
 * contents of string literals are blanked too (the quotes stay), for patterns that must match code only.
 */
export function blankComments(text: string, syntax: CommentSyntax, options: { strings?: boolean } = {}): string {
  const literal = (raw: string, open: number, close: number) =>
    options.strings ? raw.slice(0, open) + blank(raw.slice(open, raw.length - close)) + raw.slice(raw.length - close) : raw;
  const spec = SYNTAX[syntax];
  let out = '';
  let i = 0;
  const startsWith = (token: string) => text.startsWith(token, i);
  outer: while (i < text.length) {
    for (const token of spec.line) {
      if (startsWith(token)) {
        const end = text.indexOf('\n', i);
        const stop = end === -1 ? text.length : end;
        out += blank(text.slice(i, stop));
        i = stop;
        continue outer;
      }
    }
    for (const [open, close] of spec.block) {
      if (startsWith(open)) {
        const end = text.indexOf(close, i + open.length);
        const stop = end === -1 ? text.length : end + close.length;
        out += blank(text.slice(i, stop));
        i = stop;
        continue outer;
      }
    }
    const ch = text[i];
    if (spec.tripleQuotes && (startsWith('"""') || startsWith("'''"))) {
      const quote = text.slice(i, i + 3);
      const end = text.indexOf(quote, i + 3);
      const stop = end === -1 ? text.length : end + 3;
      out += blank(text.slice(i, stop));
      i = stop;
      continue;
    }
    if (spec.verbatim && ch === '@' && text[i + 1] === '"') {
      let j = i + 2;
      while (j < text.length && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      out += literal(text.slice(i, j + 1), 2, j < text.length ? 1 : 0);
      i = j + 1;
      continue;
    }
    if (spec.quotes.includes(ch) || (spec.backtick && ch === '`')) {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) {
        // a plain string ends at the line end even when unterminated, so one typo cannot swallow the file
        if (ch !== '`' && text[j] === '\n') break;
        j += text[j] === '\\' && ch !== '`' ? 2 : 1;
      }
      out += literal(text.slice(i, j + 1), 1, text[j] === ch ? 1 : 0);
      i = j + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Offsets of one comment in a text: `start` inclusive, `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** `text` with everything outside `ranges` blanked (newlines kept), so offsets stay in place. */
export function keepRanges(text: string, ranges: readonly TextRange[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    out += blank(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  return out + blank(text.slice(at));
}

/**
 * Only the comments of `text` (code and string literals blanked, newlines kept), for directives that
 * count in a comment and nowhere else. The complement of `blankComments`, from the same scanner.
 */
export function commentsOnly(text: string, syntax: CommentSyntax): string {
  const code = blankComments(text, syntax);
  // blankComments turns each comment character into a space and leaves every other one as it is
  return text.replace(/[^\n\r]/g, (ch, offset: number) => (code[offset] === ch ? ' ' : ch));
}

/** One argument of a call: its trimmed text and the offset where that text starts. */
export interface CallArgument {
  text: string;
  offset: number;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * The arguments of the call whose `(` is at `openParen` in comment-blanked text, split on
 * top-level commas; undefined when the parenthesis is never closed.
 */
export function splitCallArguments(text: string, openParen: number): CallArgument[] | undefined {
  const stack: string[] = [];
  const args: CallArgument[] = [];
  let start = openParen + 1;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim() !== '') args.push({ text: raw.trim(), offset: start + lead });
  };
  for (let i = openParen + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (ch in CLOSERS) {
      stack.push(CLOSERS[ch]);
    } else if (stack.length > 0 && ch === stack[stack.length - 1]) {
      stack.pop();
    } else if (stack.length === 0 && ch === ')') {
      push(i);
      return args;
    } else if (stack.length === 0 && ch === ',') {
      push(i);
      start = i + 1;
    }
  }
  return undefined;
}

/** The value of a string literal `'…'`, `"…"` or `` `…` `` without escapes or interpolation, else undefined. */
export function plainStringValue(text: string): string | undefined {
  const match = /^(['"`])([^'"`\\$]*)\1$/.exec(text.trim());
  return match ? match[2] : undefined;
}
