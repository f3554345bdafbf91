/**
 * `RtcTokenBuilder.buildTokenWithAccount(…)` → `RtcTokenBuilder.buildTokenWithUserAccount(…)`:
 * the v1 name does not exist in AccessToken2 (a TypeError at run time, TS2551 at compile time).
 */
import type { API, FileInfo } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { recordEdit, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { runTransform } from '../src/codemod/run-steps.ts';

export const name = 'rename-account-builder';

/** The step: both generations (a half-migrated file calls the v1 name on the v2 builder). */
export function renameAccountBuilder(ctx: MigrationContext): void {
  for (const call of ctx.analysis.calls) {
    if (call.builder !== 'rtc' || call.method !== 'buildTokenWithAccount') continue;
    const callee = call.path.node.callee as N.MemberExpression;
    if (callee.computed) callee.property = ctx.j.stringLiteral('buildTokenWithUserAccount');
    else (callee.property as N.Identifier).name = 'buildTokenWithUserAccount';
    call.method = 'buildTokenWithUserAccount';
    recordEdit(ctx, name, callee.property as N.Node, 'buildTokenWithAccount → buildTokenWithUserAccount');
  }
}

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(file, api, options, [renameAccountBuilder]);
}
