/**
 * `verify --old-url --new-url`: a differential check of two running token servers. Each case is
 * sent once to each server (concurrently, so both read the clock at nearly the same instant);
 * tokens are found anywhere in the responses and paired by path, their claims compared with
 * compareClaims; everything else (status, media type, every other JSON field or the text body)
 * must be equal, clock-dependent fields within the tolerance.
 *
 * Bounded on purpose: one attempt per request (no retries), a per-request timeout covering the
 * body, a cap on the number of requests (checked before anything is sent) and on the body size.
 */
import { compareClaims, decodeToken, maskSecret, type ClaimDifference } from '../token/index.ts';
import type { RequestCase } from './cases.ts';
import { VerifyInputError } from './errors.ts';
import { summarizeToken } from './summary.ts';
import { compareValues, findTokens, isTimeFieldName, isTokenString, type ValueDifference } from './values.ts';

/** Requests covering the common token-server shapes, used when no cases file is given. */
export const DEFAULT_REQUEST_CASES: readonly RequestCase[] = [
  { name: 'rtc publisher uid', method: 'GET', path: '/rtc/test-channel/publisher/uid/42' },
  { name: 'rtc audience uid 0', method: 'GET', path: '/rtc/test-channel/audience/uid/0' },
  { name: 'rtc subscriber uid, expiry 600', method: 'GET', path: '/rtc/test-channel/subscriber/uid/7', query: { expiry: '600' } },
  { name: 'rtc publisher userAccount', method: 'GET', path: '/rtc/test-channel/publisher/userAccount/alice' },
  { name: 'rtm user', method: 'GET', path: '/rtm/alice' },
  { name: 'fetch_rtc_token publisher', method: 'POST', path: '/fetch_rtc_token', body: { uid: 42, ChannelName: 'test-channel', role: 1 } },
  { name: 'fetch_rtc_token subscriber uid 0', method: 'POST', path: '/fetch_rtc_token', body: { uid: 0, ChannelName: 'test-channel', role: 2 } },
  { name: 'fetch_rtc_token attendee (role 0)', method: 'POST', path: '/fetch_rtc_token', body: { uid: 43, ChannelName: 'test-channel', role: 0 } },
];

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_REQUESTS = 200;
/** Larger bodies are refused: a token response is a few hundred bytes. */
export const MAX_BODY_BYTES = 1 << 20;

