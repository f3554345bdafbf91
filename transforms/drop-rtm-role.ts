/**
 * RTM: `RtmTokenBuilder.buildToken(appId, cert, user, role, privilegeExpiredTs)` →
 * `buildToken(appId, cert, user, expire)`. AccessToken2 has no RTM role (a leftover one becomes the
 * expiry: 1 second, or 0 for the `RtmRole` object), and `expire` is relative; 0/never → 24 h because
 * RTM `expire 0` means "expires immediately" (reference 3.3).
 */
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { lookupScope, sameScope, unwrap, type BuilderCall } from '../src/analysis/bindings.ts';
import { forEachNode, isOfType } from '../src/analysis/node-paths.ts';
import { labelledNumber, leaveUnmigrated, recordEdit, requestReview, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { cloneNode, isPure } from '../src/codemod/expressions.ts';
import { runTransform } from '../src/codemod/run-steps.ts';
import { useHelper } from '../src/codemod/runtime-helpers.ts';
import { MAPPING_TEXTS, MAX_TOKEN_SECONDS } from '../src/mapping.ts';
import { MILLISECONDS_REASON, relativeSeconds } from './convert-expiry.ts';

type AnyNode = N.Node & { type: string };

export const name = 'drop-rtm-role';

const ROLE_INDEX = 3;

/** Is the argument a v1 RTM role: an `RtmRole` reference, the `RtmRole` object, a literal 1, a `role` variable? */
function looksLikeRole(ctx: MigrationContext, path: ASTPath): boolean {
  const node = unwrap(path.node as AnyNode);
  const rtmRole = ctx.analysis.roleRefs.some((r) => r.object === 'RtmRole' && r.path.node === node);
  const rtmObject = ctx.analysis.otherRefs.some((r) => r.entity === 'RtmRole' && r.path.node === node);
  if (rtmRole || rtmObject) return true;
  const value: unknown = (node as N.NumericLiteral).value;
  if ((node.type === 'NumericLiteral' || node.type === 'Literal' || node.type === 'StringLiteral') && (value === 1 || value === '1')) return true;
  if (node.type === 'MemberExpression' && !(node as N.MemberExpression).computed) {
    const property = (node as N.MemberExpression).property as N.Identifier;
    if (/role/i.test(property.name ?? '')) return true;
  }
  return node.type === 'Identifier' && /role/i.test((node as N.Identifier).name);
}

/** The v2 `expire` for a v1 RTM `privilegeExpiredTs` argument at `index`. */
function rtmExpire(ctx: MigrationContext, call: BuilderCall, index: number): AnyNode | undefined {
  const { j } = ctx;
  const cls = ctx.expiry.classify(call.path, index);
  const original = call.path.node.arguments[index] as AnyNode | undefined;
  switch (cls.kind) {
    case 'missing':
    case 'zero':
      return j.numericLiteral(MAX_TOKEN_SECONDS) as AnyNode;
    case 'absolute': {
      const relative = relativeSeconds(ctx, call.path, cls.terms);
      if (relative && isPure(ctx, relative.node, call.path)) {
        for (const variable of cls.variables) ctx.staleVariables.set(variable, name);
        return relative.node;
      }
      break;
    }
    case 'relative':
      requestReview(ctx, name, call.path, `privilegeExpiredTs ${cls.value} is an absolute time in 1970 (already expired); it is kept as 1 second — did you mean ${cls.value} seconds from now?`);
      break;
    case 'milliseconds':
      leaveUnmigrated(ctx, name, call.path, MILLISECONDS_REASON);
      return undefined;
    case 'unknown':
      break;
  }
  return j.callExpression(j.identifier(useHelper(ctx, 'toTokenExpire')), [cloneNode(original) as never]) as AnyNode;
}

/** Rewrites one RTM buildToken call; both generations (a 5-argument v2 call is a half-migration). */
function migrateCall(ctx: MigrationContext, call: BuilderCall): void {
  const args = call.path.node.arguments as AnyNode[];
  if (args.some((a) => a.type === 'SpreadElement')) {
    leaveUnmigrated(ctx, name, call.path, 'RTM buildToken called with spread arguments: drop the role and pass expire in seconds');
    return;
  }
  if (args.length === 5) {
    const expire = rtmExpire(ctx, call, 4);
    if (!expire) return;
    if (call.generation === 'v1') noteDroppedRoleVariable(ctx, call.path.get('arguments', ROLE_INDEX) as ASTPath);
    ctx.argumentOrigins.set(expire, args[4]);
    args.splice(ROLE_INDEX, 2, expire as never);
    recordEdit(ctx, name, call.path.node, MAPPING_TEXTS.rtmRoleDropped);
    return;
  }
  if (args.length === 4) {
    const argPath = call.path.get('arguments', ROLE_INDEX) as ASTPath;
    // only AccessToken reads a 4th argument as the role; on AccessToken2 it is the expiry
    if (call.generation === 'v1' && looksLikeRole(ctx, argPath)) {
      // v1 read this as (role, no expiry): never expires → 24 h
      noteDroppedRoleVariable(ctx, argPath);
      args.splice(ROLE_INDEX, 1, ctx.j.numericLiteral(MAX_TOKEN_SECONDS) as never);
      recordEdit(ctx, name, call.path.node, `RTM buildToken: role argument removed; no expiry (never) → ${MAX_TOKEN_SECONDS}`);
      return;
    }
    const cls = ctx.expiry.classify(call.path, ROLE_INDEX);
    const written = ctx.j(args[ROLE_INDEX] as never).toSource();
    if (cls.kind === 'absolute') {
      const relative = relativeSeconds(ctx, call.path, cls.terms);
      if (relative && isPure(ctx, relative.node, call.path)) {
        args[ROLE_INDEX] = relative.node as never;
        for (const variable of cls.variables) ctx.staleVariables.set(variable, name);
        recordEdit(ctx, name, call.path.node, 'RTM buildToken: absolute now + N → N');
        if (call.generation === 'v1') requestReview(ctx, name, call.path, v2ShapeOnV1Reason(written, ctx.j(relative.node as never).toSource()));
        return;
      }
      leaveUnmigrated(ctx, name, call.path, 'RTM buildToken: an absolute timestamp is passed where AccessToken2 expects seconds from now');
    } else if (cls.kind === 'relative' && call.generation === 'v1') {
      // migrated as written: the lifetime the author wrote, which v1 never applied
      requestReview(ctx, name, call.path, v2ShapeOnV1Reason(written, String(cls.value), cls.value));
    } else if (cls.kind === 'zero' && call.generation === 'v1') {
      args[ROLE_INDEX] = ctx.j.numericLiteral(MAX_TOKEN_SECONDS) as never;
      recordEdit(ctx, name, call.path.node, MAPPING_TEXTS.rtmNeverExpires);
    } else if (cls.kind === 'milliseconds') {
      leaveUnmigrated(ctx, name, call.path, MILLISECONDS_REASON);
    } else if (cls.kind === 'unknown' && call.generation === 'v1') {
      leaveUnmigrated(ctx, name, call.path, 'RTM buildToken with 4 arguments on AccessToken: is the 4th a role or an expiry? AccessToken2 takes (appId, cert, userId, expire seconds)');
    }
    return;
  }
  if (args.length === 3 && call.generation === 'v1') {
    args.push(ctx.j.numericLiteral(MAX_TOKEN_SECONDS) as never);
    recordEdit(ctx, name, call.path.node, `RTM buildToken: no expiry (never) → ${MAX_TOKEN_SECONDS}`);
  }
}

/**
 * Why a v2-shaped RTM call (`buildToken(app, cert, user, 3600)`) that ran on AccessToken needs a person:
 * v1 took the 4th argument as the role and, with no 5th, issued its default, a 24-hour token whose
 * login privilege never expires; AccessToken2 reads the same argument as the lifetime.
 */
export function v2ShapeOnV1Reason(written: string, seconds: string, value?: number): string {
  const over = value !== undefined && value > MAX_TOKEN_SECONDS ? ' (over 24 hours, the longest a token lasts)' : '';
  return (
    `RTM buildToken(…, ${written}) ran on AccessToken, which read ${written} as the role and issued a 24-hour token whose login never expires; ` +
    `AccessToken2 will issue a token that expires ${seconds} seconds after it is issued${over}. Confirm the new lifetime (${MAX_TOKEN_SECONDS} keeps v1's)`
  );
}

/** A review from v2ShapeOnV1Reason: the call is already AccessToken2-shaped, only its new lifetime needs a person. */
export function isV2ShapeOnV1Review(review: { transform: string; reason: string }): boolean {
  return review.transform === name && /^RTM buildToken\(…, .*\) ran on AccessToken, which read /.test(review.reason);
}

/** v1 `RtmRole` members and their values; AccessToken2 has no `RtmRole` at all. */
export const V1_RTM_ROLE_VALUES: Readonly<Record<string, number>> = { Rtm_User: 1 };

/** A dropped role argument `role` whose variable only held an RTM role: removed once nothing reads it. */
function noteDroppedRoleVariable(ctx: MigrationContext, argPath: ASTPath): void {
  const node = argPath.node as AnyNode;
  if (node.type !== 'Identifier') return;
  const variable = ctx.expiry.callTimeVariable(node as N.Identifier, argPath);
  const init = variable?.declarator.node.init as AnyNode | undefined;
  if (!variable || variable.updates.length > 0 || !init) return;
  const rtmRole = ctx.analysis.roleRefs.some((r) => r.object === 'RtmRole' && r.path.node === unwrap(init));
  if (rtmRole || looksLikeRole(ctx, variable.declarator.get('init') as ASTPath)) ctx.staleVariables.set(variable, name);
}

/**
 * `RtmRole.Rtm_User` read outside an RTM call (`let role = RtmRole.Rtm_User`, logged or returned):
 * its v1 value, so the import no longer needs the `RtmRole` that agora-token lacks.
 */
function inlineRtmRoleValues(ctx: MigrationContext): void {
  // the role arguments themselves went with their calls' rewrite
  const roleArguments = new Set(ctx.analysis.calls.filter((c) => c.builder === 'rtm').flatMap((c) => ctx.originalArgs.get(c.path.node)?.nodes ?? []));
  for (const ref of ctx.analysis.roleRefs) {
    if (ref.object !== 'RtmRole' || ref.generation !== 'v1' || !(ref.member in V1_RTM_ROLE_VALUES) || roleArguments.has(ref.path.node)) continue;
    ref.path.replace(labelledNumber(ctx, V1_RTM_ROLE_VALUES[ref.member], ctx.j(ref.path.node as never).toSource()));
    recordEdit(ctx, name, ref.path.node as AnyNode, `RtmRole.${ref.member} → ${V1_RTM_ROLE_VALUES[ref.member]} (AccessToken2 has no RtmRole)`);
  }
}

/**
 * `role: RtmRole` as a TypeScript type: agora-token has no `RtmRole`, so once the import drops it
 * the annotation names nothing (the file no longer compiles); v1's `RtmRole` was a numeric enum.
 */
function retypeRtmRole(ctx: MigrationContext): void {
  const { j } = ctx;
  // only the TypeScript parser makes type references (JavaScript files parse Flow's annotations)
  if (!ctx.isTypeScript) return;
  const bindings = ctx.analysis.bindings.filter((b) => b.kind === 'entity' && b.entity === 'RtmRole' && b.site.module.generation === 'v1');
  if (bindings.length === 0) return;
  const references: ASTPath<N.TSTypeReference>[] = [];
  forEachNode(ctx.root.paths()[0], (node, pathOf) => {
    if (isOfType(node.type, 'TSTypeReference')) references.push(pathOf() as ASTPath<N.TSTypeReference>);
  });
  references.forEach((p) => {
    const typeName = p.node.typeName as AnyNode;
    if (typeName.type !== 'Identifier' || p.node.typeParameters) return;
    const local = (typeName as N.Identifier).name;
    const binding = bindings.find((b) => b.local === local);
    if (!binding || !sameScope(lookupScope(p, local), binding.scope)) return;
    p.replace(j.tsNumberKeyword());
    recordEdit(ctx, name, p.node as AnyNode, `type ${local} → number (AccessToken2 has no RtmRole; v1's was a numeric enum)`);
  });
}

/** The step. */
export function dropRtmRole(ctx: MigrationContext): void {
  for (const call of ctx.analysis.calls) {
    if (call.builder === 'rtm' && call.method === 'buildToken') migrateCall(ctx, call);
  }
  inlineRtmRoleValues(ctx);
  retypeRtmRole(ctx);
}

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(file, api, options, [dropRtmRole]);
}
