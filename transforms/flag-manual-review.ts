/**
 * Marks what the other transforms cannot prove safe, without changing it: hand-built v1
 * `AccessToken`s, builders passed around as values or detached, unknown builder methods, the v1
 * `RtmRole` used for anything but an RTM role argument. Each gets the review marker and a report.
 */
import type { API, FileInfo } from 'jscodeshift';
import { leaveUnmigrated, requestReview, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { runTransform } from '../src/codemod/run-steps.ts';
import { RTC_ROLE_METHODS } from './convert-expiry.ts';

export const name = 'flag-manual-review';

/** The step. */
export function flagManualReview(ctx: MigrationContext): void {
  for (const ref of ctx.analysis.accessTokenRefs) {
    if (ref.generation !== 'v1') continue;
    requestReview(ctx, name, ref.path, 'hand-built AccessToken (006): rebuild it with AccessToken2 (agora-token) and relative expiries by hand');
  }
  const rtmArguments = new Set(ctx.analysis.calls.filter((c) => c.builder === 'rtm').flatMap((c) => c.path.node.arguments as unknown[]));
  for (const ref of ctx.analysis.otherRefs) {
    if (ref.generation !== 'v1') continue;
    // the whole RtmRole object passed as the RTM role (upstream's sample): drop-rtm-role removes it
    if (ref.entity === 'RtmRole' && rtmArguments.has(ref.path.node)) continue;
    const what = ref.entity === 'other' ? 'the agora-access-token module object' : ref.entity;
    requestReview(ctx, name, ref.path, `${what} is used as a value here; the migration cannot follow it — check that its calls pass AccessToken2 arguments`);
  }
  for (const call of ctx.analysis.calls) {
    if (call.generation !== 'v1') continue;
    const known = call.builder === 'rtc' ? RTC_ROLE_METHODS.has(call.method) : call.method === 'buildToken';
    if (!known) leaveUnmigrated(ctx, name, call.path, `unknown ${call.builder.toUpperCase()} builder method ${call.method}`);
  }
  for (const ref of ctx.analysis.roleRefs) {
    if (ref.object !== 'RtmRole' || ref.generation !== 'v1') continue;
    const usedAsRtmRole = ctx.analysis.calls.some((c) => c.builder === 'rtm' && (c.path.node.arguments as unknown[]).includes(ref.path.node));
    if (!usedAsRtmRole) requestReview(ctx, name, ref.path, `RtmRole.${ref.member} does not exist in AccessToken2 (RTM tokens have no role)`);
  }
}

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(file, api, options, [flagManualReview]);
}
