import { crc32 } from './crc32.ts';
import { checkSignature, decodeToken, type DecodedToken, type SignatureContext } from './decode.ts';
import { formatIso, hex32, maskSecret } from './format.ts';
import { PRIVILEGE_006, SERVICE_TYPE, privilegeName006, privilegeName007, serviceName } from './services.ts';
import type { Decoded006 } from './token006.ts';
import type { Decoded007, Service007 } from './token007.ts';

/**
 * The claims model (reference section 5): what a token grants, in absolute unix seconds, in the
 * same shape for both generations, so a 006 and a 007 token can be compared claim by claim.
 */

/** Longest lifetime Agora honours for a token (24 h); 006 tokens always expire this long after issue. */
export const TOKEN_LIFETIME_006 = 86400;
/** Default clock tolerance: v1 and v2 read the clock at different instants (reference 5). */
export const DEFAULT_TOLERANCE = 2;

/** A user or channel: 006 knows only the CRC-32, 007 the string itself. */
export interface IdentityClaim {
  crc: number;
  value?: string;
}

/** One privilege with its absolute deadline; `deadline: null` = never expires (wire value 0). */
export interface PrivilegeClaim {
  /** Id within the service (006 RTM login 1000 becomes RTM privilege 1). */
  id: number;
  name: string;
  /** The value as stored: absolute (006) or relative to issue time (007). */
  raw: number;
  deadline: number | null;
}

/** What one service grants, to whom. */
export interface ServiceClaims {
  /** 007 service type; 006 privileges map to RTC (1) or RTM (2). */
  type: number;
  name: string;
  /** Identities the service names: RTC `channel` + `uid`, RTM `user`, … */
  identity: Record<string, IdentityClaim>;
  /** Other payload fields (APaaS role, RTM2 permissions), compared as JSON. */
  extra?: Record<string, unknown>;
  privileges: PrivilegeClaim[];
}

/** The claims of a token of either generation. */
export interface TokenClaims {
  version: '006' | '007';
  appId: string;
  /** Unix seconds; for 006 derived as `ts − 86400` since the builders always set ts = issue + 24 h. */
  issuedAt: number;
  /** When the token itself stops being accepted; null for a 007 `expire` of 0 (documented both ways). */
  tokenDeadline: number | null;
  /** 007 `expire` as stored (seconds after issue). */
  expire?: number;
  services: ServiceClaims[];
  /** A 007 service type that could not be parsed (decoded with `unknownServices: 'keep'`). */
  unparsedServiceType?: number;
}

/** One way two tokens differ, in plain words. */
export interface ClaimDifference {
  /** Stable key: 'app-id', 'issue-time', 'token-expire', 'token-deadline', 'services', 'rtc.channel', 'rtc.privileges', 'rtc.join-deadline', 'rtc.privilege.2', 'signature.v1', … */
  claim: string;
  message: string;
}

/** Options of compareClaims. */
export interface CompareOptions {
  /** With a certificate, both signatures must verify (006 with the channel/uid of the 007 side or `context`). */
  certificate?: string;
  /** Allowed clock difference in seconds (default 2). */
  tolerance?: number;
  /** Channel and uid for verifying 006 signatures when the other side cannot supply them. */
  context?: SignatureContext;
}

function identity(value: string): IdentityClaim {
  return { crc: crc32(value), value };
}

function claims006(token: Decoded006): TokenClaims {
  const deadline = (value: number): number | null => (value === 0 ? null : value);
  const rtc = token.privileges.filter((p) => p.id !== PRIVILEGE_006.RTM_LOGIN);
  const rtm = token.privileges.filter((p) => p.id === PRIVILEGE_006.RTM_LOGIN);
  const services: ServiceClaims[] = [];
  if (rtc.length > 0) {
    services.push({
      type: SERVICE_TYPE.RTC,
      name: serviceName(SERVICE_TYPE.RTC),
      identity: { channel: { crc: token.crcChannel }, uid: { crc: token.crcUid } },
      privileges: rtc.map((p) => ({ id: p.id, name: privilegeName006(p.id), raw: p.expiresAt, deadline: deadline(p.expiresAt) })),
    });
  }
  if (rtm.length > 0) {
    // v1 RTM puts the user account in the channel slot (reference 2.2)
    services.push({
      type: SERVICE_TYPE.RTM,
      name: serviceName(SERVICE_TYPE.RTM),
      identity: { user: { crc: token.crcChannel } },
      privileges: rtm.map((p) => ({ id: 1, name: privilegeName007(SERVICE_TYPE.RTM, 1), raw: p.expiresAt, deadline: deadline(p.expiresAt) })),
    });
  }
  return { version: '006', appId: token.appId, issuedAt: token.ts - TOKEN_LIFETIME_006, tokenDeadline: token.ts, services };
}

