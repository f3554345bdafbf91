/** Pure formatting helpers shared by `decode`, `verify` and the claim messages. */

/** ISO-8601 UTC without milliseconds: 2026-11-28T10:00:00Z. */
export function formatIso(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return Number.isNaN(date.getTime()) ? `unix ${unixSeconds}` : date.toISOString().replace('.000Z', 'Z');
}

const UNITS: readonly [limit: number, size: number, unit: string][] = [
  [90, 1, 's'],
  [90 * 60, 60, 'min'],
  [48 * 3600, 3600, 'h'],
  [730 * 86400, 86400, 'days'],
  [Number.POSITIVE_INFINITY, 365.25 * 86400, 'years'],
];

/** Human length of a span of seconds: "45 s", "59 min", "3 h", "12 days", "10 years". */
export function formatSpan(seconds: number): string {
  const abs = Math.abs(seconds);
  const [, size, unit] = UNITS.find(([limit]) => abs < limit) ?? UNITS[UNITS.length - 1];
  return `${Math.floor(abs / size)} ${unit}`;
}

/** Time relative to `now` (both unix seconds): "in 59 min", "3 h ago", "now". */
export function formatRelative(unixSeconds: number, now: number): string {
  const delta = unixSeconds - now;
  if (delta === 0) return 'now';
  return delta > 0 ? `in ${formatSpan(delta)}` : `${formatSpan(delta)} ago`;
}

/** Masks a secret for display: every character but the last 4 becomes "*" (all of them if it is that short). */
export function maskSecret(secret: string): string {
  const visible = secret.length > 4 ? 4 : 0;
  return '*'.repeat(secret.length - visible) + secret.slice(secret.length - visible);
}

/** "0x1a2b3c4d" for a u32 (how CRCs are shown). */
export function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
