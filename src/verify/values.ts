/**
 * Finding tokens inside arbitrary values (a server's JSON response, a function's return value) and
 * comparing everything around them. Shared by `verify --old-url/--new-url` and the semantic test
 * harness, so both agree on what "the same response apart from the tokens" means.
 */

/** A whole string that looks like a 006 or 007 token (standard base64 body). */
export const TOKEN_PATTERN = /^00[67][A-Za-z0-9+/=]+$/;

/** Whether `value` is a string shaped like a 006/007 token. */
export function isTokenString(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** A token found at `path` (JSONPath-like: `$`, `$.rtcToken`, `$.tokens[1]`, `$["a b"]`). */
export interface FoundToken {
  path: string;
  token: string;
}

/** One non-token difference between two values, located by path. */
export interface ValueDifference {
  path: string;
  message: string;
}

/** Path of property `key` under `parent`, quoting keys that are not identifiers. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON document carried in a string (a Lambda or Firebase handler's `body: JSON.stringify({ token })`):
 * its parsed value, else undefined.
 */
function embeddedJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** Where the JSON inside a string at `path` is walked. */
const jsonPath = (path: string) => `${path}(json)`;

/** Every token string in `value`, at any depth (JSON inside strings too), in document order. */
export function findTokens(value: unknown, path = '$'): FoundToken[] {
  if (isTokenString(value)) return [{ path, token: value }];
  const embedded = embeddedJson(value);
  if (embedded !== undefined) return findTokens(embedded, jsonPath(path));
  if (Array.isArray(value)) return value.flatMap((item, index) => findTokens(item, childPath(path, index)));
  if (isPlainRecord(value)) return Object.keys(value).flatMap((key) => findTokens(value[key], childPath(path, key)));
  return [];
}

/** Options for {@link compareValues}. */
export interface CompareValuesOptions {
  /**
   * Whether the field `key` (at `path`) holds a clock-dependent value; such numbers (seconds, or
   * milliseconds when above 1e11) and numeric strings may differ by `toleranceSeconds`.
   */
  isTimeField?: (key: string, path: string) => boolean;
  /** Allowed drift for time fields and ISO-8601 date strings, in seconds (default 0: exact). */
  toleranceSeconds?: number;
  /** Paths to skip entirely (exact match, e.g. `$.requestId`). */
  ignorePaths?: ReadonlySet<string>;
}

/** ISO-8601 date-time strings are clock-dependent wherever they appear. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function withinTolerance(a: number, b: number, toleranceSeconds: number): boolean {
  // epoch milliseconds (1e11 ms is 1973; 1e11 s is year 5138) get the tolerance in milliseconds
  const scale = Math.abs(a) > 1e11 || Math.abs(b) > 1e11 ? 1000 : 1;
  return Math.abs(a - b) <= toleranceSeconds * scale;
}

function asTimeNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Differences between `a` and `b` outside their tokens. Tokens are expected at the same paths on
 * both sides (their claims are compared elsewhere); a token on one side only is a difference.
 */
export function compareValues(a: unknown, b: unknown, options: CompareValuesOptions = {}): ValueDifference[] {
  const differences: ValueDifference[] = [];
  const tolerance = options.toleranceSeconds ?? 0;
  const walk = (x: unknown, y: unknown, path: string, key: string): void => {
    if (options.ignorePaths?.has(path)) return;
    const xToken = isTokenString(x);
    const yToken = isTokenString(y);
    if (xToken && yToken) return;
    if (xToken !== yToken) {
      differences.push({ path, message: `a token on one side only (${xToken ? 'first' : 'second'}); the other has ${describe(xToken ? y : x)}` });
      return;
    }
    const [xJson, yJson] = [embeddedJson(x), embeddedJson(y)];
    if (xJson !== undefined && yJson !== undefined) {
      walk(xJson, yJson, jsonPath(path), key);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) differences.push({ path, message: `array length ${x.length} vs ${y.length}` });
      for (let i = 0; i < Math.min(x.length, y.length); i += 1) walk(x[i], y[i], childPath(path, i), key);
      return;
    }
    if (isPlainRecord(x) && isPlainRecord(y)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
      for (const k of keys) {
        const p = childPath(path, k);
        if (options.ignorePaths?.has(p)) continue;
        if (!Object.hasOwn(x, k)) differences.push({ path: p, message: `missing on the first side; the second has ${describe(y[k])}` });
        else if (!Object.hasOwn(y, k)) differences.push({ path: p, message: `missing on the second side; the first has ${describe(x[k])}` });
        else walk(x[k], y[k], p, k);
      }
      return;
    }
    if (Object.is(x, y)) return;
    if (tolerance > 0 && options.isTimeField?.(key, path)) {
      const xn = asTimeNumber(x);
      const yn = asTimeNumber(y);
      if (xn !== undefined && yn !== undefined && typeof x === typeof y) {
        if (withinTolerance(xn, yn, tolerance)) return;
        differences.push({ path, message: `time value ${describe(x)} vs ${describe(y)} differs by more than ${tolerance} s` });
        return;
      }
    }
    if (typeof x === 'string' && typeof y === 'string' && ISO_DATE_TIME.test(x) && ISO_DATE_TIME.test(y)) {
      if (Math.abs(Date.parse(x) - Date.parse(y)) <= tolerance * 1000) return;
      differences.push({ path, message: `date ${describe(x)} vs ${describe(y)} differs by more than ${tolerance} s` });
      return;
    }
    differences.push({ path, message: `${describe(x)} vs ${describe(y)}` });
  };
  walk(a, b, '$', '');
  return differences;
}

/** Default test for clock-dependent field names: `expiresAt`, `exp`, `iat`, `timestamp`, `privilegeExpiredTs`… */
export function isTimeFieldName(key: string): boolean {
  // camelCase suffixes are case-sensitive so that `format` or `beats` do not count
  return /expir|deadline|timestamp|^(iat|exp|nbf|ts|now|date|time)$|_(at|ts|time)$/i.test(key) || /[a-z0-9](At|Ts|Time)$/.test(key);
}