function serviceIdentity(service: Service007): Pick<ServiceClaims, 'identity' | 'extra'> {
  switch (service.type) {
    case SERVICE_TYPE.RTC:
      return { identity: { channel: identity(service.channelName), uid: identity(service.uid) } };
    case SERVICE_TYPE.RTM:
    case SERVICE_TYPE.CHAT:
      return { identity: { user: identity(service.userId) } };
    case SERVICE_TYPE.STREAMING:
    case SERVICE_TYPE.FCDN:
      return { identity: { channel: identity(service.channelName), account: identity(service.account) } };
    case SERVICE_TYPE.APAAS:
      return { identity: { room: identity(service.roomUuid), user: identity(service.userUuid) }, extra: { role: service.role } };
    case SERVICE_TYPE.RTM2:
      return { identity: { user: identity(service.userId) }, extra: { permissions: service.permissions } };
    case SERVICE_TYPE.FPA:
    case SERVICE_TYPE.CONVOAI:
    case SERVICE_TYPE.STT:
      return { identity: {} };
  }
}

function claims007(token: Decoded007): TokenClaims {
  const services = token.services.map((service): ServiceClaims => ({
    type: service.type,
    name: serviceName(service.type),
    ...serviceIdentity(service),
    privileges: service.privileges.map((p) => ({
      id: p.id,
      name: privilegeName007(service.type, p.id),
      raw: p.expire,
      deadline: p.expire === 0 ? null : token.issueTs + p.expire,
    })),
  }));
  const claims: TokenClaims = {
    version: '007',
    appId: token.appId,
    issuedAt: token.issueTs,
    tokenDeadline: token.expire === 0 ? null : token.issueTs + Math.min(token.expire, TOKEN_LIFETIME_006),
    expire: token.expire,
    services,
  };
  if (token.unparsed) claims.unparsedServiceType = token.unparsed.type;
  return claims;
}

/** The claims of a decoded token (absolute deadlines, 006 privileges grouped into RTC/RTM). */
export function toClaims(token: DecodedToken): TokenClaims {
  return token.version === '006' ? claims006(token) : claims007(token);
}

// ---------------------------------------------------------------------------------------------
// comparison

interface Side {
  label: 'v1' | 'v2';
  token: DecodedToken;
  claims: TokenClaims;
}

function delta(a: number, b: number): string {
  const d = b - a;
  return `Δ ${d > 0 ? '+' : ''}${d} s`;
}

/** A deadline at or before issue time (+τ) is already expired: v1 past deadlines map to v2 1 s (reference 3.3). */
function expiredAtIssue(deadline: number, issuedAt: number, tolerance: number): boolean {
  return deadline <= issuedAt + tolerance;
}

function sameDeadline(a: number, aIssued: number, b: number, bIssued: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance || (expiredAtIssue(a, aIssued, tolerance) && expiredAtIssue(b, bIssued, tolerance));
}

function minDeadline(privilege: number | null, token: number | null): number | null {
  if (privilege === null) return token;
  if (token === null) return privilege;
  return Math.min(privilege, token);
}

function describeIdentity(id: IdentityClaim): string {
  return id.value === undefined ? `CRC ${hex32(id.crc)}` : `${JSON.stringify(id.value)} (CRC ${hex32(id.crc)})`;
}

function compareIdentity(key: string, name: string, a: IdentityClaim | undefined, b: IdentityClaim | undefined, out: ClaimDifference[]): void {
  if (a === undefined || b === undefined) {
    out.push({ claim: key, message: `${name} is only in ${a === undefined ? 'v2' : 'v1'}` });
    return;
  }
  const same = a.value !== undefined && b.value !== undefined ? a.value === b.value : a.crc === b.crc;
  if (!same) out.push({ claim: key, message: `${name} differs: v1 ${describeIdentity(a)} vs v2 ${describeIdentity(b)}` });
}

