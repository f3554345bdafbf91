/**
 * Keeps publisher privileges for the deprecated v1 roles ATTENDEE (0) and ADMIN (101), which
 * AccessToken2 silently turns into join-only (reference section 4): constants and literals become
 * PUBLISHER, roles only known at run time go through `toV2Role()`.
 */
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { isReference, lookupScope, memberName, unwrap, type BuilderCall, type RoleRef, type Scope } from '../src/analysis/bindings.ts';
import { labelledNumber, recordEdit, requestReview, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { runTransform } from '../src/codemod/run-steps.ts';
import { useHelper } from '../src/codemod/runtime-helpers.ts';
import { MAPPING_TEXTS } from '../src/mapping.ts';
import { RTC_ROLE_METHODS } from './convert-expiry.ts';

type AnyNode = N.Node & { type: string };

export const name = 'map-deprecated-roles';

const ROLE_INDEX = 4;
const DEPRECATED_MEMBERS: Record<string, number> = { ATTENDEE: 0, ADMIN: 101 };

/** How many builder role arguments read each variable, by declaring scope and name. */
type RoleReads = Map<Scope | null, Map<string, number>>;

/** A role value that is known without running the code, and whether v2 would lose publish for it. */
type StaticRole = { deprecated: boolean; literal?: ASTPath };

function isDeprecatedLiteral(node: AnyNode): boolean {
  const n = unwrap(node);
  const value = (n as N.NumericLiteral | N.StringLiteral).value;
  // v1 compares with ==, so '0' and '101' count too
  return (n.type === 'NumericLiteral' || n.type === 'StringLiteral' || n.type === 'Literal') && (value === 0 || value === 101 || value === '0' || value === '101');
}

/**
 * Every value the expression at `path` can take, when all are static (RtcRole members, literals,
 * `undefined`), through conditionals; undefined when any is only known at run time.
 */
function staticRoles(ctx: MigrationContext, path: ASTPath, rtcRoleRefs: Set<N.Node>, depth = 0, seen?: Set<N.Node>): StaticRole[] | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(path.node as AnyNode);
  if (rtcRoleRefs.has(node)) {
    seen?.add(node);
    return [{ deprecated: false }]; // handled as a constant below
  }
  if (node.type === 'NumericLiteral' || node.type === 'StringLiteral' || node.type === 'Literal') {
    return [{ deprecated: isDeprecatedLiteral(node), literal: path }];
  }
  if (node.type === 'Identifier' && (node as N.Identifier).name === 'undefined' && lookupScope(path, 'undefined') === null) return [{ deprecated: false }];
  if (node.type === 'ConditionalExpression') {
    const a = staticRoles(ctx, path.get('consequent') as ASTPath, rtcRoleRefs, depth + 1, seen);
    const b = staticRoles(ctx, path.get('alternate') as ASTPath, rtcRoleRefs, depth + 1, seen);
    return a && b ? [...a, ...b] : undefined;
  }
  // parseRole(x) whose every return is a non-deprecated constant: nothing to map at run time
  if (node.type === 'CallExpression') {
    const returns = localFunctionReturns(ctx, node as N.CallExpression, path);
    const roles = returns?.map((r) => staticRoles(ctx, r, rtcRoleRefs, depth + 1, seen));
    return roles && roles.every((r) => r && r.every((x) => !x.literal || !x.deprecated)) ? roles.flatMap((r) => r!.map((x) => ({ deprecated: x.deprecated }))) : undefined;
  }
  // ROLES[name] on a constant lookup table of non-deprecated roles (a missing key is undefined in both),
  // read nowhere else: a table also read elsewhere keeps its v1 numbers, so the call maps at run time
  if (node.type === 'MemberExpression') {
    const table = constantTableValues(ctx, node as N.MemberExpression, path);
    const deprecated = table?.some((v) => rtcRoleRefs.has(unwrap(v.node as AnyNode)) && memberName(unwrap(v.node as AnyNode) as N.MemberExpression)! in DEPRECATED_MEMBERS);
    const values = !deprecated || tableOnlyReadAsRole(ctx, node as N.MemberExpression, path) ? table : undefined;
    const roles = values?.map((v) => staticRoles(ctx, v, rtcRoleRefs, depth + 1, seen));
    return roles && roles.every((r) => r && r.every((x) => !x.literal || !x.deprecated)) ? [...roles.flatMap((r) => r!.map((x) => ({ deprecated: x.deprecated }))), { deprecated: false }] : undefined;
  }
  return undefined;
}

