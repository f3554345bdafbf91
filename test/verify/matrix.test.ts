import { describe, expect, it } from 'vitest';
import { decodeToken } from '../../src/token/index.ts';
import {
  ALL_SYMBOLS_CHANNEL,
  defaultMatrixCases,
  formatMatrixReport,
  LONGEST_CHANNEL,
  verifyMatrix,
  type MatrixCase,
  type MatrixReport,
  type VerifyMapping,
} from '../../src/verify/index.ts';

const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z

function different(report: MatrixReport): string[] {
  return report.cases.filter((r) => !r.equivalent).map((r) => r.case.name);
}

function casesWhere(predicate: (c: MatrixCase) => boolean): string[] {
  return defaultMatrixCases()
    .filter(predicate)
    .map((c) => c.name);
}

const finiteExpiry = (c: MatrixCase): boolean => c.expiry.kind === 'relative';

describe('the built-in matrix', () => {
  it('covers the roles, uids, channel names, expiries and RTM the issue lists', () => {
    const cases = defaultMatrixCases();
    const rtc = cases.filter((c) => c.service === 'rtc');
    expect(new Set(rtc.map((c) => c.role))).toEqual(new Set([0, 1, 2, 101, 5, '0', '101', 'publisher', undefined]));
    for (const uid of [0, 1, 4294967295, 'alice', '0', '']) expect(rtc.map((c) => c.uid)).toContain(uid);
    const expiries = new Set(cases.map((c) => JSON.stringify(c.expiry)));
    for (const seconds of [-3600, 1, 600, 86400, 200000]) expect(expiries).toContain(JSON.stringify({ kind: 'relative', seconds }));
    expect(expiries).toContain(JSON.stringify({ kind: 'absolute', privilegeExpiredTs: 0 }));
    expect(expiries).toContain(JSON.stringify({ kind: 'missing' }));
    expect(cases.filter((c) => c.service === 'rtm').length).toBeGreaterThanOrEqual(7);
    // every symbol Agora allows in a channel name, and the 63-byte maximum
    for (const symbol of ' !#$%&()+-:;<=.>?@[]^_{}|~,') expect(ALL_SYMBOLS_CHANNEL).toContain(symbol);
    expect(rtc.map((c) => c.channel)).toEqual(expect.arrayContaining([ALL_SYMBOLS_CHANNEL, LONGEST_CHANNEL]));
    expect(Buffer.byteLength(LONGEST_CHANNEL)).toBe(63);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('is equivalent for every case through src/mapping.ts at a frozen instant', () => {
    const report = verifyMatrix({ now: NOW });
    expect(different(report)).toEqual([]);
    expect(report.equivalent).toBe(true);
    expect(report.cases.every((r) => r.v1.token?.startsWith('006') && r.v2.token?.startsWith('007'))).toBe(true);
  });

  it('is equivalent at the real current time too', () => {
    expect(different(verifyMatrix())).toEqual([]);
  });

  it('builds both tokens at the frozen instant, whatever the wall clock says', () => {
    const report = verifyMatrix({ now: NOW, cases: [defaultMatrixCases()[4]] });
    const [v1, v2] = [decodeToken(report.cases[0].v1.token!), decodeToken(report.cases[0].v2.token!)];
    expect(v1.version === '006' && v1.ts).toBe(NOW + 86400);
    expect(v2.version === '007' && v2.issueTs).toBe(NOW);
    expect(report.cases[0].v1.call).toBe(`RtcTokenBuilder.buildTokenWithUid(appId, cert, "room-1", 42, 0, ${NOW + 600})`);
    expect(report.cases[0].v2.call).toBe('RtcTokenBuilder.buildTokenWithUid(appId, cert, "room-1", 42, 1, 600, 600)');
    // the real clock is back afterwards
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
    expect(Date.now()).toBeGreaterThan(NOW * 1000 + 1);
  });
});

describe('a deliberately wrong mapping is caught', () => {
  const wrong = (mapping: Partial<VerifyMapping>): MatrixReport => verifyMatrix({ now: NOW, mapping });

  it('privilegeExpire 0 where v1 had a finite deadline', () => {
    const report = wrong({ toPrivilegeExpire: () => 0 });
    expect(different(report)).toEqual(casesWhere((c) => c.service === 'rtc' && finiteExpiry(c)));
    const sample = report.cases.find((r) => !r.equivalent)!;
    expect(sample.differences.map((d) => d.claim)).toContain('rtc.privilege.1');
    expect(formatMatrixReport(report)).toMatch(/DIFFERENT\n {4}v1: RtcTokenBuilder\.buildTokenWithUid/);
  });

  it('role 0 (and 101) passed through unmapped', () => {
    const report = wrong({ toV2Role: (role) => role });
    // "0" and "101" strings count too: v1 compares loosely
    expect(different(report)).toEqual(casesWhere((c) => c.service === 'rtc' && [0, 101, '0', '101'].includes(c.role as number | string)));
    expect(report.cases.find((r) => !r.equivalent)!.differences.map((d) => d.claim)).toContain('rtc.privileges');
  });

  it('tokenExpire given the absolute timestamp', () => {
    const report = wrong({ toTokenExpire: (ts) => ts ?? 0 });
    // every finite RTC case; 0 and missing become tokenExpire 0, which is just as wrong
    expect(different(report)).toEqual(casesWhere((c) => c.service === 'rtc'));
  });

  it('a past deadline mapped to 0 ("never") instead of 1 s', () => {
    const report = wrong({ toPrivilegeExpire: (ts, now) => Math.max((ts ?? 0) - now, 0) });
    expect(different(report)).toEqual(casesWhere((c) => c.service === 'rtc' && c.expiry.kind === 'relative' && c.expiry.seconds < 0));
  });

  it('RTM "never" mapped to expire 0', () => {
    const report = wrong({ toRtmExpire: (ts, now) => (ts ? Math.min(Math.max(ts - now, 1), 86400) : 0) });
    expect(different(report)).toEqual(casesWhere((c) => c.service === 'rtm' && c.expiry.kind !== 'relative'));
  });

  it('the "naive swap": absolute ts as tokenExpire, privilegeExpire left at 0, roles unmapped', () => {
    const report = wrong({ toTokenExpire: (ts) => ts ?? 0, toPrivilegeExpire: () => 0, toV2Role: (role) => role, toRtmExpire: () => 1 });
    // only the RTM cases whose correct expire is 1 s anyway (past, now+1) survive the v1-shaped `expire = 1`
    expect(different(report)).toEqual(casesWhere((c) => c.service === 'rtc' || !(c.expiry.kind === 'relative' && c.expiry.seconds <= 1)));
  });
});

describe('user cases', () => {
  it('reports a builder that throws on one side only', () => {
    // a millisecond deadline makes v1 throw RangeError; the mapping clamps it, so v2 builds a token
    const report = verifyMatrix({
      now: NOW,
      cases: [{ name: 'ms', service: 'rtc', channel: 'c', uid: 1, builder: 'uid', role: 1, expiry: { kind: 'absolute', privilegeExpiredTs: NOW * 1000 } }],
    });
    expect(report.equivalent).toBe(false);
    expect(report.cases[0].v1.error).toMatch(/^the builder threw RangeError/);
    expect(report.cases[0].differences).toEqual([{ claim: 'build', message: expect.stringMatching(/^v1: the builder threw RangeError/) }]);
  });

  it('accepts a builder that throws on both sides (same behaviour)', () => {
    // a numeric RTM account throws TypeError in both packages (reference 7.3)
    const report = verifyMatrix({ now: NOW, cases: [{ name: 'numeric rtm', service: 'rtm', account: 5 as unknown as string, expiry: { kind: 'relative', seconds: 60 } }] });
    expect(report.cases[0].v1.error).toMatch(/threw TypeError/);
    expect(report.cases[0].v2.error).toMatch(/threw TypeError/);
    expect(report.equivalent).toBe(true);
  });

  it('reports an invalid App ID (v2 returns an empty string)', () => {
    const report = verifyMatrix({ now: NOW, appId: 'not-an-app-id', cases: [defaultMatrixCases()[0]] });
    expect(report.cases[0].v2.error).toMatch(/empty string/);
    expect(report.equivalent).toBe(false);
  });
});