function privilegeList(privileges: readonly PrivilegeClaim[]): string {
  return privileges.map((p) => `${p.id} (${p.name})`).join(', ');
}

function compareService(prefix: string, a: ServiceClaims, v1: Side, b: ServiceClaims, v2: Side, tolerance: number, out: ClaimDifference[]): void {
  for (const key of new Set([...Object.keys(a.identity), ...Object.keys(b.identity)])) {
    compareIdentity(`${prefix}.${key}`, `${a.name} ${key}`, a.identity[key], b.identity[key], out);
  }
  if (JSON.stringify(a.extra ?? {}) !== JSON.stringify(b.extra ?? {})) {
    out.push({ claim: `${prefix}.payload`, message: `${a.name} payload differs: v1 ${JSON.stringify(a.extra ?? {})} vs v2 ${JSON.stringify(b.extra ?? {})}` });
  }
  comparePrivilegeIds(prefix, a, b, out);
  const joinCompared = compareJoinDeadline(prefix, a, v1, b, v2, tolerance, out);
  comparePrivilegeDeadlines(prefix, a, v1, b, v2, { tolerance, skipJoin: joinCompared }, out);
}

function comparePrivilegeIds(prefix: string, a: ServiceClaims, b: ServiceClaims, out: ClaimDifference[]): void {
  const aIds = new Set(a.privileges.map((p) => p.id));
  const bIds = new Set(b.privileges.map((p) => p.id));
  const missing = a.privileges.filter((p) => !bIds.has(p.id));
  const added = b.privileges.filter((p) => !aIds.has(p.id));
  if (missing.length === 0 && added.length === 0) return;
  const parts = [missing.length > 0 ? `v2 lacks ${privilegeList(missing)}` : '', added.length > 0 ? `v2 adds ${privilegeList(added)}` : ''];
  out.push({
    claim: `${prefix}.privileges`,
    message: `${a.name} privileges differ: ${parts.filter(Boolean).join('; ')} (v1 {${[...aIds].join(', ')}} vs v2 {${[...bIds].join(', ')}})`,
  });
}

/**
 * The effective join (RTM: login) deadline: a token can only be used to join while both the token
 * and privilege 1 are valid. Returns whether it could be compared (privilege 1 and both token deadlines known).
 */
function compareJoinDeadline(prefix: string, a: ServiceClaims, v1: Side, b: ServiceClaims, v2: Side, tolerance: number, out: ClaimDifference[]): boolean {
  const Ta = v1.claims.tokenDeadline;
  const Tb = v2.claims.tokenDeadline;
  const a1 = a.privileges.find((p) => p.id === 1);
  const b1 = b.privileges.find((p) => p.id === 1);
  if (a1 === undefined || b1 === undefined || Ta === null || Tb === null) return false;
  const Ja = minDeadline(a1.deadline, Ta) as number;
  const Jb = minDeadline(b1.deadline, Tb) as number;
  if (!sameDeadline(Ja, v1.claims.issuedAt, Jb, v2.claims.issuedAt, tolerance)) {
    const name = a.type === SERVICE_TYPE.RTC ? 'join' : 'login';
    const why = (p: PrivilegeClaim, T: number): string =>
      p.deadline === null ? 'privilege 1 never expires; token expiry' : T < p.deadline ? 'token expiry' : 'privilege 1';
    out.push({
      claim: `${prefix}.${name}-deadline`,
      message: `${name} deadline differs: v1 ${formatIso(Ja)} (${why(a1, Ta)}) vs v2 ${formatIso(Jb)} (${why(b1, Tb)}) (${delta(Ja, Jb)})`,
    });
  }
  return true;
}