/** Return-value paths of a const-bound or declared file-local function called at `path`, when it always returns a value. */
function localFunctionReturns(ctx: MigrationContext, call: N.CallExpression, path: ASTPath): ASTPath[] | undefined {
  const local = ctx.expiry.localFunction(call, path);
  if (!local?.constBound || local.bareReturn || local.returns.length === 0) return undefined;
  return local.returns;
}

/** Property values of a never-written `const TABLE = { … }` that `TABLE[x]` / `TABLE.x` reads. */
function constantTableValues(ctx: MigrationContext, member: N.MemberExpression, path: ASTPath): ASTPath[] | undefined {
  const object = unwrap(member.object as AnyNode);
  if (object.type !== 'Identifier') return undefined;
  const tableName = (object as N.Identifier).name;
  const scope = lookupScope(path, tableName);
  if (!scope) return undefined;
  let table: ASTPath | undefined;
  for (const p of ctx.expiry.index.declaratorsOf(tableName)) {
    if (p.scope !== scope || (p.parent.node as N.VariableDeclaration).kind !== 'const' || !p.node.init) continue;
    // through `as const`, `satisfies Record<…>`, parentheses
    let init = p.get('init') as ASTPath;
    while (unwrap(init.node as AnyNode) !== init.node) init = init.get('expression') as ASTPath;
    if ((init.node as AnyNode).type === 'ObjectExpression') table = init;
  }
  if (!table) return undefined;
  if (ctx.expiry.index.memberAssignmentsOf(tableName).some((p) => lookupScope(p, tableName) === scope)) return undefined;
  const properties = (table.node as N.ObjectExpression).properties as AnyNode[];
  if (!properties.every((p) => p.type === 'ObjectProperty' || p.type === 'Property')) return undefined;
  return properties.map((_, i) => table!.get('properties', i, 'value') as ASTPath);
}

/** The paths of all values assigned to a local variable, if it is only ever assigned plainly. */
function assignedValues(ctx: MigrationContext, id: N.Identifier, at: ASTPath): { values: ASTPath[]; reads: number } | undefined {
  const scope = lookupScope(at, id.name);
  if (!scope) return undefined;
  const writes = ctx.expiry.index.writesIn(id.name, scope);
  // `+=`, `++` and friends make the value unknowable statically
  if (writes.declarators.length === 0 || writes.updates.length > 0 || writes.assignments.some((p) => p.node.operator !== '=')) return undefined;
  const values: ASTPath[] = [
    ...writes.declarators.filter((p) => p.node.init).map((p) => p.get('init') as ASTPath),
    ...writes.assignments.map((p) => p.get('right') as ASTPath),
  ];
  let reads = 0;
  for (const p of ctx.expiry.index.identifiersOf(id.name)) {
    const parent = p.parent.node as AnyNode;
    if (lookupScope(p, id.name) !== scope) continue;
    if (parent.type === 'VariableDeclarator' && p.name === 'id') continue;
    if (parent.type === 'AssignmentExpression' && p.name === 'left') continue;
    if ((parent.type === 'MemberExpression' || parent.type === 'ObjectProperty' || parent.type === 'Property') && p.name !== 'object' && p.name !== 'value') continue;
    reads++;
  }
  return { values, reads };
}