/** Options of {@link verifyServers}. */
export interface VerifyServersOptions {
  oldUrl: string;
  newUrl: string;
  /** Defaults to {@link DEFAULT_REQUEST_CASES}. */
  cases?: readonly RequestCase[];
  /** When given, signatures are checked too; it is masked in every message. */
  appCertificate?: string;
  /** Per request, including reading the body (default 5000). */
  timeoutMs?: number;
  /** Refuse to start if the cases need more requests than this (default 200; two per case). */
  maxRequests?: number;
  /** Seconds allowed between clock-dependent values (claims, `expiresAt`, ISO dates; default 2). */
  tolerance?: number;
  /** Extra field names that hold clock-dependent values (besides names like `expiresAt`, `exp`, `timestamp`). */
  timeFields?: readonly string[];
  /** Paths not compared, e.g. `$.requestId`. */
  ignore?: readonly string[];
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** What one server answered (or why it did not). */
export interface ServerResponse {
  url: string;
  status?: number;
  /** Media type without parameters (`application/json`). */
  contentType?: string;
  /** Parsed JSON, or the text body. */
  body?: unknown;
  /** Network error, timeout or oversized body. */
  error?: string;
}

/** A token pair found at the same path in both responses. */
export interface TokenComparison {
  path: string;
  oldClaims?: string;
  newClaims?: string;
  differences: ClaimDifference[];
}

/** Result of one request case. */
export interface ServerCaseResult {
  name: string;
  method: string;
  path: string;
  old: ServerResponse;
  new: ServerResponse;
  tokens: TokenComparison[];
  /** Status, media type and non-token field differences. */
  fieldDifferences: ValueDifference[];
  status: 'equivalent' | 'different' | 'error';
}

/** Result of a server run. */
export interface ServersReport {
  mode: 'servers';
  oldUrl: string;
  newUrl: string;
  equivalent: boolean;
  /** True when a request failed (network, timeout): the run could not conclude. */
  errors: boolean;
  /** Set when no response on either side contained a token: nothing was really verified. */
  noTokens: boolean;
  cases: ServerCaseResult[];
}

function joinUrl(base: string, c: RequestCase): string {
  const url = new URL(base.replace(/\/+$/, '') + c.path);
  for (const [key, value] of Object.entries(c.query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Error(`response body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function send(fetchFn: typeof fetch, url: string, c: RequestCase, timeoutMs: number): Promise<ServerResponse> {
  const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.1', ...c.headers };
  let body: string | undefined;
  if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  try {
    // redirect: 'manual' compares the servers' own answers, not wherever they point
    const res = await fetchFn(url, { method: c.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await readLimited(res);
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    let parsed: unknown = text;
    if (/[/+]json$/.test(contentType) || /^\s*[{[]/.test(text)) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON after all: compare the text
      }
    }
    if (typeof parsed === 'string' && isTokenString(parsed.trim())) parsed = parsed.trim();
    return { url, status: res.status, contentType, body: parsed };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { url, error: timedOut ? `no response within ${timeoutMs} ms` : `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

function compareResponses(a: ServerResponse, b: ServerResponse, options: Required<Pick<VerifyServersOptions, 'tolerance'>> & VerifyServersOptions): Pick<ServerCaseResult, 'tokens' | 'fieldDifferences'> {
  const fieldDifferences: ValueDifference[] = [];
  if (a.status !== b.status) fieldDifferences.push({ path: 'status', message: `${a.status} vs ${b.status}` });
  if (a.contentType !== b.contentType) fieldDifferences.push({ path: 'content-type', message: `${a.contentType || '(none)'} vs ${b.contentType || '(none)'}` });
  const extraTimeFields = new Set(options.timeFields ?? []);
  fieldDifferences.push(
    ...compareValues(a.body, b.body, {
      toleranceSeconds: options.tolerance,
      isTimeField: (key) => extraTimeFields.has(key) || isTimeFieldName(key),
      ignorePaths: new Set(options.ignore ?? []),
    }),
  );
  const newTokens = new Map(findTokens(b.body).map((t) => [t.path, t.token]));
  const tokens: TokenComparison[] = [];
  for (const { path, token: oldToken } of findTokens(a.body)) {
    const newToken = newTokens.get(path);
    if (newToken === undefined || options.ignore?.includes(path)) continue; // reported by compareValues
    tokens.push(compareTokenPair(path, oldToken, newToken, options));
  }
  return { tokens, fieldDifferences };
}

function compareTokenPair(path: string, oldToken: string, newToken: string, options: VerifyServersOptions & { tolerance: number }): TokenComparison {
  const now = Math.floor(Date.now() / 1000);
  const result: TokenComparison = { path, differences: [] };
  const decoded = [oldToken, newToken].map((token, i) => {
    try {
      return decodeToken(token);
    } catch (error) {
      result.differences.push({ claim: 'decode', message: `${i === 0 ? 'old' : 'new'} token: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    }
  });
  if (decoded[0]) result.oldClaims = summarizeToken(decoded[0], now);
  if (decoded[1]) result.newClaims = summarizeToken(decoded[1], now);
  if (decoded[0] && decoded[1]) {
    // equal claims from a new server that still builds AccessToken (006) prove no migration
    if (decoded[1].version !== '007') {
      result.differences.push({ claim: 'version', message: `new token is ${decoded[1].version}: the migrated server must issue AccessToken2 (007)` });
    }
    result.differences.push(...compareClaims(decoded[0], decoded[1], { certificate: options.appCertificate, tolerance: options.tolerance }));
  }
  return result;
}

/** The parsed base URL; a URL with credentials is refused without echoing it (it would print the password). */
function parseHttpUrl(value: string, flag: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // unparseable: echoed below unless it may hold a user:password@ part
  }
  if (url ? url.username !== '' || url.password !== '' : value.includes('@')) {
    throw new VerifyInputError(`${flag}: credentials in the URL (user:password@host) are not supported; give the URL without them (it is not shown here)`);
  }
  if (!url) throw new VerifyInputError(`${flag} ${JSON.stringify(value)} is not a URL (expected e.g. http://127.0.0.1:8080)`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new VerifyInputError(`${flag} must be an http:// or https:// URL, got ${url.protocol}`);
  return url;
}

/** The two bases as requests are built from them (`joinUrl` drops trailing slashes). */
function sameBase(a: URL, b: URL): boolean {
  return a.href.replace(/\/+$/, '') === b.href.replace(/\/+$/, '');
}

/** Masks `secret` wherever it occurs in `text`. */
export function maskIn(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join(maskSecret(secret)) : text;
}

/**
 * Sends every case to both servers and compares the answers; a new-side token must be 007 (the
 * old side may issue 006 or 007). Throws VerifyInputError for bad URLs (not http(s), with
 * credentials, both the same) or a request budget that is too small; request failures are
 * reported per case, never thrown.
 */
export async function verifyServers(options: VerifyServersOptions): Promise<ServersReport> {
  const oldBase = parseHttpUrl(options.oldUrl, '--old-url');
  const newBase = parseHttpUrl(options.newUrl, '--new-url');
  if (sameBase(oldBase, newBase)) {
    throw new VerifyInputError(
      `--old-url and --new-url are the same server (${oldBase.href}): give the server still on agora-access-token and the migrated one`,
    );
  }
  const cases = options.cases ?? DEFAULT_REQUEST_CASES;
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tolerance = options.tolerance ?? 2;
  if (cases.length * 2 > maxRequests) {
    throw new VerifyInputError(`${cases.length} cases need ${cases.length * 2} requests, more than the limit of ${maxRequests} (raise --max-requests or "maxRequests")`);
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  const results: ServerCaseResult[] = [];
  // one case at a time: a slow or failing server sees at most two requests in flight
  for (const c of cases) {
    const [oldResponse, newResponse] = await Promise.all([
      send(fetchFn, joinUrl(options.oldUrl, c), c, timeoutMs),
      send(fetchFn, joinUrl(options.newUrl, c), c, timeoutMs),
    ]);
    const base = { name: c.name, method: c.method, path: c.path, old: oldResponse, new: newResponse };
    if (oldResponse.error || newResponse.error) {
      results.push({ ...base, tokens: [], fieldDifferences: [], status: 'error' });
      continue;
    }
    const compared = compareResponses(oldResponse, newResponse, { ...options, tolerance });
    const equivalent = compared.fieldDifferences.length === 0 && compared.tokens.every((t) => t.differences.length === 0);
    results.push({ ...base, ...compared, status: equivalent ? 'equivalent' : 'different' });
  }
  const noTokens = results.every((r) => findTokens(r.old.body).length === 0 && findTokens(r.new.body).length === 0);
  const errors = results.some((r) => r.status === 'error');
  return {
    mode: 'servers',
    oldUrl: options.oldUrl,
    newUrl: options.newUrl,
    equivalent: !errors && !noTokens && results.every((r) => r.status === 'equivalent'),
    errors,
    noTokens,
    cases: results,
  };
}
