import { TOKEN_LIFETIME_006, toClaims } from './claims.ts';
import type { DecodedToken } from './decode.ts';
import { formatIso } from './format.ts';
import { PRIVILEGE_006, SERVICE_TYPE, privilegeName006, privilegeName007, serviceName } from './services.ts';
import type { Service007 } from './token007.ts';

/** A point in time as unix seconds and ISO-8601. */
export interface TimeDescription {
  unix: number;
  iso: string;
}

/** A privilege as stored and as an absolute deadline (`never` when the stored value is 0). */
export interface PrivilegeDescription {
  id: number;
  name: string;
  /** As stored: absolute unix seconds (006) or seconds after issue (007). */
  value: number;
  never: boolean;
  expiresAt: TimeDescription | null;
}

/** A service: its payload fields (007 strings, or 006 CRCs) and privileges. */
export interface ServiceDescription {
  type: number;
  name: string;
  fields: Record<string, unknown>;
  privileges: PrivilegeDescription[];
}

/** JSON-friendly description of a decoded token, the `decode --json` payload. */
export interface TokenDescription {
  version: '006' | '007';
  generation: 'AccessToken' | 'AccessToken2';
  appId: string;
  /** 006 has no issue time; it is derived as expiry − 24 h (`derived: true`). */
  issuedAt: TimeDescription & { derived: boolean };
  /** When the token stops being accepted (007: issue + expire, capped at 24 h); null for 007 expire 0. */
  expiresAt: TimeDescription | null;
  /** Stored 007 lifetime in seconds (006 always lives 86400 s). */
  expire: number;
  salt: number;
  /** Hex of the stored HMAC. */
  signature: string;
  services: ServiceDescription[];
  /** 006 only: CRC-32s of the channel (RTM: user account) and uid, also shown per service. */
  crc?: { channel: number; uid: number };
  /** 007 services of an unknown type, kept raw (hex). */
  unparsed?: { type: number; bytes: string };
}

function time(unix: number): TimeDescription {
  return { unix, iso: formatIso(unix) };
}

function privilege(id: number, name: string, value: number, deadline: number): PrivilegeDescription {
  return { id, name, value, never: value === 0, expiresAt: value === 0 ? null : time(deadline) };
}

function serviceFields(service: Service007): Record<string, unknown> {
  const { type: _type, privileges: _privileges, ...fields } = service;
  return fields;
}

/** Describes a decoded token for people and JSON: dates, names, "never" for 0. */
export function describeToken(token: DecodedToken): TokenDescription {
  const claims = toClaims(token);
  const base = {
    version: token.version,
    appId: token.appId,
    expiresAt: claims.tokenDeadline === null ? null : time(claims.tokenDeadline),
    salt: token.salt,
    signature: token.signature.toString('hex'),
  };
  if (token.version === '006') {
    const rtc = token.privileges.filter((p) => p.id !== PRIVILEGE_006.RTM_LOGIN);
    const rtm = token.privileges.filter((p) => p.id === PRIVILEGE_006.RTM_LOGIN);
    const describe006 = (p: { id: number; expiresAt: number }) => privilege(p.id, privilegeName006(p.id), p.expiresAt, p.expiresAt);
    const services: ServiceDescription[] = [];
    if (rtc.length > 0) {
      services.push({ type: SERVICE_TYPE.RTC, name: serviceName(SERVICE_TYPE.RTC), fields: { channelCrc: token.crcChannel, uidCrc: token.crcUid }, privileges: rtc.map(describe006) });
    }
    if (rtm.length > 0) {
      // v1 RTM tokens carry the user account in the channel slot
      services.push({ type: SERVICE_TYPE.RTM, name: serviceName(SERVICE_TYPE.RTM), fields: { userCrc: token.crcChannel, uidCrc: token.crcUid }, privileges: rtm.map(describe006) });
    }
    return {
      ...base,
      generation: 'AccessToken',
      issuedAt: { ...time(claims.issuedAt), derived: true },
      expire: TOKEN_LIFETIME_006,
      services,
      crc: { channel: token.crcChannel, uid: token.crcUid },
    };
  }
  const description: TokenDescription = {
    ...base,
    generation: 'AccessToken2',
    issuedAt: { ...time(token.issueTs), derived: false },
    expire: token.expire,
    services: token.services.map((service) => ({
      type: service.type,
      name: serviceName(service.type),
      fields: serviceFields(service),
      privileges: service.privileges.map((p) => privilege(p.id, privilegeName007(service.type, p.id), p.expire, token.issueTs + p.expire)),
    })),
  };
  if (token.unparsed) description.unparsed = { type: token.unparsed.type, bytes: token.unparsed.bytes.toString('hex') };
  return description;
}
