import { describe, expect, it } from 'vitest';
import { blankComments, commentsOnly, keepRanges, LineIndex, plainStringValue, splitCallArguments } from '../../src/check/source-text.ts';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns and back', () => {
    const index = new LineIndex('ab\ncde\n\nf');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 2 });
    expect(index.position(8)).toEqual({ line: 4, column: 1 });
    expect(index.offset(2, 2)).toBe(4);
  });
});

describe('blankComments', () => {
  it('blanks C-style comments but keeps strings, length and line breaks', () => {
    const text = 'a = "// not a comment"; // gone\n/* gone\n gone */ b';
    const out = blankComments(text, 'c');
    expect(out).toHaveLength(text.length);
    expect(out.split('\n')).toEqual(['a = "// not a comment";        ', '       ', '         b']);
  });

  it('blanks Python comments and triple-quoted strings, not # inside strings', () => {
    const out = blankComments('x = "#1"  # note\n"""doc\nstring"""\ny', 'python');
    expect(out).toBe('x = "#1"        \n      \n         \ny');
  });

  it('knows PHP # comments, HTML comments, C# verbatim strings and Go raw strings', () => {
    expect(blankComments('$a = 1; # x', 'php')).toBe('$a = 1;    ');
    expect(blankComments('<p><!-- <script> --></p>', 'html')).toBe(`<p>${' '.repeat(17)}</p>`);
    expect(blankComments('@"a ""//"" b" // c', 'c')).toBe('@"a ""//"" b"     ');
    expect(blankComments('`// raw` // c', 'c')).toBe('`// raw`     ');
  });

  it('optionally blanks string contents too, keeping the quotes', () => {
    expect(blankComments(`f("RtcTokenBuilder::x", 'y') // z`, 'php', { strings: true })).toBe(`f("                  ", ' ')     `);
  });

  it('stops an unterminated string at the end of its line', () => {
    expect(blankComments('"open\n// comment', 'c')).toBe('"open\n          ');
  });
});

describe('splitCallArguments', () => {
  it('splits top-level arguments with their offsets, skipping nested commas and strings', () => {
    const text = 'f(a, g(b, c), "x,y", [1, 2])';
    expect(splitCallArguments(text, 1)).toEqual([
      { text: 'a', offset: 2 },
      { text: 'g(b, c)', offset: 5 },
      { text: '"x,y"', offset: 14 },
      { text: '[1, 2]', offset: 21 },
    ]);
  });

  it('returns undefined for an unclosed call', () => {
    expect(splitCallArguments('f(a, b', 1)).toBeUndefined();
  });
});

describe('plainStringValue', () => {
  it('reads simple literals only', () => {
    expect(plainStringValue(`'abc'`)).toBe('abc');
    expect(plainStringValue('`abc`')).toBe('abc');
    expect(plainStringValue('`a${b}`')).toBeUndefined();
    expect(plainStringValue('abc')).toBeUndefined();
  });
});

describe('commentsOnly and keepRanges', () => {
  it('keeps the comments and blanks code and strings, offsets and newlines in place', () => {
    const text = 'x = "// no"; // yes\r\n\t/* b\n * c */ y = \'#\';';
    const comments = commentsOnly(text, 'js');
    expect(comments).toBe(`${' '.repeat(13)}// yes\r\n /* b\n * c */${' '.repeat(9)}`);
    expect(comments.length).toBe(text.length);
    expect(commentsOnly('s = "# no"  # yes', 'python')).toBe(`${' '.repeat(12)}# yes`);
  });

  it('keeps only the given ranges', () => {
    expect(keepRanges('ab // c\nd /* e */', [{ start: 10, end: 17 }, { start: 3, end: 7 }])).toBe('   // c\n  /* e */');
  });
});
