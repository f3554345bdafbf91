import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TokenError, decodeToken, encode006, encode007, verifySignature, type Service007Input } from '../../src/token/index.ts';
import { CERTIFICATE, VECTORS } from './vectors.ts';

/** Decodes or throws TokenError; anything else (RangeError, TypeError, …) fails the property. */
function decodeOrTokenError(token: string): ReturnType<typeof decodeToken> | TokenError {
  try {
    return decodeToken(token, { unknownServices: 'keep' });
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
const vector = fc.constantFrom(...VECTORS);

describe('decodeToken never crashes', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        decodeOrTokenError(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('on a real prefix followed by random base64', () => {
    fc.assert(
      fc.property(fc.constantFrom('006970CA35de60c44645bbae8a215061b33', '007'), fc.string({ unit: fc.constantFrom(...BASE64), maxLength: 400 }), (prefix, body) => {
        decodeOrTokenError(prefix + body);
      }),
      { numRuns: 2000 },
    );
  });

  it('on vectors with characters replaced, inserted or cut', () => {
    fc.assert(
      fc.property(vector, fc.nat(), fc.constantFrom(...BASE64, ' ', '%', '-'), fc.constantFrom('replace', 'insert', 'cut'), ({ token }, at, ch, how) => {
        const i = at % token.length;
        const mutated = how === 'replace' ? token.slice(0, i) + ch + token.slice(i + 1) : how === 'insert' ? token.slice(0, i) + ch + token.slice(i) : token.slice(0, i);
        decodeOrTokenError(mutated);
      }),
      { numRuns: 3000 },
    );
  });

  it('on random bytes as 007 content (past the zlib check, straight into the parser)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        decodeOrTokenError(`007${deflateSync(bytes).toString('base64')}`);
      }),
      { numRuns: 2000 },
    );
  });
});

/** The binary content of a vector (006: after the App ID; 007: inflated) and how to rebuild a token from it. */
function split(token: string): { content: Buffer; rebuild: (content: Buffer) => string } {
  if (token.startsWith('006')) return { content: Buffer.from(token.slice(35), 'base64'), rebuild: (c) => token.slice(0, 35) + c.toString('base64') };
  return { content: inflateSync(Buffer.from(token.slice(3), 'base64')), rebuild: (c) => `007${deflateSync(c).toString('base64')}` };
}

describe('tampering is detected', () => {
  it('flipping any bits of any byte: TokenError, or the signature no longer verifies', () => {
    fc.assert(
      fc.property(vector, fc.nat(), fc.integer({ min: 1, max: 255 }), ({ token, channel, uid }, at, mask) => {
        const { content, rebuild } = split(token);
        const mutated = Buffer.from(content);
        mutated[at % mutated.length] ^= mask;
        const result = decodeOrTokenError(rebuild(mutated));
        if (!(result instanceof TokenError)) expect(verifySignature(result, CERTIFICATE, { channel, uid })).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('cutting or extending the content: always TokenError', () => {
    fc.assert(
      fc.property(vector, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean(), ({ token }, at, extra, cut) => {
        const { content, rebuild } = split(token);
        const mutated = cut ? content.subarray(0, at % content.length) : Buffer.concat([content, extra]);
        expect(decodeOrTokenError(rebuild(mutated))).toBeInstanceOf(TokenError);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('round trips', () => {
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  const text = fc.string({ unit: 'grapheme', maxLength: 30 });
  const privileges = fc.dictionary(fc.integer({ min: 0, max: 0xffff }).map(String), u32, { maxKeys: 5 }).map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [Number(k), v])));
  const service: fc.Arbitrary<Service007Input> = fc.oneof(
    fc.record({ type: fc.constant(1 as const), channelName: text, uid: text, privileges }),
    fc.record({ type: fc.constant(2 as const), userId: text, privileges }),
    fc.record({ type: fc.constantFrom(3 as const, 6 as const), channelName: text, account: text, privileges }),
    fc.record({ type: fc.constantFrom(4 as const, 9 as const, 10 as const), privileges }),
    fc.record({ type: fc.constant(5 as const), userId: text, privileges }),
    fc.record({ type: fc.constant(7 as const), roomUuid: text, userUuid: text, role: fc.integer({ min: -0x8000, max: 0x7fff }), privileges }),
    fc.record({
      type: fc.constant(8 as const),
      userId: text,
      privileges,
      permissions: fc.uniqueArray(
        fc.record({ resourceType: fc.nat(0xffff), permissions: fc.uniqueArray(fc.record({ permissionType: fc.nat(0xffff), resources: fc.array(text, { maxLength: 3 }) }), { selector: (p) => p.permissionType, maxLength: 3 }) }),
        { selector: (p) => p.resourceType, maxLength: 3 },
      ).map((list) => list.sort((a, b) => a.resourceType - b.resourceType).map((p) => ({ ...p, permissions: p.permissions.sort((a, b) => a.permissionType - b.permissionType) }))),
    }),
  );

  it('007: decode(encode(x)) gives x back, re-encodes identically and verifies', () => {
    fc.assert(
      fc.property(text, u32, u32, u32, fc.array(service, { maxLength: 4 }), (appId, issueTs, expire, salt, services) => {
        const token = encode007({ appId, appCertificate: CERTIFICATE, issueTs, expire, salt, services });
        const decoded = decodeToken(token);
        if (decoded.version !== '007') throw new Error('expected 007');
        expect(decoded).toMatchObject({ appId, issueTs, expire, salt, serviceCount: services.length });
        expect(decoded.services.map((s) => s.type)).toEqual(services.map((s) => s.type).sort((a, b) => a - b));
        expect(encode007({ ...decoded, appCertificate: CERTIFICATE })).toBe(token);
        expect(verifySignature(decoded, CERTIFICATE)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('006: decode(encode(x)) gives x back and verifies with its channel and uid', () => {
    const appId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(appId, text, fc.oneof(u32, text), u32, u32, privileges, (id, channelName, uid, salt, ts, privs) => {
        const token = encode006({ appId: id, appCertificate: CERTIFICATE, channelName, uid, salt, ts, privileges: privs });
        const decoded = decodeToken(token);
        if (decoded.version !== '006') throw new Error('expected 006');
        expect(decoded).toMatchObject({ appId: id, salt, ts });
        expect(Object.fromEntries(decoded.privileges.map((p) => [p.id, p.expiresAt]))).toEqual(privs);
        expect(verifySignature(decoded, CERTIFICATE, { channel: channelName, uid })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