/** `0` / `'101'` → `1`. */
function replaceLiteral(ctx: MigrationContext, path: ASTPath): void {
  path.replace(ctx.j.numericLiteral(1));
  recordEdit(ctx, name, path.node as AnyNode, MAPPING_TEXTS.roleLiteral);
}

/**
 * Maps the role argument of one v1 RTC call. `unwrapped` collects the `RtcRole` constants that reach
 * a builder as they are (no `toV2Role`): those must become PUBLISHER.
 */
function mapCallRole(ctx: MigrationContext, call: BuilderCall, rtcRoleRefs: Set<N.Node>, roleReads: RoleReads, unwrapped: Set<N.Node>): void {
  const args = call.path.node.arguments as AnyNode[];
  if (args.length <= ROLE_INDEX || args.some((a) => a.type === 'SpreadElement')) return;
  const argPath = call.path.get('arguments', ROLE_INDEX) as ASTPath;
  // a role constant or table of another module, mapped where it is defined (the project layer's mappedRoles)
  if (isMappedElsewhere(ctx, argPath)) return;
  const seen = new Set<N.Node>();
  const direct = staticRoles(ctx, argPath, rtcRoleRefs, 0, seen);
  if (direct) {
    for (const node of seen) unwrapped.add(node);
    for (const role of direct) if (role.deprecated && role.literal) replaceLiteral(ctx, role.literal);
    return;
  }
  const arg = unwrap(args[ROLE_INDEX]);
  if (arg.type === 'Identifier') {
    const assigned = assignedValues(ctx, arg as N.Identifier, argPath);
    const roles = assigned?.values.map((v) => staticRoles(ctx, v, rtcRoleRefs, 0, seen));
    const name = (arg as N.Identifier).name;
    const builderReads = roleReads.get(lookupScope(argPath, name))?.get(name) ?? 0;
    // rewrite the assignments in place only when nothing but builder calls reads the variable
    if (assigned && roles && roles.every((r) => r !== undefined) && assigned.reads === builderReads) {
      for (const node of seen) unwrapped.add(node);
      for (const list of roles) for (const role of list!) if (role.deprecated && role.literal) replaceLiteral(ctx, role.literal);
      return;
    }
  }
  if (arg.type === 'CallExpression' && (arg as N.CallExpression).callee.type === 'Identifier' && ((arg as N.CallExpression).callee as N.Identifier).name === 'toV2Role') return;
  const helper = useHelper(ctx, 'toV2Role');
  argPath.replace(ctx.j.callExpression(ctx.j.identifier(helper), [args[ROLE_INDEX] as never]));
  recordEdit(ctx, name, args[ROLE_INDEX], MAPPING_TEXTS.runTimeRole);
}

/**
 * `ROLES.host`, `ROLES[name]`, `config.ROLES.host`, `HOST_ROLE`, `Role.Host` whose module-level
 * reference the project layer proved is read only as a role and mapped in its own module.
 */
function isMappedElsewhere(ctx: MigrationContext, argPath: ASTPath): boolean {
  const mapped = ctx.projectFacts?.mappedRoles;
  if (!mapped?.length) return false;
  const names: string[] = [];
  let node = unwrap(argPath.node as AnyNode);
  while (node.type === 'MemberExpression') {
    const member = node as N.MemberExpression;
    const key = memberName(member);
    // a dynamic key is only the outermost access (`ROLES[name]`)
    if (key === undefined) names.length = 0;
    else names.unshift(key);
    node = unwrap(member.object as AnyNode);
  }
  if (node.type !== 'Identifier') return false;
  const root = (node as N.Identifier).name;
  if (!lookupScope(argPath, root)?.isGlobal) return false;
  const chain = [root, ...names];
  return chain.some((_, i) => mapped.includes(chain.slice(0, i + 1).join('.')));
}

