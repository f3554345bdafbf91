/**
 * A v2-shaped RTM call still on the v1 package (`buildToken(app, cert, user, 3600)`) is migrated as
 * written with a review marker that states what v1 issued and what v2 will issue. These tests prove
 * the marker's words with the real packages: v1 reads 3600 as the role and issues a 24-hour token
 * whose login never expires; agora-token issues 3600 seconds. The fixture
 * (test/fixtures/accesstoken2/manual-review-rtm-v2-shape-on-v1) is compared against the call the author meant in
 * the semantic suite; here its input is compared against its output, which must differ in exactly
 * the lifetimes the marker names.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toClaims, decodeToken } from '../../src/token/index.ts';
import { checkFixture, discoverFixtures, TEST_APP_CERTIFICATE, TEST_APP_ID } from '../helpers/semantic.ts';

const require = createRequire(import.meta.url);
type RtmBuilder = { RtmTokenBuilder: { buildToken: (...args: unknown[]) => string } };
const v1 = require('agora-access-token') as RtmBuilder;
const v2 = require('agora-token') as RtmBuilder;

describe('RTM buildToken(app, cert, user, 3600)', () => {
  it('on agora-access-token: 3600 is the role, and the token lasts 24 hours with a login that never expires', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = toClaims(decodeToken(v1.RtmTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'alice', 3600)));
    expect(claims.version).toBe('006');
    expect(Math.abs((claims.tokenDeadline as number) - (now + 86400))).toBeLessThanOrEqual(2);
    expect(claims.services).toHaveLength(1);
    expect(claims.services[0].privileges).toEqual([expect.objectContaining({ raw: 0, deadline: null })]);
  });

  it('on agora-token: the token and its login last 3600 seconds', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = toClaims(decodeToken(v2.RtmTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, 'alice', 3600)));
    expect(claims.version).toBe('007');
    expect(claims.expire).toBe(3600);
    expect(Math.abs((claims.tokenDeadline as number) - (now + 3600))).toBeLessThanOrEqual(2);
    expect(claims.services[0].privileges).toEqual([expect.objectContaining({ raw: 3600 })]);
  });
});

describe('fixture accesstoken2/manual-review-rtm-v2-shape-on-v1', () => {
  const fixture = discoverFixtures(new URL('../fixtures/', import.meta.url).pathname).find((f) => f.id === 'accesstoken2/manual-review-rtm-v2-shape-on-v1');

  it('has a .v1 reference (the call the author meant) and markers that state both lifetimes', () => {
    expect(fixture?.v1).toBeDefined();
    const output = readFileSync(fixture?.output as string, 'utf8');
    const markers = output.split('\n').filter((line) => line.includes('TODO agora-token-migrate: manual review'));
    expect(markers).toHaveLength(2);
    for (const [marker, seconds] of markers.map((m, i) => [m, [3600, 600][i]] as const)) {
      expect(marker).toContain('issued a 24-hour token whose login never expires');
      expect(marker).toContain(`AccessToken2 will issue a token that expires ${seconds} seconds after it is issued`);
    }
  });

  it('its input (what v1 really issued) and output differ only in the token and login lifetimes', async () => {
    const report = await checkFixture({ ...(fixture as NonNullable<typeof fixture>), v1: undefined });
    expect(report.tokens).toBeGreaterThan(0);
    expect(report.problems.length).toBeGreaterThan(0);
    // every difference is a lifetime: none about the user, app, services or signature
    expect(report.problems.some((problem) => problem.includes('token-expire: v1 has privileges that never expire'))).toBe(true);
    expect(report.problems.some((problem) => problem.includes('rtm.login-deadline'))).toBe(true);
    for (const problem of report.problems) expect(problem).toMatch(/: token [^:]*: (token-deadline|rtm\.privilege\.\d+|rtm\.login-deadline|token-expire)[^:]*: /);
  });
});
