/**
 * Converts RTC builder expiry arguments from AccessToken's absolute `privilegeExpiredTs` to
 * AccessToken2's relative `tokenExpire, privilegeExpire` (reference section 3.3), always emitting 7
 * arguments. `now + N` → `N, N`; `0`/missing → `86400, 0`; anything else is converted at run time.
 */
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import type { BuilderCall } from '../src/analysis/bindings.ts';
import type { ExpiryClass, Term } from '../src/analysis/expiry.ts';
import { lookupScope } from '../src/analysis/bindings.ts';
import { leaveUnmigrated, programPath, recordEdit, requestReview, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { buildSum, cloneNode, freshName, hoist, isMovable, isPure } from '../src/codemod/expressions.ts';
import { runTransform } from '../src/codemod/run-steps.ts';
import { useHelper } from '../src/codemod/runtime-helpers.ts';
import { MAPPING_TEXTS, MAX_TOKEN_SECONDS } from '../src/mapping.ts';

type AnyNode = N.Node & { type: string };

export const name = 'convert-expiry';

/** RTC methods whose arguments are `(appId, cert, channel, uid|account, role, expiry[, privilegeExpiry])`. */
export const RTC_ROLE_METHODS = new Set(['buildTokenWithUid', 'buildTokenWithAccount', 'buildTokenWithUserAccount', 'buildTokenWithRtm']);

const EXPIRE_INDEX = 5;

/**
 * The relative seconds for `now + R`: R itself when it is known at migration time (literals,
 * constants, an object literal or private field nothing writes) and can be moved to the call;
 * undefined when it must be converted at run time (environment, configuration, the request: 0,
 * negative, over 24 h or NaN would change meaning as N, N).
 */
export function relativeSeconds(ctx: MigrationContext, call: ASTPath<N.CallExpression>, terms: Term[]): { node: AnyNode; capped: boolean } | undefined {
  const values = terms.map((t) => ctx.expiry.staticNumber(t.node, t.origin));
  if (values.some((v) => v === undefined) || !terms.every((t) => isMovable(t, call))) return undefined;
  const value = values.reduce<number>((a, b) => a + b!, 0);
  // v1 tokens could not be used after 24 h anyway; AccessToken2 caps tokens at 24 h
  if (value > MAX_TOKEN_SECONDS) return { node: ctx.j.numericLiteral(MAX_TOKEN_SECONDS) as AnyNode, capped: true };
  if (value < 1) return undefined;
  return { node: buildSum(ctx, terms), capped: false };
}

/** `expr` usable twice at `call`: itself when pure, else a hoisted const; undefined when impossible. */
export function twice(ctx: MigrationContext, call: ASTPath<N.CallExpression>, expr: AnyNode, base: string): AnyNode | undefined {
  if (isPure(ctx, expr, call)) return expr;
  // a local `expiresIn(ttl)`-style helper only reads the clock: calling it twice in one statement is safe
  const terms = ctx.expiry.decompose(expr, call, []);
  if (terms && terms.every((t) => isPure(ctx, t.node, t.origin))) return expr;
  return hoist(ctx, call, expr, base);
}

function setArguments(call: ASTPath<N.CallExpression>, from: number, values: AnyNode[]): void {
  const args = call.node.arguments;
  args.splice(from, args.length - from, ...(values as N.CallExpression['arguments']));
}

/** Rewrites the expiry of a v1-generation call (6 args absolute, 5 args missing, 7 args v2-shaped). */
function convertV1Call(ctx: MigrationContext, call: BuilderCall): void {
  const args = call.path.node.arguments as AnyNode[];
  if (args.some((a) => a.type === 'SpreadElement')) {
    leaveUnmigrated(ctx, name, call.path, 'builder called with spread arguments: convert the absolute expiry to seconds by hand');
    return;
  }
  if (args.length < EXPIRE_INDEX) {
    leaveUnmigrated(ctx, name, call.path, `${call.method} called with ${args.length} arguments: pass role, tokenExpire and privilegeExpire`);
    return;
  }
  if (args.length === 7) {
    convertV2ShapedArgs(ctx, call);
    return;
  }
  if (args.length > 7) {
    leaveUnmigrated(ctx, name, call.path, `${call.method} called with ${args.length} arguments`);
    return;
  }
  const cls = ctx.expiry.classify(call.path, EXPIRE_INDEX);
  applyClass(ctx, call, cls, args[EXPIRE_INDEX]);
}

/** Writes `tokenExpire, privilegeExpire` for a v1 absolute expiry classified as `cls`. */
function applyClass(ctx: MigrationContext, call: BuilderCall, cls: ExpiryClass, original: AnyNode | undefined): void {
  const { j } = ctx;
  switch (cls.kind) {
    case 'missing':
    case 'zero':
      // v1: privileges never expire, the token lasts 24 h. Never tokenExpire 0 (ambiguous in Agora's docs).
      setArguments(call.path, EXPIRE_INDEX, [j.numericLiteral(MAX_TOKEN_SECONDS) as AnyNode, j.numericLiteral(0) as AnyNode]);
      recordEdit(ctx, name, call.path.node, MAPPING_TEXTS.neverExpires(cls.kind === 'zero' ? '0' : 'missing'));
      return;
    case 'absolute': {
      const relative = relativeSeconds(ctx, call.path, cls.terms);
      const usable = relative && twice(ctx, call.path, relative.node, 'expireSeconds');
      if (relative && usable) {
        setArguments(call.path, EXPIRE_INDEX, [usable, cloneNode(usable)]);
        for (const variable of cls.variables) ctx.staleVariables.set(variable, name);
        recordEdit(ctx, name, call.path.node, relative.capped ? MAPPING_TEXTS.nowPlusNOver24h : MAPPING_TEXTS.nowPlusN);
        return;
      }
      convertAtRunTime(ctx, call, original!);
      return;
    }
    case 'relative':
      // a small number as a v1 absolute time is a deadline in 1970: the privileges had already expired
      convertAtRunTime(ctx, call, original!);
      requestReview(ctx, name, call.path, `privilegeExpiredTs ${cls.value} is an absolute time in 1970 (already expired in v1); it is kept as 1 second — did you mean ${cls.value} seconds from now?`);
      return;
    case 'milliseconds':
      // AccessToken throws a RangeError on it: converting would turn a failing route into a working one
      leaveUnmigrated(ctx, name, call.path, MILLISECONDS_REASON);
      return;
    case 'unknown':
      convertAtRunTime(ctx, call, original!);
      return;
  }
}

export const MILLISECONDS_REASON = 'the expiry is in milliseconds (Date.now() without / 1000), which AccessToken rejects with a RangeError: decide the intended lifetime and pass it in seconds';

/** `T` → `toTokenExpire(T), toPrivilegeExpire(T)`, evaluating T once. */
function convertAtRunTime(ctx: MigrationContext, call: BuilderCall, original: AnyNode): void {
  const { j } = ctx;
  const value = twice(ctx, call.path, original, 'privilegeExpiredTs');
  if (!value) {
    leaveUnmigrated(ctx, name, call.path, 'absolute expiry that cannot be converted here: pass tokenExpire and privilegeExpire in seconds from now');
    return;
  }
  const token = j.callExpression(j.identifier(useHelper(ctx, 'toTokenExpire')), [value as never]);
  const privilege = j.callExpression(j.identifier(useHelper(ctx, 'toPrivilegeExpire')), [cloneNode(value) as never]);
  setArguments(call.path, EXPIRE_INDEX, [token as AnyNode, privilege as AnyNode]);
  recordEdit(ctx, name, call.path.node, MAPPING_TEXTS.runTimeExpiry);
}

/** 7-argument calls: convert whichever of the two expiries is provably absolute; never emit tokenExpire 0. */
function convertV2ShapedArgs(ctx: MigrationContext, call: BuilderCall): void {
  const { j } = ctx;
  for (const index of [EXPIRE_INDEX, EXPIRE_INDEX + 1]) {
    const cls = ctx.expiry.classify(call.path, index);
    if (cls.kind === 'absolute') {
      const relative = relativeSeconds(ctx, call.path, cls.terms);
      const usable = relative && twice(ctx, call.path, relative.node, 'expireSeconds');
      if (relative && usable) {
        call.path.node.arguments[index] = usable as never;
        for (const variable of cls.variables) ctx.staleVariables.set(variable, name);
        recordEdit(ctx, name, call.path.node, `absolute now + N passed as ${index === EXPIRE_INDEX ? 'tokenExpire' : 'privilegeExpire'} → N`);
      } else {
        leaveUnmigrated(ctx, name, call.path, 'an absolute timestamp is passed where AccessToken2 expects seconds from now');
      }
    } else if (cls.kind === 'milliseconds') {
      leaveUnmigrated(ctx, name, call.path, MILLISECONDS_REASON);
    } else if (cls.kind === 'zero' && index === EXPIRE_INDEX) {
      call.path.node.arguments[index] = j.numericLiteral(MAX_TOKEN_SECONDS) as never;
      recordEdit(ctx, name, call.path.node, `tokenExpire 0 (ambiguous) → ${MAX_TOKEN_SECONDS}`);
    }
  }
}

/** Half-migrated v2 calls: absolute timestamps, 6 arguments (privilegeExpire silently 0), tokenExpire 0. */
function convertV2Call(ctx: MigrationContext, call: BuilderCall): void {
  const args = call.path.node.arguments as AnyNode[];
  if (args.some((a) => a.type === 'SpreadElement')) return;
  if (args.length === 7) {
    convertV2ShapedArgs(ctx, call);
    return;
  }
  if (args.length !== 6) return;
  const cls = ctx.expiry.classify(call.path, EXPIRE_INDEX);
  if (cls.kind === 'relative') {
    // the v1 original meant one deadline for the token and its privileges
    const value = twice(ctx, call.path, args[EXPIRE_INDEX], 'expireSeconds');
    if (value) {
      setArguments(call.path, EXPIRE_INDEX, [value, cloneNode(value)]);
      recordEdit(ctx, name, call.path.node, '6-argument AccessToken2 call: privilegeExpire set to tokenExpire (it was silently 0, never)');
    }
    return;
  }
  if (cls.kind === 'unknown') {
    requestReview(ctx, name, call.path, '6-argument AccessToken2 call: privilegeExpire defaults to 0 (never expires); pass it explicitly');
    return;
  }
  applyClass(ctx, call, cls, args[EXPIRE_INDEX]);
}

/** The step: every RTC builder call with a role and expiry, both generations. */
export function convertExpiry(ctx: MigrationContext): void {
  convertDeadlineArguments(ctx);
  for (const call of ctx.analysis.calls) {
    if (call.builder !== 'rtc' || !RTC_ROLE_METHODS.has(call.method)) continue;
    if (call.generation === 'v1' && convertWrapperCall(ctx, call)) continue;
    if (call.generation === 'v1') convertV1Call(ctx, call);
    else convertV2Call(ctx, call);
  }
}

/** The call at a position the project layer named (line 1-based, column 0-based) whose callee is `callee`. */
function callAt(ctx: MigrationContext, at: { line: number; column: number }, callee: string): ASTPath<N.CallExpression> | undefined {
  return ctx.root
    .find(ctx.j.CallExpression)
    .paths()
    .find((p) => {
      const start = (p.node as { loc?: { start: { line: number; column: number } } }).loc?.start;
      const c = p.node.callee as AnyNode;
      const named = c.type === 'Identifier' ? (c as N.Identifier).name : c.type === 'MemberExpression' ? ((c as N.MemberExpression).property as N.Identifier).name : undefined;
      return start?.line === at.line && start.column === at.column && (callee === '' || named === callee);
    });
}

/**
 * A wrapper the project layer proved is only called with `now + N` (ProjectFacts.deadlineWrappers):
 * `createRtcToken(channel, uid, role, expireAt)` → `createRtcToken(channel, uid, role, expireSeconds)`
 * passing `expireSeconds, expireSeconds`. Its callers are migrated with it (convertDeadlineArguments).
 */
function convertWrapperCall(ctx: MigrationContext, call: BuilderCall): boolean {
  const start = (call.path.node as { loc?: { start: { line: number; column: number } } }).loc?.start;
  const wrapper = ctx.projectFacts?.deadlineWrappers?.find((w) => w.line === start?.line && w.column === start.column);
  if (!wrapper) return false;
  const args = call.path.node.arguments as AnyNode[];
  const expiry = args[EXPIRE_INDEX] as AnyNode | undefined;
  const scope = lookupScope(call.path, wrapper.param);
  const fn = scope?.path.node as N.Function | undefined;
  const param = fn?.params?.find((p) => (p as AnyNode).type === 'Identifier' && (p as N.Identifier).name === wrapper.param) as N.Identifier | undefined;
  if (args.length !== 6 || expiry?.type !== 'Identifier' || (expiry as N.Identifier).name !== wrapper.param || !param) {
    // its callers already pass seconds: leaving this call absolute would be wrong, so the group is undone
    requestReview(ctx, name, call.path, `${wrapper.wrapper}: its deadline parameter ${wrapper.param} could not be turned into seconds here`);
    return true;
  }
  const renamed = freshName(ctx, call.path, 'expireSeconds');
  param.name = renamed;
  setArguments(call.path, EXPIRE_INDEX, [ctx.j.identifier(renamed) as AnyNode, ctx.j.identifier(renamed) as AnyNode]);
  recordEdit(ctx, name, call.path.node, `${wrapper.wrapper}(…, ${wrapper.param}) now takes seconds from now, renamed ${renamed}; its ${wrapper.callers} call${wrapper.callers === 1 ? '' : 's'} in the project pass seconds`);
  ctx.edits[ctx.edits.length - 1].signatureChange = true;
  return true;
}

/** Calls of such a wrapper in this file: `createRtcToken(c, u, r, now + 3600)` → `createRtcToken(c, u, r, 3600)`. */
function convertDeadlineArguments(ctx: MigrationContext): void {
  for (const entry of ctx.projectFacts?.deadlineArguments ?? []) {
    const call = callAt(ctx, entry, entry.wrapper);
    if (!call) {
      requestReview(ctx, name, programPath(ctx), `a call of ${entry.wrapper} expected at ${entry.line}:${entry.column + 1} was not found`);
      continue;
    }
    const cls = ctx.expiry.classify(call, entry.index);
    const relative = cls.kind === 'absolute' ? relativeSeconds(ctx, call, cls.terms) : undefined;
    if (!relative || cls.kind !== 'absolute') {
      // the wrapper cannot take seconds from this caller: the whole group stays absolute (undone by the runner)
      requestReview(ctx, name, call, `the deadline passed to ${entry.wrapper} is not now + a number of seconds known here`);
      continue;
    }
    call.node.arguments[entry.index] = relative.node as never;
    for (const variable of cls.variables) ctx.staleVariables.set(variable, name);
    recordEdit(ctx, name, call.node, `deadline passed to ${entry.wrapper} → seconds from now (${entry.wrapper} now takes seconds)`);
  }
}

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(file, api, options, [convertExpiry]);
}
