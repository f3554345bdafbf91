import { MAX_TOKEN_SECONDS, RUNTIME_HELPER_NOTES } from '../mapping.ts';
import { programPath, type MigrationContext, type RuntimeHelper } from './context.ts';

/**
 * Source of the run-time helpers, in JavaScript and TypeScript. They behave exactly like
 * `toTokenExpire`, `toPrivilegeExpire` and `toV2Role` in src/mapping.ts (tested against each other).
 */
const HELPER_SOURCE: Record<RuntimeHelper, { js: string; ts: string }> = {
  toTokenExpire: {
    js: `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toTokenExpire}
function toTokenExpire(privilegeExpiredTs) {
  if (!Number(privilegeExpiredTs)) return ${MAX_TOKEN_SECONDS};
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), ${MAX_TOKEN_SECONDS});
}`,
    ts: `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toTokenExpire}
function toTokenExpire(privilegeExpiredTs: number | string | null | undefined): number {
  if (!Number(privilegeExpiredTs)) return ${MAX_TOKEN_SECONDS};
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), ${MAX_TOKEN_SECONDS});
}`,
  },
  toPrivilegeExpire: {
    js: `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toPrivilegeExpire}
function toPrivilegeExpire(privilegeExpiredTs) {
  if (!Number(privilegeExpiredTs)) return 0;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), ${MAX_TOKEN_SECONDS});
}`,
    ts: `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toPrivilegeExpire}
function toPrivilegeExpire(privilegeExpiredTs: number | string | null | undefined): number {
  if (!Number(privilegeExpiredTs)) return 0;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), ${MAX_TOKEN_SECONDS});
}`,
  },
  toV2Role: {
    js: `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toV2Role}
function toV2Role(role) {
  return role == 0 || role == 101 ? 1 : role;
}`,
    ts: `// agora-token-migrate: ${RUNTIME_HELPER_NOTES.toV2Role}
function toV2Role(role: number): number {
  return role == 0 || role == 101 ? 1 : role;
}`,
  },
};

const ORDER: RuntimeHelper[] = ['toTokenExpire', 'toPrivilegeExpire', 'toV2Role'];

/** Text of a helper, for tests that compare it with src/mapping.ts. */
export function helperSource(helper: RuntimeHelper, typescript: boolean): string {
  return typescript ? HELPER_SOURCE[helper].ts : HELPER_SOURCE[helper].js;
}

/** True when the file already declares a top-level function of that name (a previous run's helper). */
function declaresFunction(ctx: MigrationContext, name: string): boolean {
  const program = programPath(ctx).node;
  return program.body.some((s) => s.type === 'FunctionDeclaration' && s.id?.name === name);
}

/** The local name a helper is called by; schedules it for emission. */
export function useHelper(ctx: MigrationContext, helper: RuntimeHelper): string {
  ctx.helpers.add(helper);
  return helper;
}

/** Text of the requested helpers the file does not declare yet, to append after printing ('' when none). */
export function pendingHelpers(ctx: MigrationContext): string {
  const texts = ORDER.filter((h) => ctx.helpers.has(h) && !declaresFunction(ctx, h)).map((h) => helperSource(h, ctx.isTypeScript));
  if (texts.length > 0) ctx.changed = true;
  return texts.join('\n\n');
}
