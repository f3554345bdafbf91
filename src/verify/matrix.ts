/**
 * `verify` matrix mode: for each case, build the v1 token with `agora-access-token` and the v2
 * token with `agora-token` through the run-time mapping of src/mapping.ts (the same mapping the
 * transforms emit), decode both with our codecs and compare their claims (reference section 5).
 *
 * Time: `now` is fixed once for the whole run and passed to the mapping; each builder call runs
 * with `Date` frozen at that instant (see clock.ts), so v1 and v2 share one issue time and the
 * comparison does not depend on how long the run takes. The claim tolerance (default 2 s) still
 * applies but is not needed.
 */
import * as defaultMapping from '../mapping.ts';
import { compareClaims, decodeToken, type ClaimDifference, type DecodedToken } from '../token/index.ts';
import type { MatrixCase, MatrixExpiry, RtcMatrixCase } from './cases.ts';
import { withFrozenClock } from './clock.ts';
import { loadV1Package, loadV2Package } from './packages.ts';
import { summarizeToken } from './summary.ts';

/** The published test-vector credentials (reference 2.5); only ever used to build throwaway tokens. */
export const TEST_APP_ID = '970CA35de60c44645bbae8a215061b33';
export const TEST_APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b';

/** The mapping functions `verify` builds v2 tokens with; injectable so tests can plant a wrong one. */
export interface VerifyMapping {
  toV2Role: (role: unknown) => unknown;
  toTokenExpire: (privilegeExpiredTs: number | undefined, now: number) => number;
  toPrivilegeExpire: (privilegeExpiredTs: number | undefined, now: number) => number;
  toRtmExpire: (privilegeExpiredTs: number | undefined, now: number) => number;
}

const MAPPING: VerifyMapping = {
  toV2Role: defaultMapping.toV2Role,
  toTokenExpire: defaultMapping.toTokenExpire,
  toPrivilegeExpire: defaultMapping.toPrivilegeExpire,
  toRtmExpire: defaultMapping.toRtmExpire,
};

/** Every symbol Agora allows in a channel name (RtcTokenBuilder docstring), plus letters and digits. */
export const ALL_SYMBOLS_CHANNEL = 'aZ09 !#$%&()+-:;<=.>?@[]^_{}|~,';
/** The longest channel name Agora allows: fewer than 64 bytes. */
export const LONGEST_CHANNEL = `L${'x'.repeat(61)}Z`;

const DEFAULT_EXPIRIES: readonly MatrixExpiry[] = [
  { kind: 'absolute', privilegeExpiredTs: 0 },
  { kind: 'missing' },
  { kind: 'relative', seconds: -3600 },
  { kind: 'relative', seconds: 1 },
  { kind: 'relative', seconds: 600 },
  { kind: 'relative', seconds: 86400 },
  { kind: 'relative', seconds: 200000 },
];

/** v1 roles: the four constants, their loose-equal string forms, an unknown number and string, none. */
const DEFAULT_ROLES: readonly unknown[] = [0, 1, 2, 101, 5, '0', '101', 'publisher', undefined];

/** Human form of an expiry: "now+600", "0", "missing". */
export function describeExpiry(expiry: MatrixExpiry): string {
  if (expiry.kind === 'missing') return 'missing';
  if (expiry.kind === 'absolute') return String(expiry.privilegeExpiredTs);
  return `now${expiry.seconds >= 0 ? '+' : ''}${expiry.seconds}`;
}

function rtcName(c: Omit<RtcMatrixCase, 'name' | 'service'>): string {
  const role = c.role === undefined ? 'none' : JSON.stringify(c.role);
  const channel = c.channel.length > 32 ? `${JSON.stringify(c.channel.slice(0, 8))}…(${Buffer.byteLength(c.channel)} bytes)` : JSON.stringify(c.channel);
  return `rtc ch=${channel} uid=${JSON.stringify(c.uid)}${c.builder === 'uid' || typeof c.uid === 'number' ? '' : ' (account)'} role=${role} exp=${describeExpiry(c.expiry)}`;
}

