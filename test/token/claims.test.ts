import { describe, expect, it } from 'vitest';
import { compareClaims, crc32, decodeToken, hex32, describeToken, toClaims, type ClaimDifference } from '../../src/token/index.ts';
import { toV2Role, toV2RtcExpiry, toRtmExpire } from '../../src/mapping.ts';
import { v1Rtc, v1Rtm, v2Rtc, v2Rtm } from './builders.ts';
import { CERTIFICATE, V006_JOIN, V006_PUBLISHER, V006_RTM, V007_RTC, V007_RTC_RTM } from './vectors.ts';

const NOW = 1_800_000_000; // 2027-01-15T08:00:00Z
const claimsOf = (differences: ClaimDifference[]) => differences.map((d) => d.claim);

/** The faithful v2 token for a v1 RTC call, built through src/mapping.ts like the transforms' output. */
function migratedRtc(privilegeExpiredTs: number, role = 1, now = NOW, extra: { uid?: string | number; channel?: string } = {}): string {
  return v2Rtc({ now, role: toV2Role(role), ...toV2RtcExpiry(privilegeExpiredTs, now), ...extra });
}

describe('toClaims', () => {
  it('turns a 006 token into absolute deadlines with an issue time derived from ts − 24 h', () => {
    expect(toClaims(decodeToken(v1Rtc({ now: NOW, privilegeExpiredTs: NOW + 600, role: 2 })))).toEqual({
      version: '006',
      appId: expect.any(String),
      issuedAt: NOW,
      tokenDeadline: NOW + 86400,
      services: [
        {
          type: 1,
          name: 'RTC',
          identity: { channel: { crc: expect.any(Number) }, uid: { crc: expect.any(Number) } },
          privileges: [{ id: 1, name: 'join channel', raw: NOW + 600, deadline: NOW + 600 }],
        },
      ],
    });
  });

  it('maps 006 privilege 1000 to an RTM service keyed by the account CRC, and 0 to never', () => {
    const claims = toClaims(decodeToken(v1Rtm({ now: NOW, account: 'alice', privilegeExpiredTs: 0 })));
    expect(claims.services).toEqual([{ type: 2, name: 'RTM', identity: { user: { crc: expect.any(Number) } }, privileges: [{ id: 1, name: 'login', raw: 0, deadline: null }] }]);
  });

  it('caps the 007 token deadline at 24 h and leaves expire 0 unknown', () => {
    expect(toClaims(decodeToken(v2Rtc({ now: NOW, tokenExpire: 100_000, privilegeExpire: 0 }))).tokenDeadline).toBe(NOW + 86400);
    expect(toClaims(decodeToken(v2Rtc({ now: NOW, tokenExpire: 0, privilegeExpire: 0 }))).tokenDeadline).toBeNull();
  });
});

