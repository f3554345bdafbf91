import { createHmac } from 'node:crypto';
import { deflateSync as deflate, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  SERVICE_TYPE,
  TokenError,
  check006Signature,
  checkSignature,
  crc32,
  decode006,
  decode007,
  decodeToken,
  encode006,
  encode007,
  verifySignature,
  type Decoded006,
  type Decoded007,
  type Service007Input,
} from '../../src/token/index.ts';
import {
  APP_ID,
  CERTIFICATE,
  CHANNEL,
  EXPIRE_007,
  PRIVILEGE_TS,
  RTM_ACCOUNT,
  SALT,
  TS,
  UID,
  V006_JOIN,
  V006_PUBLISHER,
  V006_RTM,
  V007_RTC,
  V007_RTC_RTM,
  VECTORS,
} from './vectors.ts';

function as006(token: string): Decoded006 {
  const decoded = decodeToken(token);
  if (decoded.version !== '006') throw new Error(`expected 006, got ${decoded.version}`);
  return decoded;
}

function as007(token: string): Decoded007 {
  const decoded = decodeToken(token);
  if (decoded.version !== '007') throw new Error(`expected 007, got ${decoded.version}`);
  return decoded;
}

function errorOf(fn: () => unknown): TokenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw new Error(`expected a TokenError, got ${String(error)}`);
  }
  throw new Error('expected a TokenError, nothing was thrown');
}

describe('crc32', () => {
  it.each([
    ['', 0],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926], // the CRC-32/ISO-HDLC check value
    ['test_user', crc32(Buffer.from('test_user'))],
  ])('crc32(%j) = %d', (text, expected) => {
    expect(crc32(text)).toBe(expected);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    expect(crc32('频道')).toBe(crc32(Buffer.from('频道', 'utf8')));
    expect(crc32('频道')).not.toBe(crc32(Buffer.from('频道', 'latin1')));
  });
});

describe('006 vectors', () => {
  it('decodes the join-only vector field by field', () => {
    const token = as006(V006_JOIN);
    expect(token).toMatchObject({
      version: '006',
      appId: APP_ID,
      crcChannel: crc32(CHANNEL),
      crcUid: crc32(String(UID)),
      salt: SALT,
      ts: TS,
      privileges: [{ id: 1, expiresAt: PRIVILEGE_TS }],
    });
    expect(token.signature).toHaveLength(32);
  });

  it('decodes the publisher vector with privileges 1–4 in ascending order', () => {
    expect(as006(V006_PUBLISHER).privileges).toEqual([1, 2, 3, 4].map((id) => ({ id, expiresAt: PRIVILEGE_TS })));
  });

  it('decodes the RTM vector: account in the channel slot, empty uid, privilege 1000', () => {
    const token = as006(V006_RTM);
    expect(token.crcChannel).toBe(crc32(RTM_ACCOUNT));
    expect(token.crcUid).toBe(0);
    expect(token.privileges).toEqual([{ id: 1000, expiresAt: PRIVILEGE_TS }]);
  });

  it.each([
    ['join', V006_JOIN, CHANNEL, UID, { 1: PRIVILEGE_TS }],
    ['publisher', V006_PUBLISHER, CHANNEL, UID, { 1: PRIVILEGE_TS, 2: PRIVILEGE_TS, 3: PRIVILEGE_TS, 4: PRIVILEGE_TS }],
    ['RTM', V006_RTM, RTM_ACCOUNT, '', { 1000: PRIVILEGE_TS }],
  ] as const)('re-encodes the %s vector byte for byte', (_name, vector, channelName, uid, privileges) => {
    expect(encode006({ appId: APP_ID, appCertificate: CERTIFICATE, channelName, uid, salt: SALT, ts: TS, privileges })).toBe(vector);
  });

  it('re-encodes from the decoded privilege list too', () => {
    const token = as006(V006_PUBLISHER);
    expect(encode006({ ...token, appCertificate: CERTIFICATE, channelName: CHANNEL, uid: UID })).toBe(V006_PUBLISHER);
  });

  it('writes numeric uid 0 as the empty wildcard, but the string "0" as itself', () => {
    const build = (uid: string | number) => as006(encode006({ appId: APP_ID, appCertificate: CERTIFICATE, channelName: 'c', uid, salt: 1, ts: 2, privileges: { 1: 0 } }));
    expect(build(0).crcUid).toBe(0);
    expect(build('0').crcUid).toBe(crc32('0'));
  });

  it('refuses an App ID that does not fill the fixed 32-character slot', () => {
    const error = errorOf(() => encode006({ appId: 'short', appCertificate: CERTIFICATE, channelName: 'c', uid: 1, salt: 1, ts: 1, privileges: {} }));
    expect(error.code).toBe('value');
  });

  it('refuses values that do not fit a u32 instead of wrapping them (milliseconds)', () => {
    const error = errorOf(() => encode006({ appId: APP_ID, appCertificate: CERTIFICATE, channelName: 'c', uid: 1, salt: 1, ts: 1, privileges: { 1: Date.UTC(2030, 0) } }));
    expect(error).toMatchObject({ code: 'value' });
    expect(error.message).toMatch(/privileges value must be an integer in \[0, 4294967295\]/);
  });
});

