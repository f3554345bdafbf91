/**
 * The `--cases FILE` format shared by both `verify` modes (schema in ./README.md): a JSON object
 * `{ "cases": [...], ...settings }` or a bare array of cases. In matrix mode a case describes one
 * v1 builder call; with `--old-url/--new-url` it describes one HTTP request.
 */
import { CasesFileError } from './errors.ts';
import { JsonSyntaxError, parseJsonWithPositions, type JsonPosition } from './json-positions.ts';
import { childPath } from './values.ts';

/** The v1 `privilegeExpiredTs` argument of a matrix case. */
export type MatrixExpiry =
  /** The argument is not passed at all (v1 writes 0: never expires). */
  | { kind: 'missing' }
  /** An absolute unix time in seconds, passed verbatim (0 = never). */
  | { kind: 'absolute'; privilegeExpiredTs: number }
  /** `now + seconds` (negative = in the past). */
  | { kind: 'relative'; seconds: number };

/** One v1 RTC builder call: `buildTokenWithUid` (numeric uid) or `buildTokenWithAccount`. */
export interface RtcMatrixCase {
  name: string;
  service: 'rtc';
  channel: string;
  uid: number | string;
  builder: 'uid' | 'account';
  /** Passed verbatim to the v1 builder and through `toV2Role` to the v2 builder. */
  role: unknown;
  expiry: MatrixExpiry;
}

/** One v1 `RtmTokenBuilder.buildToken(appId, cert, account, RtmRole.Rtm_User, ts)` call. */
export interface RtmMatrixCase {
  name: string;
  service: 'rtm';
  account: string;
  expiry: MatrixExpiry;
}

export type MatrixCase = RtcMatrixCase | RtmMatrixCase;

/** One HTTP request sent identically to the old and the new server. */
export interface RequestCase {
  name: string;
  method: string;
  /** Path (and optionally query) appended to the server URL, starting with `/`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON body (sent with `content-type: application/json`). */
  body?: unknown;
}

/** Settings a cases file may carry next to its cases. */
export interface CasesSettings {
  appId?: string;
  appCertificate?: string;
  tolerance?: number;
  timeoutMs?: number;
  maxRequests?: number;
  timeFields?: string[];
  ignore?: string[];
}

/** A parsed (not yet mode-checked) cases file. */
export interface CasesFile {
  file: string;
  settings: CasesSettings;
  rawCases: unknown[];
  positions: Map<string, JsonPosition>;
}

const SETTING_KEYS = new Set(['cases', 'appId', 'appCertificate', 'tolerance', 'timeoutMs', 'maxRequests', 'timeFields', 'ignore', '$schema', 'description']);

class Validator {
  constructor(
    private readonly file: string,
    private readonly positions: Map<string, JsonPosition>,
  ) {}

  fail(path: string, message: string): never {
    // the nearest recorded ancestor locates a missing property at its object
    let probe = path;
    let position = this.positions.get(probe);
    while (!position && probe.length > 1) {
      probe = probe.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
      position = this.positions.get(probe);
      if (probe === '$') break;
    }
    const { line, column } = position ?? { line: 1, column: 1 };
    throw new CasesFileError(this.file, line, column, `${path.replace(/^\$\.?/, '') || 'the file'} ${message}`);
  }

  record(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'must be an object');
    return value as Record<string, unknown>;
  }

  onlyKeys(object: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.fail(childPath(path, key), `is not a known field here (known: ${allowed.join(', ')})`);
    }
  }

  string(value: unknown, path: string, { nonEmpty = false } = {}): string {
    if (typeof value !== 'string') this.fail(path, 'must be a string');
    if (nonEmpty && value.length === 0) this.fail(path, 'must not be empty');
    return value as string;
  }

  optionalString(value: unknown, path: string): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  number(value: unknown, path: string, { integer = false, min }: { integer?: boolean; min?: number } = {}): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, 'must be a number');
    const n = value as number;
    if (integer && !Number.isInteger(n)) this.fail(path, 'must be an integer');
    if (min !== undefined && n < min) this.fail(path, `must be at least ${min}`);
    return n;
  }

  stringRecord(value: unknown, path: string): Record<string, string> | undefined {
    if (value === undefined) return undefined;
    const object = this.record(value, path);
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(object)) {
      if (typeof item === 'string') out[key] = item;
      else if (typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
      else this.fail(childPath(path, key), 'must be a string, number or boolean');
    }
    return out;
  }

  stringArray(value: unknown, path: string): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.fail(path, 'must be an array of strings');
    return (value as unknown[]).map((item, i) => this.string(item, childPath(path, i)));
  }
}

