/**
 * The Go run-time helpers `migrate` appends to a file whose expiry or role is only known at run time.
 * They behave exactly like `toTokenExpire`, `toPrivilegeExpire` and `toV2Role` in src/mapping.ts:
 * 0 (never) → 24 h / 0, otherwise `clamp(deadline − now, 1, 86400)`, roles 0 and 101 → publisher.
 */
import { MAX_TOKEN_SECONDS, RUNTIME_HELPER_NOTES } from '../mapping.ts';

export type GoHelper = 'toTokenExpire' | 'toPrivilegeExpire' | 'toV2Role';

/** In the order they are appended. */
export const GO_HELPERS: readonly GoHelper[] = ['toTokenExpire', 'toPrivilegeExpire', 'toV2Role'];

/** Whether the helper reads the clock (the file then needs the `time` import). */
export function helperNeedsTime(helper: GoHelper): boolean {
  return helper !== 'toV2Role';
}

/** `time.Now()` through the file's name for the `time` package (`tm "time"`, a dot import). */
function now(timePackage: string): string {
  return timePackage === '.' ? 'Now()' : `${timePackage}.Now()`;
}

function clampBody(timePackage: string): string {
  return `\tseconds := int64(privilegeExpiredTs) - ${now(timePackage)}.Unix()
\tif seconds < 1 {
\t\treturn 1
\t}
\tif seconds > ${MAX_TOKEN_SECONDS} {
\t\treturn ${MAX_TOKEN_SECONDS}
\t}
\treturn uint32(seconds)`;
}

/**
 * gofmt-formatted source of one helper; `rtcPackage` is the local name of the RTC builder import (for
 * the Role type), `timePackage` that of the `time` import.
 */
export function goHelperSource(helper: GoHelper, rtcPackage: string, timePackage = 'time'): string {
  switch (helper) {
    case 'toTokenExpire':
      return `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toTokenExpire}
func toTokenExpire(privilegeExpiredTs uint32) uint32 {
\tif privilegeExpiredTs == 0 {
\t\treturn ${MAX_TOKEN_SECONDS}
\t}
${clampBody(timePackage)}
}`;
    case 'toPrivilegeExpire':
      return `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toPrivilegeExpire}
func toPrivilegeExpire(privilegeExpiredTs uint32) uint32 {
\tif privilegeExpiredTs == 0 {
\t\treturn 0
\t}
${clampBody(timePackage)}
}`;
    case 'toV2Role':
      return `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toV2Role}
func toV2Role(role ${rtcPackage}.Role) ${rtcPackage}.Role {
\tif role == 0 || role == 101 {
\t\treturn ${rtcPackage}.RolePublisher
\t}
\treturn role
}`;
  }
}
