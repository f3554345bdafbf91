import { createHmac, timingSafeEqual } from 'node:crypto';
import { ByteReader, ByteWriter } from './bytes.ts';
import { decodeBase64 } from './base64.ts';
import { crc32 } from './crc32.ts';
import { TokenError } from './errors.ts';

/**
 * AccessToken "006" (reference 2.2):
 *   "006" + appId(32 chars) + base64( bytes signature, u32 crc(channel), u32 crc(uid), bytes m )
 *   m = u32 salt, u32 ts (token expiry), map32 {privilegeId: absolute expiry, 0 = never}
 *   signature = HMAC-SHA256(key = certificate, appId ‖ channel ‖ uid ‖ m)
 */

export const VERSION_006 = '006';
/** The 006 App ID slot is fixed-width: chars 3–34. */
export const APP_ID_LENGTH = 32;

/** One 006 privilege: absolute unix seconds, 0 = never expires. */
export interface Privilege006 {
  id: number;
  expiresAt: number;
}

/** A decoded 006 token. Channel and uid are not in the token, only their CRC-32s. */
export interface Decoded006 {
  version: '006';
  appId: string;
  /** HMAC-SHA256 as stored (32 bytes in a well-formed token). */
  signature: Buffer;
  crcChannel: number;
  crcUid: number;
  salt: number;
  /** Token expiry, absolute unix seconds (the builders set issue time + 86400). */
  ts: number;
  /** In wire order (ascending ids when built by any Agora builder). */
  privileges: Privilege006[];
  /** The signed message `m` exactly as stored, so verification does not depend on re-encoding. */
  message: Buffer;
}

/** Privileges as an id → value object or as a list; encoders write them sorted by id. */
export type PrivilegesInput<P> = Readonly<Record<number, number>> | readonly P[];

/** Everything needed to build a 006 token deterministically. */
export interface Encode006Input {
  appId: string;
  appCertificate: string;
  channelName: string;
  /** Number or string; numeric 0 becomes "" (the wildcard), like every v1 builder. */
  uid: string | number;
  salt: number;
  /** Token expiry, absolute unix seconds. */
  ts: number;
  privileges: PrivilegesInput<Privilege006>;
}

/** Agora's uid rule in both generations: strictly numeric 0 → "" (wildcard), anything else → String(). */
export function uidToString(uid: string | number): string {
  return uid === 0 ? '' : String(uid);
}

/** Sorted `{ key, value }` entries from either privileges form; duplicate ids are an error. */
export function privilegeEntries<P>(
  privileges: PrivilegesInput<P>,
  pick: (privilege: P) => { key: number; value: number },
): { key: number; value: number }[] {
  const entries = Array.isArray(privileges)
    ? (privileges as readonly P[]).map(pick)
    : Object.entries(privileges).map(([key, value]) => ({ key: Number(key), value: value as number }));
  entries.sort((a, b) => a.key - b.key);
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].key === entries[i - 1].key) throw new TokenError('value', `privilege ${entries[i].key} is listed twice`);
  }
  return entries;
}

/** Decodes a 006 token string; throws TokenError. */
export function decode006(token: string): Decoded006 {
  if (!token.startsWith(VERSION_006)) throw new TokenError('prefix', 'not a 006 token');
  const bodyStart = VERSION_006.length + APP_ID_LENGTH;
  if (token.length < bodyStart) {
    throw new TokenError('truncated', `006 token is truncated: ${token.length} characters, the version and App ID alone take ${bodyStart}`);
  }
  const appId = token.slice(VERSION_006.length, bodyStart);
  const content = new ByteReader(decodeBase64(token.slice(bodyStart), '006 token body'), '006 content');
  const signature = content.bytes('signature');
  const crcChannel = content.u32('channel CRC');
  const crcUid = content.u32('uid CRC');
  const message = content.bytes('message');
  content.end();

  const m = new ByteReader(message, '006 message');
  const salt = m.u32('salt');
  const ts = m.u32('ts');
  const privileges = m.map32('privileges').map(({ key, value }) => ({ id: key, expiresAt: value }));
  m.end();
  return { version: '006', appId, signature, crcChannel, crcUid, salt, ts, privileges, message };
}

function sign006(appCertificate: string, appId: string, channelName: string, uid: string, message: Buffer): Buffer {
  return createHmac('sha256', Buffer.from(appCertificate, 'utf8'))
    .update(Buffer.concat([Buffer.from(appId, 'utf8'), Buffer.from(channelName, 'utf8'), Buffer.from(uid, 'utf8'), message]))
    .digest();
}

/** Builds a 006 token byte-for-byte as agora-access-token does, with salt and ts given. */
export function encode006(input: Encode006Input): string {
  if (input.appId.length !== APP_ID_LENGTH) {
    throw new TokenError('value', `006 App ID must be ${APP_ID_LENGTH} characters (it fills a fixed slot), got ${input.appId.length}`);
  }
  const uid = uidToString(input.uid);
  const message = new ByteWriter()
    .u32(input.salt, 'salt')
    .u32(input.ts, 'ts')
    .map32(privilegeEntries(input.privileges, (p) => ({ key: p.id, value: p.expiresAt })), 'privileges')
    .toBuffer();
  const content = new ByteWriter()
    .bytes(sign006(input.appCertificate, input.appId, input.channelName, uid, message), 'signature')
    .u32(crc32(input.channelName))
    .u32(crc32(uid))
    .bytes(message, 'message')
    .toBuffer();
  return VERSION_006 + input.appId + content.toString('base64');
}

/** Result of a 006 signature check; `reason` says why it is not valid. */
export interface Signature006Check {
  valid: boolean;
  reason?: 'channel-crc' | 'uid-crc' | 'mismatch';
}

/** Checks a 006 signature given the channel and uid it was built for (they are only in the token as CRCs). */
export function check006Signature(token: Decoded006, appCertificate: string, channelName: string, uid: string | number): Signature006Check {
  const uidText = uidToString(uid);
  if (crc32(channelName) !== token.crcChannel) return { valid: false, reason: 'channel-crc' };
  if (crc32(uidText) !== token.crcUid) return { valid: false, reason: 'uid-crc' };
  const expected = sign006(appCertificate, token.appId, channelName, uidText, token.message);
  const valid = expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
  return valid ? { valid } : { valid, reason: 'mismatch' };
}