describe('compareClaims: faithful migrations are equivalent', () => {
  it.each([
    ['now + 600, PUBLISHER', NOW + 600, 1],
    ['now + 1', NOW + 1, 1],
    ['now + 86400', NOW + 86400, 1],
    ['now + 200000 (capped at 24 h)', NOW + 200_000, 1],
    ['0 = privileges never expire', 0, 1],
    ['a deadline already past', NOW - 100, 1],
    ['SUBSCRIBER', NOW + 600, 2],
    ['ATTENDEE (0 → PUBLISHER)', NOW + 600, 0],
    ['ADMIN (101 → PUBLISHER)', NOW + 600, 101],
    ['an unknown role (join only in both)', NOW + 600, 7],
  ])('%s', (_name, privilegeExpiredTs, role) => {
    expect(compareClaims(v1Rtc({ now: NOW, privilegeExpiredTs, role }), migratedRtc(privilegeExpiredTs, role))).toEqual([]);
  });

  it.each([
    ['uid 0 (wildcard)', 0],
    ['uid "0" (a literal string)', '0'],
    ['uid 2^32 − 1', 4294967295],
    ['a string account', 'user-ä@example'],
  ])('%s', (_name, uid) => {
    const v1 = v1Rtc({ now: NOW, privilegeExpiredTs: NOW + 600, uid, channel: 'a-b_c!#$%&()+-:;<=.>?@[]^_{|}~, ' });
    const v2 = migratedRtc(NOW + 600, 1, NOW, { uid, channel: 'a-b_c!#$%&()+-:;<=.>?@[]^_{|}~, ' });
    expect(compareClaims(v1, v2, { certificate: CERTIFICATE })).toEqual([]);
  });

  it('RTM: now + 600 and never (→ 24 h)', () => {
    for (const privilegeExpiredTs of [NOW + 600, 0]) {
      const v2 = v2Rtm({ now: NOW, account: 'alice', expire: toRtmExpire(privilegeExpiredTs, NOW) });
      expect(compareClaims(v1Rtm({ now: NOW, account: 'alice', privilegeExpiredTs }), v2, { certificate: CERTIFICATE })).toEqual([]);
    }
  });

  it('tolerates the clocks being read up to 2 s apart', () => {
    expect(compareClaims(v1Rtc({ now: NOW, privilegeExpiredTs: NOW + 600 }), migratedRtc(NOW + 600, 1, NOW + 2))).toEqual([]);
  });

  it('accepts decoded tokens as well as strings', () => {
    const v1 = v1Rtc({ now: NOW, privilegeExpiredTs: 0 });
    expect(compareClaims(decodeToken(v1), decodeToken(migratedRtc(0)))).toEqual([]);
  });

  it('compares 006 with 006 and 007 with 007 (half-migrated code)', () => {
    const v1 = v1Rtc({ now: NOW, privilegeExpiredTs: NOW + 600 });
    expect(compareClaims(v1, v1)).toEqual([]);
    expect(compareClaims(migratedRtc(NOW + 600), migratedRtc(NOW + 600, 1, NOW + 1))).toEqual([]);
    expect(compareClaims(V007_RTC_RTM, V007_RTC_RTM, { certificate: CERTIFICATE })).toEqual([]);
    expect(compareClaims(V006_PUBLISHER, V006_PUBLISHER, { certificate: CERTIFICATE, context: { channel: '7d72365eb983485397e3e3f9d460bdda', uid: 2882341273 } })).toEqual([]);
  });

  it('verifies a 006 signature with the channel and uid of the 007 side', () => {
    // vector pair built from the same inputs; the issue times differ (1970 vs 2015), which is all it reports
    expect(claimsOf(compareClaims(V006_JOIN, V007_RTC, { certificate: CERTIFICATE }))).not.toContain('signature.v1');
    expect(claimsOf(compareClaims(V006_RTM, V007_RTC_RTM, { certificate: CERTIFICATE }))).not.toContain('signature.v1');
  });
});

