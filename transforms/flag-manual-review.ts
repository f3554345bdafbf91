/**
 * Marks what the other transforms cannot prove safe, without changing it: hand-built v1
 * `AccessToken`s, builders passed around as values or detached, unknown builder methods, the v1
 * `RtmRole` used for anything but an RTM role argument. Each gets the review marker and a report.
 */
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import type { EntityRef } from '../src/analysis/bindings.ts';
import { leaveUnmigrated, programPath, requestReview, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { runTransform } from '../src/codemod/run-steps.ts';
import { MAPPING_TEXTS } from '../src/mapping.ts';
import { RTC_ROLE_METHODS } from './convert-expiry.ts';
import { V1_RTM_ROLE_VALUES } from './drop-rtm-role.ts';

export const name = 'flag-manual-review';

/** Uses of a v1 entity another step takes care of: the whole `RtmRole` object passed as an RTM role. */
export function isHandledElsewhere(ctx: MigrationContext, ref: EntityRef): boolean {
  // a barrel the project layer followed: its importers are migrated with it, swap-import swaps the re-export
  if (ctx.followedBarrel && isReexport(ref)) return true;
  if (ref.entity !== 'RtmRole') return false;
  return ctx.analysis.calls.some((c) => c.builder === 'rtm' && (ctx.originalArgs.get(c.path.node)?.nodes ?? []).includes(ref.path.node as never));
}

/** `export { A } from 'pkg'`, `export * from 'pkg'`, `module.exports = require('pkg')`. */
function isReexport(ref: EntityRef): boolean {
  if (ref.site.form === 'esm-reexport') return true;
  if (ref.site.form !== 'cjs-bare') return false;
  const parent = ref.site.path.parent?.node as { type: string; left?: unknown; operator?: string } | undefined;
  return parent?.type === 'AssignmentExpression' && parent.operator === '=' && ref.site.path.name === 'right' && isModuleExports(parent.left);
}

function isModuleExports(node: unknown): boolean {
  const n = node as { type?: string; object?: { type?: string; name?: string }; property?: { type?: string; name?: string }; computed?: boolean };
  return n?.type === 'MemberExpression' && !n.computed && n.object?.type === 'Identifier' && n.object.name === 'module' && n.property?.type === 'Identifier' && n.property.name === 'exports';
}

/**
 * The declaration of a vendored copy of the v1 builder library itself: a file defining
 * `RtcTokenBuilder`/`RtmTokenBuilder` on top of the v1 `AccessToken` and calling no imported builder.
 */
function vendoredBuilderClass(ctx: MigrationContext): ASTPath | undefined {
  if (ctx.analysis.accessTokenRefs.length === 0 || ctx.analysis.calls.length > 0) return undefined;
  const body = programPath(ctx).get('body') as ASTPath;
  const statements = (body.value as unknown as { type: string; declaration?: { type: string; id?: { name?: unknown } }; id?: { name?: unknown } }[]);
  const index = statements.findIndex((statement) => {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    return (declaration?.type === 'ClassDeclaration' || declaration?.type === 'FunctionDeclaration') && /^Rt[cm]TokenBuilder$/.test(String(declaration.id?.name ?? ''));
  });
  return index < 0 ? undefined : (body.get(index) as ASTPath);
}

/** Why a v1 entity or module that escapes the analysis needs a human. */
function escapeReason(ref: EntityRef): string {
  const source = ref.site.module.source;
  if (ref.site.form === 'esm-reexport' || (ref.site.form === 'alias' && !ref.binding)) return `re-exports ${source}: its importers pass AccessToken (v1) arguments — migrate them, then import agora-token here`;
  if (ref.site.form === 'dynamic-import') return `loads ${source} with import(): the migration cannot follow its uses — migrate them by hand (from agora-token, take the builders from \`.default\`)`;
  if ((ref.path.node as { type: string }).type === 'TSImportEqualsDeclaration') return `a TypeScript \`import … =\` alias of ${source}, which the migration does not follow: write it as a \`const\` (or migrate its uses by hand)`;
  if (ref.entity === 'other' && !ref.binding) return `${source} is assigned, re-exported or chosen at run time here: the migration cannot follow its uses`;
  const what = ref.entity === 'other' ? `the ${source} module object` : ref.entity;
  return `${what} is used as a value here; the migration cannot follow it — check that its calls pass AccessToken2 arguments`;
}

/** The step. */
export function flagManualReview(ctx: MigrationContext): void {
  const library = vendoredBuilderClass(ctx);
  if (library) {
    // not rewritten: it goes away once the migrated code imports agora-token instead
    requestReview(ctx, name, library, 'vendored copy of the v1 (006) builder library: delete it once nothing imports it');
    return;
  }
  for (const ref of ctx.analysis.accessTokenRefs) {
    if (ref.generation !== 'v1') continue;
    requestReview(ctx, name, ref.path, 'hand-built AccessToken (006): rebuild it with AccessToken2 (agora-token) and relative expiries by hand');
  }
  for (const ref of ctx.analysis.otherRefs) {
    if (ref.generation !== 'v1' || isHandledElsewhere(ctx, ref)) continue;
    requestReview(ctx, name, ref.path, escapeReason(ref));
  }
  for (const call of ctx.analysis.calls) {
    if (call.generation !== 'v1') continue;
    const known = call.builder === 'rtc' ? RTC_ROLE_METHODS.has(call.method) : call.method === 'buildToken';
    if (!known) leaveUnmigrated(ctx, name, call.path, MAPPING_TEXTS.unknownMethod(call.builder.toUpperCase(), call.method));
  }
  for (const ref of ctx.analysis.roleRefs) {
    if (ref.object !== 'RtmRole' || ref.generation !== 'v1') continue;
    const usedAsRtmRole = ctx.analysis.calls.some((c) => c.builder === 'rtm' && (c.path.node.arguments as unknown[]).includes(ref.path.node));
    // drop-rtm-role writes the value of a member that exists (Rtm_User) wherever else it is read
    if (!usedAsRtmRole && !(ref.member in V1_RTM_ROLE_VALUES)) requestReview(ctx, name, ref.path, MAPPING_TEXTS.rtmRoleMissing(`RtmRole.${ref.member}`));
  }
}

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(file, api, options, [flagManualReview]);
}
