/**
 * The v1 → v2 mapping the toolkit implements (reference section 0 and 3.3), as plain run-time
 * functions. The transforms emit code with exactly this behaviour, `verify` builds its v2 tokens
 * through it, and the tests use it as the oracle.
 */

/** Longest token lifetime Agora honours, in seconds (24 h). */
export const MAX_TOKEN_SECONDS = 86400;

/** v1 RtcRole values; ATTENDEE and ADMIN granted publish privileges in v1 and do not exist in v2. */
export const V1_RTC_ROLE = { ATTENDEE: 0, PUBLISHER: 1, SUBSCRIBER: 2, ADMIN: 101 } as const;

/** Current unix time in whole seconds. */
export function nowSeconds(now: number = Date.now()): number {
  return Math.floor(now / 1000);
}

/**
 * v1 role → v2 role. v1 granted publish for `role == 0 || role == 1 || role == 101` (loose);
 * v2 grants it for `role == 1`. Mapping 0 and 101 to 1 keeps every privilege set.
 */
export function toV2Role<T>(role: T): T | 1 {
  // eslint-disable-next-line eqeqeq -- v1 compares loosely; so must we
  return (role as unknown) == 0 || (role as unknown) == 101 ? 1 : role;
}

/** Relative seconds for a v1 absolute deadline, clamped to [1, 24 h]: a past deadline is 1, never 0. */
function secondsUntil(privilegeExpiredTs: number, now: number): number {
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - now, 1), MAX_TOKEN_SECONDS);
}

/** v1 `privilegeExpiredTs` (absolute; 0/undefined = never) → v2 RTC `tokenExpire` (relative, never 0). */
export function toTokenExpire(privilegeExpiredTs: number | string | null | undefined, now: number = nowSeconds()): number {
  if (!privilegeExpiredTs || !Number(privilegeExpiredTs)) return MAX_TOKEN_SECONDS;
  return secondsUntil(Number(privilegeExpiredTs), now);
}

/** v1 `privilegeExpiredTs` → v2 RTC `privilegeExpire` (relative; 0 keeps meaning "never"). */
export function toPrivilegeExpire(privilegeExpiredTs: number | string | null | undefined, now: number = nowSeconds()): number {
  if (!privilegeExpiredTs || !Number(privilegeExpiredTs)) return 0;
  return secondsUntil(Number(privilegeExpiredTs), now);
}

/** v1 RTM `privilegeExpiredTs` → v2 RTM `expire`: v2 RTM 0 means "expires immediately", so never → 24 h. */
export function toRtmExpire(privilegeExpiredTs: number | string | null | undefined, now: number = nowSeconds()): number {
  return toTokenExpire(privilegeExpiredTs, now);
}

/** The v2 RTC expiry pair for a v1 deadline. */
export function toV2RtcExpiry(privilegeExpiredTs: number | string | null | undefined, now: number = nowSeconds()): {
  tokenExpire: number;
  privilegeExpire: number;
} {
  return { tokenExpire: toTokenExpire(privilegeExpiredTs, now), privilegeExpire: toPrivilegeExpire(privilegeExpiredTs, now) };
}

/**
 * What each mapping step says in `migrate` reports and above the generated helpers, shared by the
 * JavaScript transforms and the Go room so both languages explain a rewrite in the same words.
 */
export const MAPPING_TEXTS = {
  neverExpires: (what: string) => `expiry ${what} (never) → tokenExpire ${MAX_TOKEN_SECONDS}, privilegeExpire 0`,
  nowPlusN: 'absolute now + N → tokenExpire N, privilegeExpire N',
  nowPlusNOver24h: `now + N with N over 24 h → ${MAX_TOKEN_SECONDS} s (the v1 token expired after 24 h too)`,
  runTimeExpiry: 'absolute expiry converted to seconds at run time',
  roleLiteral: 'deprecated role literal (ATTENDEE 0 / ADMIN 101) → 1 (PUBLISHER)',
  runTimeRole: 'role known only at run time → toV2Role(role) (0 and 101 keep publish privileges)',
  rtmRoleDropped: 'RTM buildToken: role argument removed, absolute expiry → seconds',
  rtmNeverExpires: `RTM buildToken: expire 0 ("expires immediately" in AccessToken2) → ${MAX_TOKEN_SECONDS}`,
  rtmRoleMissing: (member: string) => `${member} does not exist in AccessToken2 (RTM tokens have no role)`,
  unknownMethod: (builder: string, method: string) => `unknown ${builder} builder method ${method}`,
} as const;

/** The comment above each generated run-time helper, in every language. */
export const RUNTIME_HELPER_NOTES = {
  toTokenExpire: 'AccessToken2 takes seconds from now, not an absolute unix time; 0 (never) becomes 24 h, a past deadline 1 s.',
  toPrivilegeExpire: 'privileges keep their v1 deadline as seconds from now; 0 still means never, a past deadline 1 s.',
  toV2Role: 'v1 roles ATTENDEE (0) and ADMIN (101) could publish; in AccessToken2 only PUBLISHER (1) can.',
} as const;
