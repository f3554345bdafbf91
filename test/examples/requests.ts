/**
 * Sends the request cases of `examples/<name>/cases.json` to one running server, for tests that
 * check a single server's behaviour (the old/new comparison itself is `verify`'s job).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCasesFile, toRequestCases, type RequestCase } from '../../src/verify/cases.ts';
import { EXAMPLES_DIR } from './harness.ts';

const REQUEST_TIMEOUT_MS = 10_000;

/** Path of an example's cases file. */
export function casesFile(name: string): string {
  return path.join(EXAMPLES_DIR, name, 'cases.json');
}

/** The request cases of example `name`, parsed and validated by verify's own parser. */
export function loadCases(name: string): RequestCase[] {
  const file = casesFile(name);
  return toRequestCases(parseCasesFile(readFileSync(file, 'utf8'), file));
}

/** What a case expects, by the naming convention of the cases files. */
export type CaseKind = 'token' | 'bad-input' | 'unauthenticated' | 'no-route' | 'other';

/**
 * `bad: …` cases must be rejected with 400, `unauthenticated: …` with 401; `unknown route`,
 * `unknown function` and `wrong method…` find no route (404/405). Other cases must issue tokens,
 * except the `ping`/`health` probes.
 */
export function caseKind(testCase: RequestCase): CaseKind {
  if (testCase.name.startsWith('bad: ')) return 'bad-input';
  if (testCase.name.startsWith('unauthenticated: ')) return 'unauthenticated';
  if (/^(unknown (route|function)$|wrong method)/.test(testCase.name)) return 'no-route';
  if (/^(ping|health)$/.test(testCase.name)) return 'other';
  return 'token';
}

/** A response as the tests look at it. */
export interface CaseResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/** Sends one case to `baseUrl` and parses the JSON body (undefined when it is not JSON). */
export async function sendCase(baseUrl: string, testCase: RequestCase): Promise<CaseResponse> {
  const url = new URL(baseUrl + testCase.path);
  for (const [key, value] of Object.entries(testCase.query ?? {})) url.searchParams.append(key, value);
  const headers: Record<string, string> = { ...testCase.headers };
  if (testCase.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: testCase.method,
    headers,
    body: testCase.body === undefined ? undefined : JSON.stringify(testCase.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** The human-readable error message of an error body, in the shapes the examples use. */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string' && typeof record.message !== 'string') return record.error;
  if (typeof record.message === 'string') return record.message;
  const nested = record.error as Record<string, unknown> | undefined;
  return typeof nested === 'object' && nested !== null && typeof nested.message === 'string' ? nested.message : undefined;
}
