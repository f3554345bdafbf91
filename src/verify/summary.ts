/** One-line summaries of decoded tokens for the `verify` tables. */
import type { DecodedToken } from '../token/index.ts';

/** Privilege ids grouped by value: "1,2,3,4 +600s" / "1 never". */
function groupPrivileges(privileges: readonly { id: number; value: number }[], show: (value: number) => string): string {
  const groups = new Map<string, number[]>();
  for (const { id, value } of privileges) {
    const label = show(value);
    groups.set(label, [...(groups.get(label) ?? []), id]);
  }
  if (groups.size === 0) return 'no privileges';
  return [...groups].map(([label, ids]) => `${ids.join(',')} ${label}`).join(', ');
}

function signed(seconds: number): string {
  return `${seconds >= 0 ? '+' : ''}${seconds}s`;
}

/**
 * Claims of `token` in one line, times relative to `now` (unix seconds): 006 privileges are
 * absolute deadlines (shown as now±N), 007 privileges are seconds after issue.
 */
export function summarizeToken(token: DecodedToken, now: number): string {
  if (token.version === '006') {
    const privileges = groupPrivileges(
      token.privileges.map((p) => ({ id: p.id, value: p.expiresAt })),
      (at) => (at === 0 ? 'never' : `now${signed(at - now)}`),
    );
    return `006 privs ${privileges}; token now${signed(token.ts - now)}`;
  }
  const services = token.services.map((service) => {
    const privileges = groupPrivileges(
      service.privileges.map((p) => ({ id: p.id, value: p.expire })),
      (expire) => (expire === 0 ? 'never' : `${expire}s`),
    );
    const name = service.type === 1 ? 'rtc' : service.type === 2 ? 'rtm' : `service ${service.type}`;
    return `${name} ${privileges}`;
  });
  const issued = token.issueTs === now ? '' : ` (issued now${signed(token.issueTs - now)})`;
  return `007 ${services.join('; ')}; token ${token.expire}s${issued}`;
}
