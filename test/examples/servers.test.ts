/**
 * Each example server, before and after migration, is a good citizen on its own: every case of its
 * cases file gets the answer its name promises (`bad: …` → 400 with a JSON message, unknown routes
 * → 404/405, the rest → tokens of the expected generation for our App ID). This keeps the cases
 * files honest: a case meant to reach a token branch really does.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken } from '../../src/token/decode.ts';
import { findTokens } from '../../src/verify/values.ts';
import { EXAMPLES, EXAMPLES_DIR, TEST_APP_ID, isDirectory, listNodeExampleDirs, startExample, type RunningServer } from './harness.ts';
import { caseKind, errorMessage, loadCases, sendCase } from './requests.ts';

describe('examples/', () => {
  it('has a launch entry in the harness for every example directory, and nothing else', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(listNodeExampleDirs());
  });

  it.each(listNodeExampleDirs())('%s has before/, after/ and a cases file covering tokens and bad input', (name) => {
    expect(isDirectory(path.join(EXAMPLES_DIR, name, 'before'))).toBe(true);
    expect(isDirectory(path.join(EXAMPLES_DIR, name, 'after'))).toBe(true);
    const kinds = new Set(loadCases(name).map(caseKind));
    expect(kinds).toContain('token');
    expect(kinds).toContain('bad-input');
    expect(kinds).toContain('no-route');
  });
});

const SIDES = [
  { side: 'before', version: '006' },
  { side: 'after', version: '007' },
] as const;

for (const name of listNodeExampleDirs()) {
  for (const { side, version } of SIDES) {
    describe(`${name}/${side} serves its cases`, () => {
      let server: RunningServer | undefined;

      beforeAll(async () => {
        server = await startExample(name, path.join(EXAMPLES_DIR, name, side), side);
      });

      afterAll(async () => {
        await server?.stop();
      });

      it.each(loadCases(name).map((testCase) => [testCase.name, testCase] as const))('%s', async (_, testCase) => {
        const response = await sendCase(server!.url, testCase);
        expect(response.contentType).toMatch(/^application\/json/);
        switch (caseKind(testCase)) {
          case 'bad-input':
            expect(response.status).toBe(400);
            expect(errorMessage(response.body)).toMatch(/\w/);
            break;
          case 'unauthenticated':
            expect(response.status).toBe(401);
            expect(errorMessage(response.body)).toMatch(/\w/);
            break;
          case 'no-route':
            expect([404, 405]).toContain(response.status);
            break;
          case 'other':
            expect(response.status).toBe(200);
            expect(findTokens(response.body)).toEqual([]);
            break;
          case 'token': {
            expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(200);
            expect(response.status).toBeLessThan(300);
            const tokens = findTokens(response.body);
            expect(tokens.length).toBeGreaterThan(0);
            for (const { token } of tokens) {
              const decoded = decodeToken(token);
              expect(decoded.version).toBe(version);
              expect(decoded.appId).toBe(TEST_APP_ID);
            }
            break;
          }
        }
        expect(server!.stderr()).toBe('');
      });
    });
  }
}
