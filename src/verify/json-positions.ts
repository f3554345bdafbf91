/**
 * A small strict JSON parser that also records where each value starts, so errors in a cases
 * file can name the line and column of the offending entry (JSON.parse only gives a position for
 * syntax errors, and nothing for a value that parses but is wrong).
 */
import { childPath } from './values.ts';

/** 1-based line and column. */
export interface JsonPosition {
  line: number;
  column: number;
}

/** Malformed JSON, with the 1-based position of the first offending character. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly position: JsonPosition,
  ) {
    super(message);
  }
}

/** Parsed value plus the start position of every value by path (`$`, `$.cases[0].name`). */
export interface PositionedJson {
  value: unknown;
  positions: Map<string, JsonPosition>;
}

/** Parses `text` as JSON (RFC 8259; no comments, no trailing commas), recording value positions. */
export function parseJsonWithPositions(text: string): PositionedJson {
  const positions = new Map<string, JsonPosition>();
  let index = 0;

  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const positionAt = (offset: number): JsonPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
  const fail = (message: string, offset = index): never => {
    const found = offset < text.length ? `${JSON.stringify(text[offset])}` : 'end of input';
    throw new JsonSyntaxError(`${message} (found ${found})`, positionAt(offset));
  };
  const skipWhitespace = (): void => {
    while (index < text.length && ' \t\r\n'.includes(text[index])) index += 1;
  };
  const expect = (char: string): void => {
    if (text[index] !== char) fail(`expected ${JSON.stringify(char)}`);
    index += 1;
  };

  const parseString = (): string => {
    const start = index;
    expect('"');
    let out = '';
    for (;;) {
      if (index >= text.length) fail('unterminated string', start);
      const char = text[index];
      if (char === '"') {
        index += 1;
        return out;
      }
      if (char === '\\') {
        const escape = text[index + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (escape !== undefined && Object.hasOwn(simple, escape)) {
          out += simple[escape];
          index += 2;
        } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
          out += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
          index += 6;
        } else {
          fail('invalid escape in string');
        }
      } else if (char.charCodeAt(0) < 0x20) {
        fail('control character in string');
      } else {
        out += char;
        index += 1;
      }
    }
  };

  const parseValue = (path: string): unknown => {
    skipWhitespace();
    positions.set(path, positionAt(index));
    const char = text[index];
    if (char === '{') {
      index += 1;
      const object: Record<string, unknown> = {};
      skipWhitespace();
      if (text[index] === '}') {
        index += 1;
        return object;
      }
      for (;;) {
        skipWhitespace();
        if (text[index] !== '"') fail('expected a property name in double quotes');
        const key = parseString();
        skipWhitespace();
        expect(':');
        object[key] = parseValue(childPath(path, key));
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        expect('}');
        return object;
      }
    }
    if (char === '[') {
      index += 1;
      const array: unknown[] = [];
      skipWhitespace();
      if (text[index] === ']') {
        index += 1;
        return array;
      }
      for (;;) {
        array.push(parseValue(childPath(path, array.length)));
        skipWhitespace();
        if (text[index] === ',') {
          index += 1;
          continue;
        }
        expect(']');
        return array;
      }
    }
    if (char === '"') return parseString();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(index, index + 400));
    if (!literal) return fail('expected a JSON value');
    index += literal[0].length;
    return literal[0] === 'true' ? true : literal[0] === 'false' ? false : literal[0] === 'null' ? null : Number(literal[0]);
  };

  const value = parseValue('$');
  skipWhitespace();
  if (index < text.length) fail('unexpected text after the JSON value');
  return { value, positions };
}