/** Parses the text of a cases file; `file` names it in errors. Throws {@link CasesFileError}. */
export function parseCasesFile(text: string, file: string): CasesFile {
  let parsed;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new CasesFileError(file, error.position.line, error.position.column, `invalid JSON: ${error.message}`);
    throw error;
  }
  const v = new Validator(file, parsed.positions);
  if (Array.isArray(parsed.value)) {
    // a bare array is `{ "cases": [...] }`; re-key the positions so paths read `cases[3].uid`
    const positions = new Map<string, JsonPosition>();
    for (const [path, position] of parsed.positions) positions.set(path === '$' ? '$' : `$.cases${path.slice(1)}`, position);
    positions.set('$.cases', parsed.positions.get('$') ?? { line: 1, column: 1 });
    return { file, settings: {}, rawCases: parsed.value, positions };
  }
  const root = v.record(parsed.value, '$');
  v.onlyKeys(root, '$', [...SETTING_KEYS]);
  if (!Array.isArray(root.cases)) v.fail('$.cases', 'must be an array of cases');
  const settings: CasesSettings = {
    appId: v.optionalString(root.appId, '$.appId'),
    appCertificate: v.optionalString(root.appCertificate, '$.appCertificate'),
    tolerance: root.tolerance === undefined ? undefined : v.number(root.tolerance, '$.tolerance', { min: 0 }),
    timeoutMs: root.timeoutMs === undefined ? undefined : v.number(root.timeoutMs, '$.timeoutMs', { integer: true, min: 1 }),
    maxRequests: root.maxRequests === undefined ? undefined : v.number(root.maxRequests, '$.maxRequests', { integer: true, min: 1 }),
    timeFields: v.stringArray(root.timeFields, '$.timeFields'),
    ignore: v.stringArray(root.ignore, '$.ignore'),
  };
  for (const key of Object.keys(settings) as (keyof CasesSettings)[]) if (settings[key] === undefined) delete settings[key];
  return { file, settings, rawCases: root.cases as unknown[], positions: parsed.positions };
}

function parseExpiry(v: Validator, c: Record<string, unknown>, path: string): MatrixExpiry {
  if (c.expiresIn !== undefined && c.privilegeExpiredTs !== undefined) v.fail(childPath(path, 'expiresIn'), 'and privilegeExpiredTs are exclusive; give one or neither');
  if (c.expiresIn !== undefined) return { kind: 'relative', seconds: v.number(c.expiresIn, childPath(path, 'expiresIn'), { integer: true }) };
  if (c.privilegeExpiredTs !== undefined) {
    return { kind: 'absolute', privilegeExpiredTs: v.number(c.privilegeExpiredTs, childPath(path, 'privilegeExpiredTs'), { integer: true, min: 0 }) };
  }
  return { kind: 'missing' };
}

/** The cases of `file` as matrix cases (v1 builder calls). Throws {@link CasesFileError}. */
export function toMatrixCases(file: CasesFile): MatrixCase[] {
  const v = new Validator(file.file, file.positions);
  if (file.rawCases.length === 0) v.fail('$.cases', 'must contain at least one case');
  return file.rawCases.map((raw, index): MatrixCase => {
    const path = `$.cases[${index}]`;
    const c = v.record(raw, path);
    const service = c.service ?? 'rtc';
    if (service !== 'rtc' && service !== 'rtm') return v.fail(childPath(path, 'service'), 'must be "rtc" or "rtm"');
    const name = c.name === undefined ? `case ${index + 1}` : v.string(c.name, childPath(path, 'name'), { nonEmpty: true });
    if (service === 'rtm') {
      v.onlyKeys(c, path, ['name', 'service', 'account', 'expiresIn', 'privilegeExpiredTs']);
      return { name, service, account: v.string(c.account, childPath(path, 'account')), expiry: parseExpiry(v, c, path) };
    }
    v.onlyKeys(c, path, ['name', 'service', 'channel', 'uid', 'builder', 'role', 'expiresIn', 'privilegeExpiredTs']);
    const channel = v.string(c.channel, childPath(path, 'channel'));
    if (typeof c.uid !== 'string' && typeof c.uid !== 'number') v.fail(childPath(path, 'uid'), 'must be a number or a string (user account)');
    const uid = c.uid as number | string;
    const builder = c.builder ?? (typeof uid === 'number' ? 'uid' : 'account');
    if (builder !== 'uid' && builder !== 'account') v.fail(childPath(path, 'builder'), 'must be "uid" or "account"');
    if (c.role !== undefined && c.role !== null && typeof c.role !== 'number' && typeof c.role !== 'string') {
      v.fail(childPath(path, 'role'), 'must be a number, a string or null');
    }
    return { name, service, channel, uid, builder: builder as 'uid' | 'account', role: c.role ?? undefined, expiry: parseExpiry(v, c, path) };
  });
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The cases of `file` as HTTP request cases. Throws {@link CasesFileError}. */
export function toRequestCases(file: CasesFile): RequestCase[] {
  const v = new Validator(file.file, file.positions);
  if (file.rawCases.length === 0) v.fail('$.cases', 'must contain at least one case');
  return file.rawCases.map((raw, index): RequestCase => {
    const path = `$.cases[${index}]`;
    const c = v.record(raw, path);
    v.onlyKeys(c, path, ['name', 'method', 'path', 'query', 'headers', 'body']);
    const requestPath = v.string(c.path, childPath(path, 'path'));
    if (!requestPath.startsWith('/')) v.fail(childPath(path, 'path'), 'must start with "/" (it is appended to --old-url and --new-url)');
    const method = (c.method === undefined ? (c.body === undefined ? 'GET' : 'POST') : v.string(c.method, childPath(path, 'method'))).toUpperCase();
    if (!METHODS.includes(method)) v.fail(childPath(path, 'method'), `must be one of ${METHODS.join(', ')}`);
    if (method === 'GET' && c.body !== undefined) v.fail(childPath(path, 'body'), 'cannot be sent with GET');
    const name = c.name === undefined ? `${method} ${requestPath}` : v.string(c.name, childPath(path, 'name'), { nonEmpty: true });
    const out: RequestCase = { name, method, path: requestPath };
    const query = v.stringRecord(c.query, childPath(path, 'query'));
    const headers = v.stringRecord(c.headers, childPath(path, 'headers'));
    if (query) out.query = query;
    if (headers) out.headers = headers;
    if (c.body !== undefined) out.body = c.body;
    return out;
  });
}