/** The role values this module defines that the project layer proved only builders read (ProjectFacts.roleDefinitions). */
function mapDefinitions(ctx: MigrationContext, unwrapped: Set<N.Node>, roleArgs: Set<N.Node>): void {
  const positions = ctx.projectFacts?.roleDefinitions;
  if (!positions?.length) return;
  const at = (node: N.Node) => {
    const start = node.loc?.start;
    return start !== undefined && positions.some((p) => p.line === start.line && p.column === start.column);
  };
  for (const ref of ctx.analysis.roleRefs) {
    if (at(ref.path.node)) {
      unwrapped.add(ref.path.node);
      roleArgs.add(ref.path.node);
    }
  }
  const literals: ASTPath[] = [];
  ctx.root.find(ctx.j.Node).forEach((found) => {
    const path = found as unknown as ASTPath;
    if (at(path.node) && isDeprecatedLiteral(path.node as AnyNode) && typeof (path.node as N.NumericLiteral).value === 'number') literals.push(path);
  });
  for (const path of literals) replaceLiteral(ctx, path);
}

/** Where a deprecated constant is compared rather than used as a role, its v1 number keeps the logic intact. */
function isComparison(path: ASTPath): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return false;
  if (parent.type === 'SwitchCase' && path.name === 'test') return true;
  return parent.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes((parent as N.BinaryExpression).operator);
}

/**
 * Rewrites `RtcRole.ATTENDEE` / `RtcRole.ADMIN` (both generations: neither exists in v2): PUBLISHER
 * where the constant reaches a builder as it is; elsewhere (a comparison, a value returned or looked
 * up, whose builder call goes through `toV2Role`) its v1 number, so the code reads what it read.
 */
function mapRoleConstant(ctx: MigrationContext, ref: RoleRef, roleArgs: Set<N.Node>, unwrapped: Set<N.Node>): void {
  const v1Value = DEPRECATED_MEMBERS[ref.member];
  if (ref.object !== 'RtcRole' || v1Value === undefined) return;
  const comparison = isComparison(ref.path);
  if (comparison || (ref.generation === 'v1' && !unwrapped.has(ref.path.node))) {
    // the number alone would hide what it was: `101 /* RtcRole.ADMIN */`, named as the source wrote it
    ref.path.replace(labelledNumber(ctx, v1Value, ctx.j(ref.path.node as never).toSource()));
    const where = comparison ? 'in a comparison' : 'read outside a builder call (toV2Role maps it where it builds a token)';
    recordEdit(ctx, name, ref.path.node as AnyNode, `RtcRole.${ref.member} ${where} → ${v1Value} (its v1 value; the constant does not exist in AccessToken2)`);
    return;
  }
  const property = ref.path.node.property as AnyNode;
  if (property.type === 'Identifier') (property as N.Identifier).name = 'PUBLISHER';
  else ref.path.node.property = ctx.j.stringLiteral('PUBLISHER') as never;
  recordEdit(ctx, name, ref.path.node as AnyNode, `RtcRole.${ref.member} → RtcRole.PUBLISHER (same privileges as in v1)`);
  if (!roleArgs.has(ref.path.node)) {
    requestReview(ctx, name, ref.path, `RtcRole.${ref.member} (${v1Value}) is now RtcRole.PUBLISHER (1): check code that reads this value for anything but building a token`);
  }
}

