import { TokenError } from './errors.ts';
import { crc32 } from './crc32.ts';
import { hex32 } from './format.ts';
import { check006Signature, decode006, uidToString, VERSION_006, type Decoded006 } from './token006.ts';
import { check007Signature, decode007, VERSION_007, type Decode007Options, type Decoded007 } from './token007.ts';

/** A decoded token of either generation, discriminated by `version`. */
export type DecodedToken = Decoded006 | Decoded007;

/** Options of decodeToken. */
export type DecodeOptions = Decode007Options;

/** Decodes a 006 or 007 token (surrounding whitespace ignored); throws TokenError for anything malformed. */
export function decodeToken(token: string, options: DecodeOptions = {}): DecodedToken {
  if (typeof token !== 'string') throw new TokenError('prefix', `a token must be a string, got ${token === null ? 'null' : typeof token}`);
  const text = token.trim();
  if (text === '') throw new TokenError('prefix', 'the token is empty');
  if (text.startsWith(VERSION_006)) return decode006(text);
  if (text.startsWith(VERSION_007)) return decode007(text, options);
  const head = JSON.stringify(text.slice(0, 8)) + (text.length > 8 ? '…' : '');
  if (/^0\d\d/.test(text)) {
    throw new TokenError('prefix', `token version ${text.slice(0, 3)} is not supported; only 006 (AccessToken) and 007 (AccessToken2) are`);
  }
  throw new TokenError('prefix', `not an Agora token: it starts with ${head}, expected "006" or "007"`);
}

/** Channel and uid a 006 token was built for; 006 stores only their CRC-32s. */
export interface SignatureContext {
  channel?: string;
  uid?: string | number;
}

/** Outcome of a signature check, with the reason in words when it is not valid. */
export interface SignatureCheck {
  valid: boolean;
  reason?: 'mismatch' | 'channel-crc' | 'uid-crc' | 'needs-channel' | 'needs-uid';
  message: string;
}

/**
 * Checks a token's signature. 007 is self-contained. 006 needs the channel and uid (`context`);
 * when one is missing and its CRC is 0 the empty string is assumed (uid 0 / RTM tokens).
 */
export function checkSignature(token: DecodedToken, appCertificate: string, context: SignatureContext = {}): SignatureCheck {
  if (token.version === '007') {
    return check007Signature(token, appCertificate)
      ? { valid: true, message: 'signature verifies' }
      : { valid: false, reason: 'mismatch', message: 'signature does not verify with this App Certificate' };
  }
  const channel = context.channel ?? (token.crcChannel === 0 ? '' : undefined);
  if (channel === undefined) {
    return { valid: false, reason: 'needs-channel', message: '006 signatures cover the channel name, which the token holds only as a CRC: give the channel' };
  }
  const uid = context.uid ?? (token.crcUid === 0 ? '' : undefined);
  if (uid === undefined) {
    return { valid: false, reason: 'needs-uid', message: '006 signatures cover the uid, which the token holds only as a CRC: give the uid' };
  }
  const result = check006Signature(token, appCertificate, channel, uid);
  switch (result.reason) {
    case undefined:
      return { valid: true, message: 'signature verifies' };
    case 'channel-crc':
      return {
        valid: false,
        reason: result.reason,
        message: `channel ${JSON.stringify(channel)} (CRC ${hex32(crc32(channel))}) is not the one in the token (CRC ${hex32(token.crcChannel)})`,
      };
    case 'uid-crc':
      return {
        valid: false,
        reason: result.reason,
        message: `uid ${JSON.stringify(uidToString(uid))} (CRC ${hex32(crc32(uidToString(uid)))}) is not the one in the token (CRC ${hex32(token.crcUid)})`,
      };
    case 'mismatch':
      return { valid: false, reason: result.reason, message: 'signature does not verify with this App Certificate' };
  }
}

/** Whether the token was signed with `appCertificate` (006 needs `context`, see checkSignature). */
export function verifySignature(token: DecodedToken, appCertificate: string, context?: SignatureContext): boolean {
  return checkSignature(token, appCertificate, context).valid;
}