/** Every privilege in both: never ⇔ never, finite deadlines (capped by the token's) within tolerance. */
function comparePrivilegeDeadlines(
  prefix: string,
  a: ServiceClaims,
  v1: Side,
  b: ServiceClaims,
  v2: Side,
  { tolerance, skipJoin }: { tolerance: number; skipJoin: boolean },
  out: ClaimDifference[],
): void {
  const Ta = v1.claims.tokenDeadline;
  const Tb = v2.claims.tokenDeadline;
  // v2 RTM has one `expire` for token and login, so v1 RTM "never" (a token good for 24 h) maps to expire 86400 (reference 3.3)
  const neverIsTokenLifetime = a.type === SERVICE_TYPE.RTM && v1.claims.version === '006' && v2.claims.version === '007';
  for (const pa of a.privileges) {
    const pb = b.privileges.find((p) => p.id === pa.id);
    if (pb === undefined) continue;
    // privilege 1 with finite deadlines on both sides is exactly the join deadline, already compared
    const coveredByJoin = skipJoin && pa.id === 1;
    const claim = `${prefix}.privilege.${pa.id}`;
    const label = `${a.name} privilege ${pa.id} (${pa.name})`;
    if (neverIsTokenLifetime && pa.deadline === null && pb.deadline !== null && Ta !== null && Tb !== null) {
      const db = Math.min(pb.deadline, Tb);
      if (!coveredByJoin && !sameDeadline(Ta, v1.claims.issuedAt, db, v2.claims.issuedAt, tolerance)) {
        out.push({ claim, message: `${label} deadline differs: v1 ${formatIso(Ta)} (never; token expiry) vs v2 ${formatIso(db)} (${delta(Ta, db)})` });
      }
    } else if (pa.deadline === null && pb.deadline !== null) {
      out.push({ claim, message: `${label}: v1 never expires but v2 expires at ${formatIso(pb.deadline)} (${pb.raw} s after issue)` });
    } else if (pa.deadline !== null && pb.deadline === null) {
      out.push({ claim, message: `${label}: v1 expires at ${formatIso(pa.deadline)} but v2 never expires (0); a finite deadline must never map to 0` });
    } else if (pa.deadline !== null && pb.deadline !== null && !coveredByJoin) {
      const da = minDeadline(pa.deadline, Ta) as number;
      const db = minDeadline(pb.deadline, Tb) as number;
      if (!sameDeadline(da, v1.claims.issuedAt, db, v2.claims.issuedAt, tolerance)) {
        out.push({ claim, message: `${label} deadline differs: v1 ${formatIso(da)} vs v2 ${formatIso(db)} (${delta(da, db)})` });
      }
    }
  }
}

function compareServices(v1: Side, v2: Side, tolerance: number, out: ClaimDifference[]): void {
  for (const side of [v1, v2]) {
    if (side.claims.unparsedServiceType !== undefined) {
      out.push({ claim: 'services', message: `${side.label} has service type ${side.claims.unparsedServiceType}, which could not be parsed or compared` });
    }
  }
  const types = [...new Set([...v1.claims.services, ...v2.claims.services].map((s) => s.type))].sort((x, y) => x - y);
  for (const type of types) {
    const as = v1.claims.services.filter((s) => s.type === type);
    const bs = v2.claims.services.filter((s) => s.type === type);
    const name = serviceName(type);
    if (bs.length === 0) out.push({ claim: 'services', message: `v2 lacks the ${name} service that v1 grants` });
    else if (as.length === 0) out.push({ claim: 'services', message: `v2 adds the ${name} service, which v1 did not grant` });
    else if (as.length !== bs.length) out.push({ claim: 'services', message: `v1 has ${as.length} ${name} service(s), v2 has ${bs.length}` });
    for (let i = 0; i < Math.min(as.length, bs.length); i++) {
      const prefix = name.toLowerCase() + (i > 0 ? `#${i + 1}` : '');
      compareService(prefix, as[i], v1, bs[i], v2, tolerance, out);
    }
  }
}