function rtc(c: Omit<RtcMatrixCase, 'name' | 'service'>): RtcMatrixCase {
  return { name: rtcName(c), service: 'rtc', ...c };
}

/** The built-in matrix (issue 5): roles × expiries, uid forms, channel names, RTM. */
export function defaultMatrixCases(): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const role of DEFAULT_ROLES) {
    for (const expiry of DEFAULT_EXPIRIES) cases.push(rtc({ channel: 'room-1', uid: 42, builder: 'uid', role, expiry }));
  }
  const tenMinutes: MatrixExpiry = { kind: 'relative', seconds: 600 };
  const uids: [number | string, 'uid' | 'account'][] = [
    [0, 'uid'],
    [1, 'uid'],
    [4294967295, 'uid'],
    ['12', 'uid'],
    ['alice', 'account'],
    ['0', 'account'],
    ['user@example.com', 'account'],
    ['', 'account'],
  ];
  for (const [uid, builder] of uids) {
    cases.push(rtc({ channel: 'room-1', uid, builder, role: 1, expiry: tenMinutes }));
    cases.push(rtc({ channel: 'room-1', uid, builder, role: 2, expiry: { kind: 'absolute', privilegeExpiredTs: 0 } }));
  }
  for (const channel of [ALL_SYMBOLS_CHANNEL, LONGEST_CHANNEL, 'c']) {
    cases.push(rtc({ channel, uid: 42, builder: 'uid', role: 0, expiry: tenMinutes }));
    cases.push(rtc({ channel, uid: 'bob', builder: 'account', role: 101, expiry: { kind: 'missing' } }));
  }
  for (const expiry of DEFAULT_EXPIRIES) {
    cases.push({ name: `rtm account="alice" exp=${describeExpiry(expiry)}`, service: 'rtm', account: 'alice', expiry });
  }
  cases.push({ name: 'rtm account="user@example.com" exp=now+600', service: 'rtm', account: 'user@example.com', expiry: tenMinutes });
  return cases;
}

/** One side (v1 or v2) of a matrix case. */
export interface MatrixSide {
  /** The builder call, in words: `RtcTokenBuilder.buildTokenWithUid(appId, cert, "room-1", 42, 1, 1767225600)`. */
  call: string;
  token?: string;
  /** One-line claims (see summarizeToken). */
  claims?: string;
  /** Why no token: the builder threw, returned '' or the token did not decode. */
  error?: string;
}

/** Result of one matrix case. */
export interface MatrixCaseResult {
  case: MatrixCase;
  v1: MatrixSide;
  v2: MatrixSide;
  equivalent: boolean;
  differences: ClaimDifference[];
}

/** Result of a matrix run. */
export interface MatrixReport {
  mode: 'matrix';
  /** The frozen instant, unix seconds. */
  now: number;
  appId: string;
  equivalent: boolean;
  cases: MatrixCaseResult[];
}

/** Options of {@link verifyMatrix}. */
export interface VerifyMatrixOptions {
  /** Defaults to the built-in matrix. */
  cases?: readonly MatrixCase[];
  /** Unix seconds the run is frozen at; defaults to the current time. */
  now?: number;
  appId?: string;
  appCertificate?: string;
  /** Claim comparison tolerance in seconds (reference section 5; default 2). */
  tolerance?: number;
  /** Replaces parts of the mapping (tests plant wrong mappings to prove they are caught). */
  mapping?: Partial<VerifyMapping>;
}