describe('compareClaims: wrong mappings are caught', () => {
  const v1At = (privilegeExpiredTs: number, role = 1) => v1Rtc({ now: NOW, privilegeExpiredTs, role });

  it('privilegeExpire 0 where v1 had a finite deadline (a 6-argument v2 call)', () => {
    const differences = compareClaims(v1At(NOW + 3600), v2Rtc({ now: NOW, tokenExpire: 3600, privilegeExpire: 0 }));
    expect(claimsOf(differences)).toEqual(['rtc.privilege.1', 'rtc.privilege.2', 'rtc.privilege.3', 'rtc.privilege.4']);
    expect(differences[0].message).toBe(
      `RTC privilege 1 (join channel): v1 expires at 2027-01-15T09:00:00Z but v2 never expires (0); a finite deadline must never map to 0`,
    );
  });

  it('role 0 passed through unmapped (v2 loses the publish privileges)', () => {
    const differences = compareClaims(v1At(NOW + 600, 0), v2Rtc({ now: NOW, role: 0, tokenExpire: 600, privilegeExpire: 600 }));
    expect(differences).toEqual([
      {
        claim: 'rtc.privileges',
        message: 'RTC privileges differ: v2 lacks 2 (publish audio), 3 (publish video), 4 (publish data stream) (v1 {1, 2, 3, 4} vs v2 {1})',
      },
    ]);
  });

  it('a naive package swap: the absolute timestamp becomes tokenExpire, privileges never expire', () => {
    const differences = compareClaims(v1At(NOW + 3600), v2Rtc({ now: NOW, tokenExpire: NOW + 3600, privilegeExpire: 0 }));
    expect(differences[0]).toEqual({
      claim: 'token-expire',
      message: 'v2 token expire is 1800003600 s, more than Agora\'s 24 h cap (86400) — it looks like an absolute timestamp (2027-01-15T09:00:00Z) passed as relative seconds',
    });
    expect(claimsOf(differences)).toEqual(['token-expire', 'rtc.join-deadline', 'rtc.privilege.1', 'rtc.privilege.2', 'rtc.privilege.3', 'rtc.privilege.4']);
    expect(differences[1].message).toBe(
      'join deadline differs: v1 2027-01-15T09:00:00Z (privilege 1) vs v2 2027-01-16T08:00:00Z (privilege 1 never expires; token expiry) (Δ +82800 s)',
    );
  });

  it('v1 "never" mapped to a finite v2 privilege', () => {
    const differences = compareClaims(v1At(0), v2Rtc({ now: NOW, tokenExpire: 86400, privilegeExpire: 86400 }));
    expect(claimsOf(differences)).toEqual(['rtc.privilege.1', 'rtc.privilege.2', 'rtc.privilege.3', 'rtc.privilege.4']);
    expect(differences[0].message).toBe('RTC privilege 1 (join channel): v1 never expires but v2 expires at 2027-01-16T08:00:00Z (86400 s after issue)');
  });

  it('v1 "never" with a v2 token lifetime other than 24 h', () => {
    const differences = compareClaims(v1At(0), v2Rtc({ now: NOW, tokenExpire: 3600, privilegeExpire: 0 }));
    expect(differences).toEqual([
      { claim: 'token-expire', message: 'v1 has privileges that never expire, so the v2 token expire must be 86400 (24 h), got 3600 s' },
      {
        claim: 'rtc.join-deadline',
        message: 'join deadline differs: v1 2027-01-16T08:00:00Z (privilege 1 never expires; token expiry) vs v2 2027-01-15T09:00:00Z (privilege 1 never expires; token expiry) (Δ -82800 s)',
      },
    ]);
  });

  it('tokenExpire 0', () => {
    const differences = compareClaims(v1At(0), v2Rtc({ now: NOW, tokenExpire: 0, privilegeExpire: 0 }));
    expect(claimsOf(differences)).toEqual(['token-expire']);
    expect(differences[0].message).toMatch(/^v2 token expire is 0: .* use 86400$/);
  });

  it('a past deadline mapped to 0 instead of 1', () => {
    expect(claimsOf(compareClaims(v1At(NOW - 100), v2Rtc({ now: NOW, tokenExpire: 1, privilegeExpire: 0 })))).toContain('rtc.privilege.1');
  });

  it('an expiry off by more than the tolerance (and accepted with a larger one)', () => {
    const v2 = v2Rtc({ now: NOW, tokenExpire: 605, privilegeExpire: 605 });
    const differences = compareClaims(v1At(NOW + 600), v2);
    expect(claimsOf(differences)).toEqual(['rtc.join-deadline', 'rtc.privilege.2', 'rtc.privilege.3', 'rtc.privilege.4']);
    expect(differences[1].message).toBe('RTC privilege 2 (publish audio) deadline differs: v1 2027-01-15T08:10:00Z vs v2 2027-01-15T08:10:05Z (Δ +5 s)');
    expect(compareClaims(v1At(NOW + 600), v2, { tolerance: 5 })).toEqual([]);
  });

  it('issue times further apart than the tolerance', () => {
    const differences = compareClaims(v1At(0), migratedRtc(0, 1, NOW + 10));
    expect(differences[0]).toEqual({
      claim: 'issue-time',
      message: 'issue time differs: v1 2027-01-15T08:00:00Z (006: token expiry − 24 h) vs v2 2027-01-15T08:00:10Z (Δ +10 s)',
    });
  });

  it('channel, uid (numeric 0 vs string "0") and App ID', () => {
    const v1 = v1Rtc({ now: NOW, privilegeExpiredTs: NOW + 600, uid: 0 });
    const differences = compareClaims(v1, migratedRtc(NOW + 600, 1, NOW, { uid: '0', channel: 'other' }));
    expect(differences).toEqual([
      { claim: 'rtc.channel', message: `RTC channel differs: v1 CRC ${hex32(crc32('room'))} vs v2 "other" (CRC ${hex32(crc32('other'))})` },
      { claim: 'rtc.uid', message: `RTC uid differs: v1 CRC 0x00000000 vs v2 "0" (CRC ${hex32(crc32('0'))})` },
    ]);
    const otherApp = v2Rtc({ now: NOW, tokenExpire: 600, privilegeExpire: 600, appId: 'f'.repeat(32) });
    expect(compareClaims(v1At(NOW + 600), otherApp)[0]).toEqual({ claim: 'app-id', message: `App ID differs: v1 ${decodeToken(v1).appId} vs v2 ${'f'.repeat(32)}` });
  });

  it('v2 adds an RTM service the v1 code did not build', () => {
    const v2 = v2Rtc({ now: NOW, tokenExpire: 600, privilegeExpire: 600, rtmUser: 'alice' });
    expect(compareClaims(v1At(NOW + 600), v2)).toEqual([{ claim: 'services', message: 'v2 adds the RTM service, which v1 did not grant' }]);
  });

  it('v2 builds RTC where v1 built RTM', () => {
    const differences = compareClaims(v1Rtm({ now: NOW, account: 'alice', privilegeExpiredTs: 0 }), migratedRtc(0));
    expect(differences).toEqual([
      { claim: 'services', message: 'v2 adds the RTC service, which v1 did not grant' },
      { claim: 'services', message: 'v2 lacks the RTM service that v1 grants' },
    ]);
  });

  it('RTM: another user, and a v1 "never" mapped to a short RTM expire', () => {
    const v1 = v1Rtm({ now: NOW, account: 'alice', privilegeExpiredTs: 0 });
    expect(claimsOf(compareClaims(v1, v2Rtm({ now: NOW, account: 'bob', expire: 86400 })))).toEqual(['rtm.user']);
    expect(claimsOf(compareClaims(v1, v2Rtm({ now: NOW, account: 'alice', expire: 1 })))).toEqual(['token-expire', 'rtm.login-deadline']);
  });

  it('signatures: wrong certificate on either side, masked in the message', () => {
    const v1 = v1At(NOW + 600);
    const v2 = v2Rtc({ now: NOW, tokenExpire: 600, privilegeExpire: 600, certificate: 'a'.repeat(28) + 'beef' });
    expect(compareClaims(v1, v2, { certificate: CERTIFICATE })).toEqual([
      { claim: 'signature.v2', message: `v2 signature not valid with certificate ${'*'.repeat(28)}5d3b: signature does not verify with this App Certificate` },
    ]);
    expect(claimsOf(compareClaims(v1, v2, { certificate: 'a'.repeat(28) + 'beef' }))).toEqual(['signature.v1']);
  });

  it('a 006 signature with no 007 side to take channel and uid from', () => {
    const v1 = v1At(NOW + 600);
    expect(compareClaims(v1, v1, { certificate: CERTIFICATE })).toEqual([
      { claim: 'signature.v1', message: expect.stringMatching(/006 signatures cover the channel name.*give the channel$/) },
      { claim: 'signature.v2', message: expect.stringMatching(/give the channel$/) },
    ]);
    expect(compareClaims(v1, v1, { certificate: CERTIFICATE, context: { channel: 'room', uid: 7 } })).toEqual([]);
  });

  it('006 vs 006 and 007 vs 007 with different deadlines', () => {
    expect(claimsOf(compareClaims(v1At(NOW + 600), v1Rtc({ now: NOW + 60, privilegeExpiredTs: NOW + 600 })))).toEqual(['issue-time', 'token-deadline']);
    expect(claimsOf(compareClaims(migratedRtc(NOW + 600), v2Rtc({ now: NOW, tokenExpire: 3600, privilegeExpire: 600 })))).toEqual(['token-deadline']);
  });
});

