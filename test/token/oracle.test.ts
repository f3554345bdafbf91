import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { compareClaims, decodeToken, encode006, encode007, verifySignature } from '../../src/token/index.ts';
import { toV2Role, toV2RtcExpiry } from '../../src/mapping.ts';

/**
 * The published packages as an oracle: our codecs must agree with agora-access-token (006) and
 * agora-token (007) on random inputs, in both directions. The packages are only used here.
 */

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped CJS internals of the packages */
const { AccessToken } = require('agora-access-token/src/AccessToken') as { AccessToken: any };
const { AccessToken2, ServiceRtc, ServiceRtm } = require('agora-token/src/AccessToken2') as { AccessToken2: any; ServiceRtc: any; ServiceRtm: any };
const v1 = require('agora-access-token') as { RtcTokenBuilder: any; RtmTokenBuilder: any };
const v2 = require('agora-token') as { RtcTokenBuilder: any; RtmTokenBuilder: any };

const hex32 = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 32, maxLength: 32 });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const uid = fc.oneof(u32, text);
const privileges = fc.dictionary(fc.integer({ min: 1, max: 0xffff }).map(String), u32, { maxKeys: 6 });

describe('006 agrees with agora-access-token', () => {
  it('encode006 equals AccessToken.build() with salt and ts set', () => {
    fc.assert(
      fc.property(hex32, hex32, text, uid, u32, u32, privileges, (appId, cert, channel, user, salt, ts, privs) => {
        const token = new AccessToken(appId, cert, channel, user);
        token.salt = salt;
        token.ts = ts;
        for (const [id, value] of Object.entries(privs)) token.addPriviledge(Number(id), value);
        const expected: string = token.build();
        expect(encode006({ appId, appCertificate: cert, channelName: channel, uid: user, salt, ts, privileges: Object.fromEntries(Object.entries(privs).map(([k, v]) => [Number(k), v])) })).toBe(expected);
        const decoded = decodeToken(expected);
        expect(decoded).toMatchObject({ version: '006', appId, salt, ts });
        expect(verifySignature(decoded, cert, { channel, uid: user })).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('007 agrees with agora-token', () => {
  const rtc = fc.record({ channel: text, uid, privs: privileges });
  const rtm = fc.option(fc.record({ user: text, privs: privileges }), { nil: undefined });

  it('encode007 equals AccessToken2.build(), and AccessToken2 parses and verifies ours', () => {
    fc.assert(
      fc.property(hex32, hex32, fc.integer({ min: 1, max: 0xffffffff }), u32, fc.integer({ min: 1, max: 99999999 }), rtc, rtm, (appId, cert, issueTs, expire, salt, r, m) => {
        const token = new AccessToken2(appId, cert, issueTs, expire);
        token.salt = salt;
        const serviceRtc = new ServiceRtc(r.channel, r.uid);
        for (const [id, value] of Object.entries(r.privs)) serviceRtc.add_privilege(Number(id), value);
        token.add_service(serviceRtc);
        if (m) {
          const serviceRtm = new ServiceRtm(m.user);
          for (const [id, value] of Object.entries(m.privs)) serviceRtm.add_privilege(Number(id), value);
          token.add_service(serviceRtm);
        }
        const expected: string = token.build();
        const ours = encode007({
          appId,
          appCertificate: cert,
          issueTs,
          expire,
          salt,
          services: [
            { type: 1, channelName: r.channel, uid: r.uid === 0 ? '' : String(r.uid), privileges: numericKeys(r.privs) },
            ...(m ? [{ type: 2 as const, userId: m.user, privileges: numericKeys(m.privs) }] : []),
          ],
        });
        expect(ours).toBe(expected);
        const parsed = new AccessToken2();
        expect(parsed.from_string(ours)).toBe(true);
        expect(parsed.verifySignature(cert)).toBe(true);
        expect(verifySignature(decodeToken(expected), cert)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

function numericKeys(record: Record<string, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [Number(k), v]));
}

describe('tokens from the real builders, clock frozen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const APP = '970CA35de60c44645bbae8a215061b33';
  const CERT = '5CFd2fd1755d40ecb72977518be15d3b';

  it.each([
    ['now + 600', 600],
    ['now + 86400', 86400],
    ['now + 200000', 200_000],
    ['0 (never)', null],
    ['in the past', -100],
  ])('v1 buildTokenWithUid vs the v2 call the mapping emits: %s', (_name, offset) => {
    vi.useFakeTimers({ now: 1_800_000_000_000, toFake: ['Date'] });
    const now = 1_800_000_000;
    const ts = offset === null ? 0 : now + offset;
    for (const role of [0, 1, 2, 101]) {
      const old: string = v1.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, role, ts);
      const { tokenExpire, privilegeExpire } = toV2RtcExpiry(ts, now);
      const migrated: string = v2.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, toV2Role(role), tokenExpire, privilegeExpire);
      expect(compareClaims(old, migrated, { certificate: CERT })).toEqual([]);
    }
  });

  it('v1 RTM vs v2 RTM', () => {
    vi.useFakeTimers({ now: 1_800_000_000_000, toFake: ['Date'] });
    const old: string = v1.RtmTokenBuilder.buildToken(APP, CERT, 'alice', 1, 1_800_000_600);
    const migrated: string = v2.RtmTokenBuilder.buildToken(APP, CERT, 'alice', 600);
    expect(compareClaims(old, migrated, { certificate: CERT })).toEqual([]);
  });

  it('a naive package swap is not equivalent', () => {
    vi.useFakeTimers({ now: 1_800_000_000_000, toFake: ['Date'] });
    const old: string = v1.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 1, 1_800_003_600);
    const swapped: string = v2.RtcTokenBuilder.buildTokenWithUid(APP, CERT, 'room', 42, 1, 1_800_003_600);
    expect(compareClaims(old, swapped, { certificate: CERT }).map((d) => d.claim)).toEqual([
      'token-expire',
      'rtc.join-deadline',
      'rtc.privilege.1',
      'rtc.privilege.2',
      'rtc.privilege.3',
      'rtc.privilege.4',
    ]);
  });
});