function absoluteTs(expiry: MatrixExpiry, now: number): number | undefined {
  if (expiry.kind === 'missing') return undefined;
  return expiry.kind === 'absolute' ? expiry.privilegeExpiredTs : now + expiry.seconds;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

type BuiltSide = MatrixSide & { decoded?: DecodedToken; threw?: boolean };

function build(call: string, fn: () => string, nowMs: number): BuiltSide {
  let token: string;
  try {
    token = withFrozenClock(nowMs, fn);
  } catch (error) {
    return { call, threw: true, error: `the builder threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
  }
  if (token === '') return { call, error: 'the builder returned an empty string (invalid App ID or certificate)' };
  try {
    return { call, token, decoded: decodeToken(token) };
  } catch (error) {
    return { call, token, error: `the token does not decode: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Builds, decodes and compares every case; pure apart from reading the clock when `now` is not given. */
export function verifyMatrix(options: VerifyMatrixOptions = {}): MatrixReport {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const nowMs = now * 1000;
  const appId = options.appId ?? TEST_APP_ID;
  const certificate = options.appCertificate ?? TEST_APP_CERTIFICATE;
  const mapping: VerifyMapping = { ...MAPPING, ...options.mapping };
  const v1 = loadV1Package();
  const v2 = loadV2Package();
  const results = (options.cases ?? defaultMatrixCases()).map((c): MatrixCaseResult => {
    const ts = absoluteTs(c.expiry, now);
    // a missing argument stays missing, exactly as in the 5-argument v1 calls seen in the wild
    const missing = c.expiry.kind === 'missing';
    const tsText = missing ? '' : `, ${ts}`;
    let v1Side: BuiltSide;
    let v2Side: BuiltSide;
    if (c.service === 'rtm') {
      const expire = mapping.toRtmExpire(ts, now);
      const rtmRole = v1.RtmRole.Rtm_User;
      v1Side = build(
        `RtmTokenBuilder.buildToken(appId, cert, ${show(c.account)}, RtmRole.Rtm_User${tsText})`,
        () => (missing ? v1.RtmTokenBuilder.buildToken(appId, certificate, c.account, rtmRole) : v1.RtmTokenBuilder.buildToken(appId, certificate, c.account, rtmRole, ts)),
        nowMs,
      );
      v2Side = build(`RtmTokenBuilder.buildToken(appId, cert, ${show(c.account)}, ${expire})`, () => v2.RtmTokenBuilder.buildToken(appId, certificate, c.account, expire), nowMs);
    } else {
      const role = mapping.toV2Role(c.role);
      const tokenExpire = mapping.toTokenExpire(ts, now);
      const privilegeExpire = mapping.toPrivilegeExpire(ts, now);
      const v1Method = c.builder === 'uid' ? 'buildTokenWithUid' : 'buildTokenWithAccount';
      const v2Method = c.builder === 'uid' ? 'buildTokenWithUid' : 'buildTokenWithUserAccount';
      v1Side = build(
        `RtcTokenBuilder.${v1Method}(appId, cert, ${show(c.channel)}, ${show(c.uid)}, ${show(c.role)}${tsText})`,
        () =>
          missing
            ? v1.RtcTokenBuilder[v1Method](appId, certificate, c.channel, c.uid, c.role)
            : v1.RtcTokenBuilder[v1Method](appId, certificate, c.channel, c.uid, c.role, ts),
        nowMs,
      );
      v2Side = build(
        `RtcTokenBuilder.${v2Method}(appId, cert, ${show(c.channel)}, ${show(c.uid)}, ${show(role)}, ${tokenExpire}, ${privilegeExpire})`,
        () => v2.RtcTokenBuilder[v2Method](appId, certificate, c.channel, c.uid, role, tokenExpire, privilegeExpire),
        nowMs,
      );
    }
    const { decoded: decoded1, threw: threw1, ...side1 } = v1Side;
    const { decoded: decoded2, threw: threw2, ...side2 } = v2Side;
    if (decoded1) side1.claims = summarizeToken(decoded1, now);
    if (decoded2) side2.claims = summarizeToken(decoded2, now);
    let differences: ClaimDifference[];
    if (decoded1 && decoded2) {
      differences = compareClaims(decoded1, decoded2, { certificate, tolerance: options.tolerance });
    } else if (threw1 && threw2) {
      // the migrated call fails where the original failed: same behaviour, nothing to compare
      differences = [];
    } else {
      differences = [side1, side2].flatMap((side, i) => (side.error ? [{ claim: 'build', message: `v${i + 1}: ${side.error}` }] : []));
    }
    return { case: c, v1: side1, v2: side2, equivalent: differences.length === 0, differences };
  });
  return { mode: 'matrix', now, appId, equivalent: results.every((r) => r.equivalent), cases: results };
}