describe('describeToken', () => {
  it('describes a 007 token with dates, names and payload fields', () => {
    expect(describeToken(decodeToken(V007_RTC_RTM))).toEqual({
      version: '007',
      generation: 'AccessToken2',
      appId: '970CA35de60c44645bbae8a215061b33',
      issuedAt: { unix: 1111111, iso: '1970-01-13T20:38:31Z', derived: false },
      expiresAt: { unix: 1111711, iso: '1970-01-13T20:48:31Z' },
      expire: 600,
      salt: 1,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      services: [
        {
          type: 1,
          name: 'RTC',
          fields: { channelName: '7d72365eb983485397e3e3f9d460bdda', uid: '2882341273' },
          privileges: [
            { id: 1, name: 'join channel', value: 600, never: false, expiresAt: { unix: 1111711, iso: '1970-01-13T20:48:31Z' } },
            { id: 2, name: 'publish audio', value: 600, never: false, expiresAt: { unix: 1111711, iso: '1970-01-13T20:48:31Z' } },
            { id: 3, name: 'publish video', value: 600, never: false, expiresAt: { unix: 1111711, iso: '1970-01-13T20:48:31Z' } },
            { id: 4, name: 'publish data stream', value: 600, never: false, expiresAt: { unix: 1111711, iso: '1970-01-13T20:48:31Z' } },
          ],
        },
        { type: 2, name: 'RTM', fields: { userId: 'test_user' }, privileges: [{ id: 1, name: 'login', value: 600, never: false, expiresAt: { unix: 1111711, iso: '1970-01-13T20:48:31Z' } }] },
      ],
    });
  });

  it('describes a 006 token with CRCs, "never" for 0 and an issue time derived from ts', () => {
    const description = describeToken(decodeToken(v1Rtm({ now: NOW, account: 'alice', privilegeExpiredTs: 0 })));
    expect(description).toMatchObject({
      version: '006',
      generation: 'AccessToken',
      issuedAt: { unix: NOW, derived: true },
      expiresAt: { unix: NOW + 86400, iso: '2027-01-16T08:00:00Z' },
      expire: 86400,
      services: [{ type: 2, name: 'RTM', privileges: [{ id: 1000, name: 'RTM login', value: 0, never: true, expiresAt: null }] }],
    });
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });
});