function compareExpire(v1: Side, v2: Side, tolerance: number, out: ClaimDifference[]): void {
  for (const side of [v1, v2]) {
    if (side.claims.version === '007' && side.claims.expire === 0) {
      out.push({
        claim: 'token-expire',
        message: `${side.label} token expire is 0: Agora documents it both as 24 h and as "expires immediately", so its deadline is unknown; use 86400`,
      });
    }
  }
  const expire = v2.claims.expire;
  if (v2.claims.version === '007' && expire !== undefined && expire > TOKEN_LIFETIME_006) {
    const hint = expire >= 1e9 ? ` — it looks like an absolute timestamp (${formatIso(expire)}) passed as relative seconds` : '';
    out.push({ claim: 'token-expire', message: `v2 token expire is ${expire} s, more than Agora's 24 h cap (86400)${hint}` });
  }
  // reference 5: v1 "never" (0) maps to v2 privilege 0 with a token lifetime of exactly 86400
  const v1Never = v1.claims.version === '006' && v1.claims.services.some((s) => s.privileges.some((p) => p.deadline === null));
  if (v1Never && v2.claims.version === '007' && expire !== 0 && expire !== TOKEN_LIFETIME_006) {
    out.push({ claim: 'token-expire', message: `v1 has privileges that never expire, so the v2 token expire must be 86400 (24 h), got ${expire} s` });
  }
  const Ta = v1.claims.tokenDeadline;
  const Tb = v2.claims.tokenDeadline;
  // 006 always expires 24 h after issue while 007 carries the real lifetime, so only the same generation compares token deadlines directly
  if (v1.claims.version === v2.claims.version && Ta !== null && Tb !== null && Math.abs(Ta - Tb) > tolerance) {
    out.push({ claim: 'token-deadline', message: `token deadline differs: v1 ${formatIso(Ta)} vs v2 ${formatIso(Tb)} (${delta(Ta, Tb)})` });
  }
}

/** Channel/uid for a 006 signature, taken from the other side's 007 service of the same kind. */
function contextFrom006Peer(token: Decoded006, peer: DecodedToken, fallback: SignatureContext | undefined): SignatureContext | undefined {
  if (peer.version === '007') {
    const isRtm = token.privileges.some((p) => p.id === PRIVILEGE_006.RTM_LOGIN);
    for (const service of peer.services) {
      if (!isRtm && service.type === SERVICE_TYPE.RTC) return { channel: service.channelName, uid: service.uid };
      if (isRtm && service.type === SERVICE_TYPE.RTM) return { channel: service.userId, uid: '' };
    }
  }
  return fallback;
}

function compareSignatures(v1: Side, v2: Side, options: CompareOptions, out: ClaimDifference[]): void {
  const certificate = options.certificate;
  if (certificate === undefined) return;
  for (const [side, peer] of [
    [v1, v2],
    [v2, v1],
  ] as const) {
    const context = side.token.version === '006' ? contextFrom006Peer(side.token, peer.token, options.context) : undefined;
    const result = checkSignature(side.token, certificate, context);
    if (!result.valid) {
      out.push({ claim: `signature.${side.label}`, message: `${side.label} signature not valid with certificate ${maskSecret(certificate)}: ${result.message}` });
    }
  }
}

/**
 * Compares the claims of two tokens (v1 = the reference, v2 = the candidate; either may be 006 or
 * 007) per reference section 5. Returns every difference in words; an empty array means equivalent.
 * Token strings are decoded first (a malformed one throws TokenError; an unknown service type is a
 * difference). Deadlines both at or before their issue time (+tolerance) count as equal: a v1
 * deadline already past maps to v2 1 s, since v2 cannot express "already expired".
 */
export function compareClaims(v1: string | DecodedToken, v2: string | DecodedToken, options: CompareOptions = {}): ClaimDifference[] {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const side = (label: Side['label'], input: string | DecodedToken): Side => {
    const token = typeof input === 'string' ? decodeToken(input, { unknownServices: 'keep' }) : input;
    return { label, token, claims: toClaims(token) };
  };
  const a = side('v1', v1);
  const b = side('v2', v2);
  const out: ClaimDifference[] = [];
  if (a.claims.appId !== b.claims.appId) out.push({ claim: 'app-id', message: `App ID differs: v1 ${a.claims.appId} vs v2 ${b.claims.appId}` });
  if (Math.abs(a.claims.issuedAt - b.claims.issuedAt) > tolerance) {
    const how = (s: Side): string => (s.claims.version === '006' ? ' (006: token expiry − 24 h)' : '');
    out.push({
      claim: 'issue-time',
      message: `issue time differs: v1 ${formatIso(a.claims.issuedAt)}${how(a)} vs v2 ${formatIso(b.claims.issuedAt)}${how(b)} (${delta(a.claims.issuedAt, b.claims.issuedAt)})`,
    });
  }
  compareExpire(a, b, tolerance, out);
  compareServices(a, b, tolerance, out);
  compareSignatures(a, b, options, out);
  return out;
}