/** Nodes that end up as an RTC builder's role argument: directly, through a conditional, or via a local variable. */
function collectRoleArguments(ctx: MigrationContext): { nodes: Set<N.Node>; reads: RoleReads } {
  const nodes = new Set<N.Node>();
  const reads: RoleReads = new Map();
  const addValue = (path: ASTPath) => {
    const node = unwrap(path.node as AnyNode);
    nodes.add(node);
    if (node.type === 'ConditionalExpression') {
      addValue(path.get('consequent') as ASTPath);
      addValue(path.get('alternate') as ASTPath);
    }
  };
  const tables: { member: N.MemberExpression; path: ASTPath }[] = [];
  const countRead = (path: ASTPath, name: string) => {
    const scope = lookupScope(path, name);
    const counts = reads.get(scope) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    reads.set(scope, counts);
  };
  for (const call of ctx.analysis.calls) {
    // a v1 RTM role argument goes away with drop-rtm-role: reading the variable there is no other use
    const rtmRole = call.builder === 'rtm' && call.generation === 'v1' && call.method === 'buildToken' && call.path.node.arguments.length === 5 ? unwrap(call.path.node.arguments[3] as AnyNode) : undefined;
    if (rtmRole?.type === 'Identifier') countRead(call.path.get('arguments', 3) as ASTPath, (rtmRole as N.Identifier).name);
    if (call.builder !== 'rtc' || !RTC_ROLE_METHODS.has(call.method) || call.path.node.arguments.length <= ROLE_INDEX) continue;
    const argPath = call.path.get('arguments', ROLE_INDEX) as ASTPath;
    addValue(argPath);
    const arg = unwrap(argPath.node as AnyNode);
    if (arg.type === 'Identifier') {
      countRead(argPath, (arg as N.Identifier).name);
      const assigned = assignedValues(ctx, arg as N.Identifier, argPath);
      for (const value of assigned?.values ?? []) addValue(value);
    }
    if (arg.type === 'MemberExpression') tables.push({ member: arg as N.MemberExpression, path: argPath });
  }
  // a lookup table read only as a role argument (`ROLES[name]`): its values are role arguments too
  for (const { member, path } of tables) {
    const values = tableOnlyReadAsRole(ctx, member, path) ? constantTableValues(ctx, member, path) : undefined;
    for (const value of values ?? []) addValue(value);
  }
  return { nodes, reads };
}

/** The role argument of every v1-shaped RTC builder call, as parsed. */
function directRoleArguments(ctx: MigrationContext): Set<N.Node> {
  const nodes = new Set<N.Node>();
  for (const call of ctx.analysis.calls) {
    const arg = ctx.originalArgs.get(call.path.node)?.nodes[ROLE_INDEX] as AnyNode | undefined;
    if (call.builder === 'rtc' && RTC_ROLE_METHODS.has(call.method) && arg) nodes.add(unwrap(arg));
  }
  return nodes;
}

/** `TABLE[x]` where every read of `TABLE` is a builder's role argument. */
function tableOnlyReadAsRole(ctx: MigrationContext, member: N.MemberExpression, path: ASTPath): boolean {
  const object = unwrap(member.object as AnyNode);
  if (object.type !== 'Identifier') return false;
  const tableName = (object as N.Identifier).name;
  const scope = lookupScope(path, tableName);
  const roleArguments = directRoleArguments(ctx);
  return ctx.expiry.index.identifiersOf(tableName).every((p) => {
    if (!isReference(p) || lookupScope(p, tableName) !== scope) return true;
    const parent = p.parent?.node as AnyNode | undefined;
    if (parent?.type === 'VariableDeclarator' && p.name === 'id') return true;
    return parent !== undefined && p.name === 'object' && roleArguments.has(parent);
  });
}

/** The step. */
export function mapDeprecatedRoles(ctx: MigrationContext): void {
  const rtcRoleRefs = new Set<N.Node>(ctx.analysis.roleRefs.filter((r) => r.object === 'RtcRole').map((r) => r.path.node));
  const { nodes: roleArgs, reads } = collectRoleArguments(ctx);
  const unwrapped = new Set<N.Node>();
  mapDefinitions(ctx, unwrapped, roleArgs);
  for (const call of ctx.analysis.calls) {
    if (call.builder === 'rtc' && call.generation === 'v1' && RTC_ROLE_METHODS.has(call.method)) mapCallRole(ctx, call, rtcRoleRefs, reads, unwrapped);
  }
  for (const ref of ctx.analysis.roleRefs) mapRoleConstant(ctx, ref, roleArgs, unwrapped);
}

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(file, api, options, [mapDeprecatedRoles]);
}