describe('006 signatures', () => {
  it.each([
    ['join', V006_JOIN, CHANNEL, UID],
    ['publisher', V006_PUBLISHER, CHANNEL, UID],
    ['RTM', V006_RTM, RTM_ACCOUNT, ''],
  ] as const)('%s vector verifies with its channel and uid', (_name, vector, channel, uid) => {
    expect(verifySignature(as006(vector), CERTIFICATE, { channel, uid })).toBe(true);
  });

  it('accepts the uid as a number or as its decimal string', () => {
    expect(verifySignature(as006(V006_JOIN), CERTIFICATE, { channel: CHANNEL, uid: String(UID) })).toBe(true);
  });

  it('fails with another certificate', () => {
    expect(checkSignature(as006(V006_JOIN), CERTIFICATE.replace('5', '6'), { channel: CHANNEL, uid: UID })).toMatchObject({ valid: false, reason: 'mismatch' });
  });

  it('names the wrong channel or uid by their CRCs instead of just failing', () => {
    const token = as006(V006_JOIN);
    const wrongChannel = checkSignature(token, CERTIFICATE, { channel: 'other', uid: UID });
    expect(wrongChannel).toMatchObject({ valid: false, reason: 'channel-crc' });
    expect(wrongChannel.message).toContain(`"other" (CRC 0x${crc32('other').toString(16).padStart(8, '0')})`);
    expect(checkSignature(token, CERTIFICATE, { channel: CHANNEL, uid: 1 })).toMatchObject({ valid: false, reason: 'uid-crc' });
  });

  it('needs the channel (and the uid unless its CRC is 0)', () => {
    expect(checkSignature(as006(V006_JOIN), CERTIFICATE)).toMatchObject({ valid: false, reason: 'needs-channel' });
    expect(checkSignature(as006(V006_JOIN), CERTIFICATE, { channel: CHANNEL })).toMatchObject({ valid: false, reason: 'needs-uid' });
    // RTM: uid CRC is 0, so "" is assumed
    expect(checkSignature(as006(V006_RTM), CERTIFICATE, { channel: RTM_ACCOUNT })).toMatchObject({ valid: true });
  });

  it('verifies against the stored message bytes, not a re-encoding', () => {
    const token = as006(V006_JOIN);
    expect(check006Signature({ ...token, privileges: [] }, CERTIFICATE, CHANNEL, UID).valid).toBe(true);
    expect(check006Signature({ ...token, message: Buffer.from(token.message).fill(0, 0, 1) }, CERTIFICATE, CHANNEL, UID).valid).toBe(false);
  });
});

describe('007 vectors', () => {
  it('decodes the RTC vector field by field', () => {
    const token = as007(V007_RTC);
    expect(token).toMatchObject({
      version: '007',
      appId: APP_ID,
      issueTs: TS,
      expire: EXPIRE_007,
      salt: SALT,
      serviceCount: 1,
      services: [{ type: SERVICE_TYPE.RTC, channelName: CHANNEL, uid: String(UID), privileges: [{ id: 1, expire: EXPIRE_007 }] }],
    });
    expect(token.unparsed).toBeUndefined();
  });

  it('decodes the combined RTC + RTM vector', () => {
    const token = as007(V007_RTC_RTM);
    expect(token.services).toEqual([
      { type: SERVICE_TYPE.RTC, channelName: CHANNEL, uid: String(UID), privileges: [1, 2, 3, 4].map((id) => ({ id, expire: EXPIRE_007 })) },
      { type: SERVICE_TYPE.RTM, userId: RTM_ACCOUNT, privileges: [{ id: 1, expire: EXPIRE_007 }] },
    ]);
  });

  it.each([
    ['RTC', V007_RTC],
    ['RTC + RTM', V007_RTC_RTM],
  ])('re-encodes the %s vector byte for byte with Node default deflate', (_name, vector) => {
    const token = as007(vector);
    expect(encode007({ ...token, appCertificate: CERTIFICATE })).toBe(vector);
  });

  it('encodes from privilege objects and sorts services by type', () => {
    const services: Service007Input[] = [
      { type: SERVICE_TYPE.RTM, userId: RTM_ACCOUNT, privileges: { 1: EXPIRE_007 } },
      { type: SERVICE_TYPE.RTC, channelName: CHANNEL, uid: String(UID), privileges: { 4: EXPIRE_007, 3: EXPIRE_007, 2: EXPIRE_007, 1: EXPIRE_007 } },
    ];
    expect(encode007({ appId: APP_ID, appCertificate: CERTIFICATE, issueTs: TS, expire: EXPIRE_007, salt: SALT, services })).toBe(V007_RTC_RTM);
  });

  it('verifies both vectors without any context, and fails with another certificate', () => {
    for (const vector of [V007_RTC, V007_RTC_RTM]) {
      expect(verifySignature(as007(vector), CERTIFICATE)).toBe(true);
      expect(verifySignature(as007(vector), CERTIFICATE.toLowerCase())).toBe(false);
    }
  });
});

