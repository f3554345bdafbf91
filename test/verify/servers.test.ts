import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_CASES, formatServersReport, verifyServers, VerifyInputError, type RequestCase } from '../../src/verify/index.ts';
import { TEST_APP_CERTIFICATE } from '../../src/verify/index.ts';
import { startTokenServer, type RunningServer } from '../helpers/token-servers.ts';

let oldServer: RunningServer;
let newServer: RunningServer;
let wrongServer: RunningServer;
let skewedServer: RunningServer;

beforeAll(async () => {
  [oldServer, newServer, wrongServer, skewedServer] = await Promise.all([
    startTokenServer({ generation: 'v1' }),
    startTokenServer({ generation: 'v2' }),
    // the two classic migration mistakes: privileges that never expire, role 0 passed through
    startTokenServer({ generation: 'v2', mapping: { toPrivilegeExpire: () => 0, toV2Role: (role) => role } }),
    startTokenServer({ generation: 'v2', expiresAtSkew: 60, extraFields: { server: 'new' }, missingChannelStatus: 500 }),
  ]);
});

afterAll(async () => {
  await Promise.all([oldServer, newServer, wrongServer, skewedServer].map((s) => s?.close()));
});

describe('verifyServers against real HTTP servers', () => {
  it('finds the v1 server and the correctly migrated v2 server equivalent on the default requests', async () => {
    const report = await verifyServers({ oldUrl: oldServer.url, newUrl: newServer.url, appCertificate: TEST_APP_CERTIFICATE });
    const failures = report.cases.filter((c) => c.status !== 'equivalent');
    expect(failures).toEqual([]);
    expect(report.equivalent).toBe(true);
    expect(report.noTokens).toBe(false);
    // every default shape is served by these servers, so every case compared a token
    expect(report.cases.map((c) => c.tokens.length)).toEqual(DEFAULT_REQUEST_CASES.map(() => 1));
    expect(report.cases[0].tokens[0]).toMatchObject({ path: '$.rtcToken', differences: [] });
    expect(report.cases[0].tokens[0].oldClaims).toMatch(/^006 /);
    expect(report.cases[0].tokens[0].newClaims).toMatch(/^007 /);
  });

  it('catches the wrong v2 server: finite privileges became "never", role 0 lost publishing', async () => {
    const report = await verifyServers({ oldUrl: oldServer.url, newUrl: wrongServer.url });
    expect(report.equivalent).toBe(false);
    const byName = new Map(report.cases.map((c) => [c.name, c]));
    const claims = (name: string): string[] => byName.get(name)!.tokens.flatMap((t) => t.differences.map((d) => d.claim));
    expect(byName.get('rtc publisher uid')!.status).toBe('different');
    // the join deadline is still bounded by tokenExpire; the kick-out and publish deadlines are gone
    expect(claims('rtc publisher uid')).toEqual(['rtc.privilege.1', 'rtc.privilege.2', 'rtc.privilege.3', 'rtc.privilege.4']);
    expect(claims('fetch_rtc_token attendee (role 0)')).toContain('rtc.privileges');
    // subscribers never had publish privileges, so only their deadline is wrong
    expect(claims('fetch_rtc_token subscriber uid 0')).not.toContain('rtc.privileges');
    // RTM does not go through toPrivilegeExpire: still equivalent
    expect(byName.get('rtm user')!.status).toBe('equivalent');
  });

  it('compares status codes, extra fields and time fields with the tolerance', async () => {
    const cases: RequestCase[] = [
      { name: 'with expiresAt', method: 'GET', path: '/rtc/room/publisher/uid/5' },
      { name: 'missing channel', method: 'POST', path: '/fetch_rtc_token', body: { uid: 1 } },
    ];
    const strict = await verifyServers({ oldUrl: oldServer.url, newUrl: skewedServer.url, cases });
    const first = strict.cases[0].fieldDifferences.map((d) => d.path);
    expect(first).toEqual(['$.expiresAt', '$.server']);
    expect(strict.cases[0].fieldDifferences[0].message).toMatch(/differs by more than 2 s/);
    expect(strict.cases[1].fieldDifferences.map((d) => d.path)).toEqual(['status']);
    expect(strict.cases[1].fieldDifferences[0].message).toBe('400 vs 500');

    const lenient = await verifyServers({ oldUrl: oldServer.url, newUrl: skewedServer.url, cases: cases.slice(0, 1), tolerance: 61, ignore: ['$.server'] });
    expect(lenient.cases[0].fieldDifferences).toEqual([]);
    expect(lenient.equivalent).toBe(true);
  });

  it('finds tokens in plain-text bodies and nested JSON', async () => {
    const report = await verifyServers({
      oldUrl: oldServer.url,
      newUrl: newServer.url,
      cases: [
        { name: 'plain', method: 'GET', path: '/plain/room' },
        { name: 'nested', method: 'POST', path: '/fetch_rtc_token', body: { uid: 9, ChannelName: 'x', role: 101 } },
      ],
    });
    expect(report.cases.map((c) => c.tokens.map((t) => t.path))).toEqual([['$'], ['$.data.token']]);
    expect(report.equivalent).toBe(true);
  });

  it('reports a server that does not answer within the timeout as an error, without retrying', async () => {
    const before = oldServer.requests;
    const report = await verifyServers({ oldUrl: oldServer.url, newUrl: newServer.url, cases: [{ name: 'hang', method: 'GET', path: '/hang' }], timeoutMs: 200 });
    expect(report.cases[0].status).toBe('error');
    // the client's own timeout fired (the servers' 10 s limit would end the request differently)
    expect(report.cases[0].old.error).toBe('no response within 200 ms');
    expect(report.errors).toBe(true);
    expect(report.equivalent).toBe(false);
    expect(oldServer.requests - before).toBe(1);
  });

  it('reports a refused connection per case', async () => {
    const closed = await startTokenServer({ generation: 'v2' });
    const url = closed.url;
    await closed.close();
    const report = await verifyServers({ oldUrl: oldServer.url, newUrl: url, cases: [DEFAULT_REQUEST_CASES[0]] });
    expect(report.cases[0].status).toBe('error');
    expect(report.cases[0].new.error).toMatch(/fetch failed.*ECONNREFUSED/);
  });

  it('refuses to start when the cases exceed the request budget, sending nothing', async () => {
    const before = oldServer.requests;
    await expect(verifyServers({ oldUrl: oldServer.url, newUrl: newServer.url, maxRequests: 3 })).rejects.toThrow(VerifyInputError);
    await expect(verifyServers({ oldUrl: oldServer.url, newUrl: newServer.url, maxRequests: 3 })).rejects.toThrow(/8 cases need 16 requests, more than the limit of 3/);
    expect(oldServer.requests).toBe(before);
  });

  it('rejects URLs that are not http(s)', async () => {
    await expect(verifyServers({ oldUrl: 'ftp://127.0.0.1', newUrl: newServer.url })).rejects.toThrow(/--old-url must be an http/);
    await expect(verifyServers({ oldUrl: oldServer.url, newUrl: 'not a url' })).rejects.toThrow(/--new-url "not a url" is not a URL/);
  });

  it('reports a new server that still issues 006 tokens as a difference, whatever the claims', async () => {
    const stillV1 = await startTokenServer({ generation: 'v1' });
    try {
      const report = await verifyServers({ oldUrl: oldServer.url, newUrl: stillV1.url, cases: [DEFAULT_REQUEST_CASES[0]] });
      expect(report.equivalent).toBe(false);
      expect(report.cases[0].status).toBe('different');
      expect(report.cases[0].tokens[0].differences).toEqual([
        { claim: 'version', message: 'new token is 006: the migrated server must issue AccessToken2 (007)' },
      ]);
      // a v2 server on the old side (a refactor after the migration) may still be compared
      const reversed = await verifyServers({ oldUrl: newServer.url, newUrl: stillV1.url, cases: [DEFAULT_REQUEST_CASES[0]] });
      expect(reversed.cases[0].tokens[0].differences.map((d) => d.claim)).toContain('version');
    } finally {
      await stillV1.close();
    }
  });

  it('refuses the same server on both sides, and URLs with credentials without echoing them', async () => {
    const before = oldServer.requests;
    await expect(verifyServers({ oldUrl: oldServer.url, newUrl: oldServer.url })).rejects.toThrow(/--old-url and --new-url are the same server/);
    await expect(verifyServers({ oldUrl: `${oldServer.url}/`, newUrl: oldServer.url })).rejects.toThrow(VerifyInputError);
    for (const secret of [`http://admin:hunter2@127.0.0.1:1`, 'http://admin:hunter2@[bad']) {
      const error = await verifyServers({ oldUrl: oldServer.url, newUrl: secret }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VerifyInputError);
      expect((error as Error).message).toMatch(/^--new-url: credentials in the URL/);
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(oldServer.requests).toBe(before);
  });

  it('does not pass vacuously when no response holds a token', async () => {
    const report = await verifyServers({ oldUrl: oldServer.url, newUrl: newServer.url, cases: [{ name: 'nothing here', method: 'GET', path: '/nope' }] });
    expect(report.cases[0].status).toBe('equivalent');
    expect(report.noTokens).toBe(true);
    expect(report.equivalent).toBe(false);
    expect(formatServersReport(report)).toMatch(/no response from either server contained a token/);
  });

  it('checks signatures with the certificate and masks it in the output', async () => {
    const wrongCertificate = 'ffffffffffffffffffffffffffffffff';
    const report = await verifyServers({ oldUrl: oldServer.url, newUrl: newServer.url, cases: [DEFAULT_REQUEST_CASES[0]], appCertificate: wrongCertificate });
    const claims = report.cases[0].tokens[0].differences.map((d) => d.claim);
    expect(claims).toEqual(expect.arrayContaining(['signature.v1', 'signature.v2']));
    const text = formatServersReport(report, wrongCertificate);
    expect(text).not.toContain(wrongCertificate);
    expect(JSON.stringify(report)).not.toContain(wrongCertificate);
  });
});