describe('007 services 1–10 round-trip', () => {
  const services: Service007Input[] = [
    { type: 1, channelName: 'ch', uid: '', privileges: { 1: 0 } },
    { type: 2, userId: 'u', privileges: { 1: 60 } },
    { type: 3, channelName: 'live', account: 'acc', privileges: { 1: 1, 2: 2 } },
    { type: 4, privileges: { 1: 0 } },
    { type: 5, userId: 'chat-user', privileges: { 1: 100 } },
    { type: 6, channelName: 'cdn', account: 'acc', privileges: { 2: 5 } },
    { type: 7, roomUuid: 'room', userUuid: 'user', role: -1, privileges: { 1: 3 } },
    {
      type: 8,
      userId: 'rtm2',
      permissions: [
        { resourceType: 0, permissions: [{ permissionType: 1, resources: ['a', 'b'] }] },
        { resourceType: 4, permissions: [] },
      ],
      privileges: { 1: 9 },
    },
    { type: 9, privileges: {} },
    { type: 10, privileges: {} },
  ];

  it('decodes what it encodes for every known service type', () => {
    const token = encode007({ appId: APP_ID, appCertificate: CERTIFICATE, issueTs: 1_700_000_000, expire: 3600, salt: 42, services });
    const decoded = as007(token);
    expect(decoded.services.map((s) => s.type)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(decoded.services[6]).toEqual({ type: 7, roomUuid: 'room', userUuid: 'user', role: -1, privileges: [{ id: 1, expire: 3 }] });
    expect(decoded.services[7]).toMatchObject({ userId: 'rtm2', permissions: services[7].type === 8 ? services[7].permissions : [] });
    expect(encode007({ ...decoded, appCertificate: CERTIFICATE })).toBe(token);
    expect(verifySignature(decoded, CERTIFICATE)).toBe(true);
  });
});

/** A 007 token whose inflated content is `content`, to reach parser paths zlib would otherwise guard. */
function raw007(content: Buffer): string {
  return `007${deflate(content).toString('base64')}`;
}

function content007(token: string): Buffer {
  return inflateSync(Buffer.from(token.slice(3), 'base64'));
}

describe('malformed tokens', () => {
  it.each([
    ['empty', '', 'prefix', /empty/],
    ['whitespace only', '  \n', 'prefix', /empty/],
    ['another product', 'eyJhbGciOiJIUzI1NiJ9.e30.x', 'prefix', /not an Agora token: it starts with "eyJhbGci"…/],
    ['an older generation', '005abc', 'prefix', /version 005 is not supported/],
    ['006 shorter than its App ID', '006970CA35de60c', 'truncated', /the version and App ID alone take 35/],
    ['006 with nothing after the App ID', `006${APP_ID}`, 'truncated', /signature length needs 2 byte/],
    ['006 body with a space (a + decoded by a URL query)', V006_JOIN.replace('+', ' '), 'base64', /'\+' was probably turned into a space/],
    ['006 body URL-encoded', V006_JOIN.replace('+', '%2B'), 'base64', /URL-encoded/],
    ['006 body in URL-safe base64', V006_JOIN.replace('/', '_'), 'base64', /URL-safe alphabet/],
    ['006 body with a stray character', `${V006_JOIN.slice(0, 50)}!${V006_JOIN.slice(51)}`, 'base64', /"!"/],
    ['006 body cut in the middle of a byte', V006_JOIN.slice(0, 80), 'truncated', /006 token body is truncated: 45 base64 characters/],
    ['006 body cut between bytes', V006_JOIN.slice(0, 82), 'truncated', /006 content is truncated: channel CRC needs 4 byte/],
    ['006 body with bytes appended', `006${APP_ID}${Buffer.concat([Buffer.from(V006_JOIN.slice(35), 'base64'), Buffer.from([0])]).toString('base64')}`, 'trailing', /1 unexpected trailing byte/],
    ['007 body cut in the middle of a byte', V007_RTC.slice(0, 60), 'truncated', /007 token body is truncated/],
    ['007 body cut between bytes', V007_RTC.slice(0, 62), 'zlib', /does not inflate \(unexpected end of file\)/],
    ['007 body that is not zlib', `007${Buffer.from('hello world!').toString('base64')}`, 'zlib', /does not inflate/],
    ['007 with nothing after the prefix', '007', 'zlib', /does not inflate/],
    ['007 content cut after the App ID', raw007(content007(V007_RTC).subarray(0, 70)), 'truncated', /007 content is truncated: issueTs needs 4 byte/],
    ['007 content with bytes appended', raw007(Buffer.concat([content007(V007_RTC), Buffer.from([1, 2])])), 'trailing', /2 unexpected trailing byte/],
  ])('%s → TokenError %s', (_name, token, code, message) => {
    const error = errorOf(() => decodeToken(token));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TokenError');
  });

  it('ignores whitespace around a token (stdin, files)', () => {
    expect(decodeToken(`  ${V006_JOIN}\n`).appId).toBe(APP_ID);
  });

  it('refuses a non-string', () => {
    expect(errorOf(() => decodeToken(42 as unknown as string)).code).toBe('prefix');
  });

  it('refuses a 007 token that inflates to more than 1 MiB', () => {
    expect(errorOf(() => decodeToken(raw007(Buffer.alloc(2 << 20)))).code).toBe('zlib');
  });
});

describe('unknown 007 service types', () => {
  // RTC vector content with its service type (u16 right after the fixed header) changed to 42
  const header = 2 + 32 + 2 + 32 + 4 + 4 + 4 + 2;
  const content = content007(V007_RTC);
  const mutated = Buffer.from(content);
  mutated.writeUInt16LE(42, header);
  const token = raw007(mutated);

  it('throws TokenError service by default', () => {
    const error = errorOf(() => decodeToken(token));
    expect(error).toMatchObject({ code: 'service', message: '007 service #1 has unknown type 42 (known: 1–10)' });
  });

  it("keeps the raw bytes and stops with unknownServices: 'keep' (like agora-token 2.0.6)", () => {
    const decoded = decode007(token, { unknownServices: 'keep' });
    expect(decoded.services).toEqual([]);
    expect(decoded.serviceCount).toBe(1);
    expect(decoded.unparsed).toEqual({ type: 42, bytes: mutated.subarray(header) });
    // the signature covers the raw bytes: it fails only because the type was changed after signing
    expect(verifySignature(decoded, CERTIFICATE)).toBe(false);
    expect(decoded.signingInfo).toEqual(mutated.subarray(2 + 32));
  });

  it('a kept unknown service still verifies when it was signed that way (the signature covers raw bytes)', () => {
    const fpa = encode007({ appId: APP_ID, appCertificate: CERTIFICATE, issueTs: TS, expire: 600, salt: 7, services: [{ type: 4, privileges: { 1: 0 } }] });
    const signingInfo = content007(fpa).subarray(2 + 32);
    signingInfo.writeUInt16LE(99, signingInfo.length - 2 - 6 - 2); // service type sits before its 1-entry privilege map
    const decoded = decode007(raw007(Buffer.concat([Buffer.from([32, 0]), resign007(signingInfo, TS, 7), signingInfo])), { unknownServices: 'keep' });
    expect(decoded.unparsed?.type).toBe(99);
    expect(verifySignature(decoded, CERTIFICATE)).toBe(true);
  });
});

/** The 007 key chain written out in the test (reference 2.3), independent of the encoder. */
function resign007(signingInfo: Buffer, issueTs: number, salt: number): Buffer {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const k1 = createHmac('sha256', u32(issueTs)).update(CERTIFICATE).digest();
  const k2 = createHmac('sha256', u32(salt)).update(k1).digest();
  return createHmac('sha256', k2).update(signingInfo).digest();
}

describe('decodeToken dispatch', () => {
  it.each(VECTORS)('$name decodes as its own generation', ({ token }) => {
    expect(decodeToken(token).version).toBe(token.slice(0, 3));
  });

  it('decode006 and decode007 refuse the other generation', () => {
    expect(errorOf(() => decode006(V007_RTC)).code).toBe('prefix');
    expect(errorOf(() => decode007(V006_JOIN)).code).toBe('prefix');
  });
});
