/**
 * `migrate` for Go token servers on Agora's v1 Go packages (reference section 8): the same mapping
 * as the JavaScript recipe (src/mapping.ts), applied as text edits at ranges of tree-sitter's syntax
 * tree, so layout and comments stay and gofmt-clean input stays gofmt-clean.
 *
 *   import ".../go/src/RtcTokenBuilder"          → import rtctokenbuilder ".../go/src/rtctokenbuilder2"
 *   BuildTokenWithUID(a, c, ch, uid, role, now+N) → BuildTokenWithUid(a, c, ch, uid, role, N, N)
 *   RoleAttendee / RoleAdmin / 0 / 101            → RolePublisher / 1 (a run-time role: toV2Role(role))
 *   rtmtokenbuilder.BuildToken(a, c, u, role, ts) → BuildToken(a, c, u, expire)
 *
 * An import whose uses cannot all be migrated keeps its v1 path and every use through it, with a
 * review marker above each use it could not follow. go.mod and go.sum are never edited: the v2
 * packages live in the same module as the v1 ones.
 */
import { MAPPING_TEXTS, MAX_TOKEN_SECONDS } from '../mapping.ts';
import { formatMarker, REVIEW_MARKER } from '../marker.ts';
import type { EditRecord, ReviewItem, TransformResult } from '../types.ts';
import { classifyExpiry, type GoExpiry } from './expiry.ts';
import { GO_HELPERS, goHelperSource, helperNeedsTime, type GoHelper } from './helpers.ts';
import { parseGo, type GoNode } from './parser.ts';
import { assignedValues, callArguments, enclosingFunction, enclosingStatement, identifierReads, integerLiteralValue, isDeclaredInFile, stripConversions, unparen } from './syntax.ts';

/** v1 package directory → its v2 directory and the v1 package name (what an unnamed import is called). */
export const GO_V1_PACKAGES = {
  RtcTokenBuilder: { service: 'rtc', v2: 'rtctokenbuilder2', packageName: 'rtctokenbuilder' },
  RtmTokenBuilder: { service: 'rtm', v2: 'rtmtokenbuilder2', packageName: 'rtmtokenbuilder' },
} as const;

type V1Directory = keyof typeof GO_V1_PACKAGES;

/** `…/go/src/RtcTokenBuilder`: Agora's v1 Go package directories (the v2 ones sit beside them). */
const V1_IMPORT_PATH = /^(.*\/go\/src\/)(RtcTokenBuilder|RtmTokenBuilder)$/;

const RTC_ROLE_CONSTANTS = new Set(['RoleAttendee', 'RolePublisher', 'RoleSubscriber', 'RoleAdmin']);
const DEPRECATED_ROLES: Record<string, number> = { RoleAttendee: 0, RoleAdmin: 101 };

/** v1 RTC functions: v2 name, whether they take a role, and how many arguments v1 takes. */
const RTC_FUNCTIONS: Record<string, { v2: string; withPrivileges: boolean }> = {
  BuildTokenWithUID: { v2: 'BuildTokenWithUid', withPrivileges: false },
  BuildTokenWithUserAccount: { v2: 'BuildTokenWithUserAccount', withPrivileges: false },
  BuildTokenWithUIDAndPrivilege: { v2: 'BuildTokenWithUidAndPrivilege', withPrivileges: true },
  BuildTokenWithUserAccountAndPrivilege: { v2: 'BuildTokenWithUserAccountAndPrivilege', withPrivileges: true },
};

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** One v1 import and what its migration would do. */
interface Binding {
  directory: V1Directory;
  /** The local package name uses are qualified with. */
  name: string;
  spec: GoNode;
  edits: TextEdit[];
  records: EditRecord[];
  problems: { node: GoNode; reason: string }[];
  helpers: Set<GoHelper>;
  /** Expressions whose variables may become unused once the edits are made. */
  stale: GoNode[];
}

interface Context {
  path: string;
  source: string;
  root: GoNode;
  /** Local name of the `time` import, if any. */
  timePackage: string | undefined;
}

/** Migrates one Go file; throws GoSyntaxError when it does not parse. */
export function migrateGoSource(file: { path: string; source: string }): TransformResult {
  const tree = parseGo(file.source);
  try {
    const root = tree.rootNode;
    const ctx: Context = { path: file.path, source: file.source, root, timePackage: importedName(root, 'time') };
    const bindings = findV1Imports(ctx);
    if (bindings.length === 0) return { output: undefined, edits: [], reviews: [] };
    for (const binding of bindings) planBinding(ctx, binding);
    return applyPlans(ctx, bindings);
  } finally {
    tree.delete();
  }
}

/** The unquoted path of an import spec. */
function importPath(spec: GoNode): string {
  return spec.childForFieldName('path')!.text.slice(1, -1);
}

/** The local name `path` is imported as (its last element when unnamed), if the file imports it. */
function importedName(root: GoNode, path: string): string | undefined {
  for (const spec of root.descendantsOfType('import_spec')) {
    if (importPath(spec) !== path) continue;
    const name = spec.childForFieldName('name');
    return name ? name.text : path.split('/').pop();
  }
  return undefined;
}

function position(ctx: Context, node: GoNode): { file: string; line: number; column: number } {
  return { file: ctx.path, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

function record(ctx: Context, binding: Binding, transform: string, node: GoNode, description: string): void {
  binding.records.push({ ...position(ctx, node), transform, description });
}

function replace(binding: Binding, node: GoNode, text: string): void {
  binding.edits.push({ start: node.startIndex, end: node.endIndex, text });
}

function findV1Imports(ctx: Context): Binding[] {
  const bindings: Binding[] = [];
  for (const spec of ctx.root.descendantsOfType('import_spec')) {
    const match = V1_IMPORT_PATH.exec(importPath(spec));
    if (!match) continue;
    const directory = match[2] as V1Directory;
    const nameNode = spec.childForFieldName('name');
    const binding: Binding = {
      directory,
      name: nameNode?.text ?? GO_V1_PACKAGES[directory].packageName,
      spec,
      edits: [],
      records: [],
      problems: [],
      helpers: new Set(),
      stale: [],
    };
    bindings.push(binding);
  }
  return bindings;
}

/** Uses of a package name: `name.X` in expressions and `name.T` in types. */
function packageUses(root: GoNode, name: string): { node: GoNode; member: string }[] {
  const uses: { node: GoNode; member: string }[] = [];
  for (const selector of root.descendantsOfType('selector_expression')) {
    const operand = selector.childForFieldName('operand');
    if (operand?.type === 'identifier' && operand.text === name) uses.push({ node: selector, member: selector.childForFieldName('field')!.text });
  }
  for (const qualified of root.descendantsOfType('qualified_type')) {
    if (qualified.childForFieldName('package')?.text === name) uses.push({ node: qualified, member: qualified.childForFieldName('name')!.text });
  }
  return uses.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** The call `node` is the callee of (`pkg.F(…)`), if any. */
function calleeOf(node: GoNode): GoNode | undefined {
  const parent = node.parent;
  return parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === node.id ? parent : undefined;
}

/** Works out every edit for one import; problems make the whole import stay on v1. */
function planBinding(ctx: Context, binding: Binding): void {
  const { service, v2, packageName } = GO_V1_PACKAGES[binding.directory];
  const pathNode = binding.spec.childForFieldName('path')!;
  const nameNode = binding.spec.childForFieldName('name');
  if (nameNode?.type === 'dot') {
    binding.problems.push({ node: binding.spec, reason: `dot import of ${importPath(binding.spec)}: the migration cannot tell its names from local ones — import it by name` });
    return;
  }
  if (nameNode?.type !== 'blank_identifier' && isDeclaredInFile(ctx.root, binding.name)) {
    binding.problems.push({ node: binding.spec, reason: `${binding.name} is also declared in this file, so its uses cannot be told apart from the package's` });
    return;
  }
  const newPath = importPath(binding.spec).replace(V1_IMPORT_PATH, `$1${v2}`);
  replace(binding, pathNode, `"${newPath}"`);
  if (!nameNode) binding.edits.push({ start: pathNode.startIndex, end: pathNode.startIndex, text: `${packageName} ` });
  record(ctx, binding, 'swap-import', binding.spec, `${importPath(binding.spec)} → ${nameNode ? '' : `${packageName} `}${newPath} (go.mod unchanged: same module)`);
  if (nameNode?.type === 'blank_identifier') return;

  const droppedRoles = new Set<number>();
  const uses = packageUses(ctx.root, binding.name);
  const staticRoleValues = service === 'rtc' ? staticRoleArgumentValues(binding, uses) : new Set<number>();
  for (const use of uses) {
    const call = calleeOf(use.node);
    if (service === 'rtc' && call && RTC_FUNCTIONS[use.member]) planRtcCall(ctx, binding, call, use.member);
    else if (service === 'rtm' && call && use.member === 'BuildToken') {
      const role = planRtmCall(ctx, binding, call);
      if (role) droppedRoles.add(role.id);
    } else if (service === 'rtc' && RTC_ROLE_CONSTANTS.has(use.member)) planRoleConstant(ctx, binding, use.node, use.member, staticRoleValues);
    else if (service === 'rtc' && use.member === 'Role') continue;
    else if (service === 'rtm' && (use.member === 'RoleRtmUser' || use.member === 'Role')) {
      // inside the role argument of a BuildToken call (visited before its arguments), it goes away with the argument
      if (!insideDroppedRole(use.node, droppedRoles)) binding.problems.push({ node: use.node, reason: MAPPING_TEXTS.rtmRoleMissing(`${binding.name}.${use.member}`) });
    } else if (call) {
      binding.problems.push({ node: use.node, reason: MAPPING_TEXTS.unknownMethod(service.toUpperCase(), use.member) });
    } else {
      binding.problems.push({ node: use.node, reason: `${binding.name}.${use.member} is used as a value here; the migration cannot follow it — check that its calls pass AccessToken2 arguments` });
    }
  }
}

/** Whether `node` lies inside one of the dropped RTM role arguments. */
function insideDroppedRole(node: GoNode, dropped: Set<number>): boolean {
  for (let current: GoNode | null = node; current; current = current.parent) if (dropped.has(current.id)) return true;
  return false;
}

function argumentProblem(binding: Binding, call: GoNode, member: string, expected: number): boolean {
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'variadic_argument')) {
    binding.problems.push({ node: call, reason: `${member} called with spread arguments: convert the absolute expiry to seconds by hand` });
    return true;
  }
  if (args.length !== expected) {
    binding.problems.push({ node: call, reason: `${member} called with ${args.length} arguments` });
    return true;
  }
  return false;
}

/** `(tokenExpire, privilegeExpire)` text for a v1 deadline, with the edit's description. */
function expiryPair(ctx: Context, binding: Binding, deadline: GoNode): { text: string; description: string } {
  const expiry = classifyExpiry(deadline, ctx.root, ctx.timePackage);
  switch (expiry.kind) {
    case 'zero':
      binding.stale.push(...expiry.stale);
      return { text: `${MAX_TOKEN_SECONDS}, 0`, description: MAPPING_TEXTS.neverExpires('0') };
    case 'relative':
      binding.stale.push(...expiry.stale);
      return { text: `${expiry.seconds}, ${expiry.seconds}`, description: expiry.capped ? MAPPING_TEXTS.nowPlusNOver24h : MAPPING_TEXTS.nowPlusN };
    case 'run-time':
      binding.helpers.add('toTokenExpire').add('toPrivilegeExpire');
      return { text: `toTokenExpire(${deadline.text}), toPrivilegeExpire(${deadline.text})`, description: MAPPING_TEXTS.runTimeExpiry };
  }
}

/** One privilege deadline of an `…AndPrivilege` call → seconds from now (0 stays "never"). */
function privilegeSeconds(ctx: Context, binding: Binding, deadline: GoNode): string {
  const expiry: GoExpiry = classifyExpiry(deadline, ctx.root, ctx.timePackage);
  if (expiry.kind === 'run-time') {
    binding.helpers.add('toPrivilegeExpire');
    return `toPrivilegeExpire(${deadline.text})`;
  }
  binding.stale.push(...expiry.stale);
  return expiry.kind === 'zero' ? '0' : expiry.seconds;
}

function planRtcCall(ctx: Context, binding: Binding, call: GoNode, member: string): void {
  const spec = RTC_FUNCTIONS[member];
  if (argumentProblem(binding, call, member, spec.withPrivileges ? 8 : 6)) return;
  const args = callArguments(call);
  const field = call.childForFieldName('function')!.childForFieldName('field')!;
  if (spec.v2 !== member) {
    replace(binding, field, spec.v2);
    record(ctx, binding, 'rename-account-builder', field, `${member} → ${spec.v2}`);
  }
  if (spec.withPrivileges) {
    // v1 …AndPrivilege tokens always lived 24 h; each privilege keeps its own deadline
    const [join, ...others] = args.slice(4);
    binding.edits.push({ start: join.startIndex, end: join.endIndex, text: `${MAX_TOKEN_SECONDS}, ${privilegeSeconds(ctx, binding, join)}` });
    for (const deadline of others) replace(binding, deadline, privilegeSeconds(ctx, binding, deadline));
    record(ctx, binding, 'convert-expiry', call, `four absolute privilege deadlines → seconds from now; tokenExpire ${MAX_TOKEN_SECONDS} (a v1 token always lived 24 h)`);
    return;
  }
  planRoleArgument(ctx, binding, args[4]);
  const pair = expiryPair(ctx, binding, args[5]);
  replace(binding, args[5], pair.text);
  record(ctx, binding, 'convert-expiry', call, pair.description);
}

/** Whether `value` is a role known at migration time that v2 grants the same privileges as v1. */
function isStaticRole(binding: Binding, value: GoNode): boolean {
  const n = unparen(value);
  if (n.type === 'selector_expression') {
    const operand = n.childForFieldName('operand');
    return operand?.type === 'identifier' && operand.text === binding.name && RTC_ROLE_CONSTANTS.has(n.childForFieldName('field')!.text);
  }
  const literal = integerLiteralValue(stripConversions(n));
  return literal !== undefined && literal !== 0 && literal !== 101;
}

function planRoleArgument(ctx: Context, binding: Binding, arg: GoNode): void {
  const n = unparen(arg);
  const literal = integerLiteralValue(n);
  if (literal !== undefined) {
    if (literal === 0 || literal === 101) {
      replace(binding, n, '1');
      record(ctx, binding, 'map-deprecated-roles', n, MAPPING_TEXTS.roleLiteral);
    }
    return;
  }
  if (isStaticRole(binding, n)) return; // a constant: mapped where it is written
  if (n.type === 'identifier' && staticRoleVariableValues(binding, n)) return;
  binding.helpers.add('toV2Role');
  // two insertions, so edits inside the argument (a constant in `rtc.Role(…)`) still apply
  binding.edits.push({ start: arg.startIndex, end: arg.startIndex, text: 'toV2Role(' }, { start: arg.endIndex, end: arg.endIndex, text: ')' });
  record(ctx, binding, 'map-deprecated-roles', arg, MAPPING_TEXTS.runTimeRole);
}

/**
 * The values a builder's role argument takes without going through `toV2Role`: those of a local
 * variable whose every value is a role constant (`role := rtc.RoleAdmin` … `BuildTokenWithUID(…, role, …)`).
 */
function staticRoleArgumentValues(binding: Binding, uses: { node: GoNode; member: string }[]): Set<number> {
  const values = new Set<number>();
  for (const use of uses) {
    const call = calleeOf(use.node);
    const spec = RTC_FUNCTIONS[use.member];
    if (!call || !spec || spec.withPrivileges) continue;
    const arg = callArguments(call)[4];
    if (arg === undefined || unparen(arg).type !== 'identifier') continue;
    const assigned = staticRoleVariableValues(binding, unparen(arg));
    if (assigned) for (const value of assigned) values.add(unparen(value).id);
  }
  return values;
}

/** Whether the variable `name` is compared in `fn` (`==`, `!=`, or the tag of a `switch`). */
function isComparedIn(fn: GoNode, name: string): boolean {
  return identifierReads(fn, name).some((id) => {
    let current = id;
    while (current.parent?.type === 'parenthesized_expression') current = current.parent;
    const parent = current.parent;
    if (parent?.type === 'binary_expression') return ['==', '!='].includes(parent.childForFieldName('operator')?.type ?? '');
    return parent?.type === 'expression_switch_statement' && parent.childForFieldName('value')?.id === current.id;
  });
}

/**
 * The values of the local variable `identifier` when every one is a role constant and the variable is
 * never compared (a compared variable keeps v1's numbers, so its builder call needs `toV2Role`).
 */
function staticRoleVariableValues(binding: Binding, identifier: GoNode): GoNode[] | undefined {
  const values = assignedValues(identifier);
  if (!values || !values.every((value) => isStaticRole(binding, value))) return undefined;
  const fn = enclosingFunction(identifier);
  return fn && !isComparedIn(fn, identifier.text) ? values : undefined;
}

/** Whether `node` is the value given to a local variable (`x := c`, `x = c`) that its function compares. */
function isAssignedToComparedVariable(node: GoNode): boolean {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  const list = current.parent;
  const statement = list?.type === 'expression_list' ? list.parent : undefined;
  if (!statement || (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration')) return false;
  if (statement.childForFieldName('right')?.id !== list!.id || list!.namedChildCount !== 1) return false;
  const left = statement.childForFieldName('left');
  const target = left?.type === 'expression_list' && left.namedChildCount === 1 ? left.namedChildren[0] : left;
  const fn = enclosingFunction(node);
  return target?.type === 'identifier' && fn !== undefined && isComparedIn(fn, target.text);
}

/** Whether the composite literal element holding `node` is the first thing on its line (a multi-line literal gofmt aligns). */
function startsItsLine(source: string, node: GoNode): boolean {
  let element = node;
  while (element.parent && element.parent.type !== 'literal_value') element = element.parent;
  const lineStart = source.lastIndexOf('\n', element.startIndex - 1) + 1;
  return /^[ \t]*$/.test(source.slice(lineStart, element.startIndex));
}

/** Whether `node` is an element (key or value) of a composite literal, or the value of a `const`/`var` declaration. */
function isTableOrDeclaredValue(node: GoNode): boolean {
  let current = node;
  while (current.parent && ['parenthesized_expression', 'literal_element', 'expression_list'].includes(current.parent.type)) current = current.parent;
  return ['keyed_element', 'literal_value', 'const_spec', 'var_spec'].includes(current.parent?.type ?? '');
}

/**
 * `RoleAttendee`/`RoleAdmin`: PUBLISHER where the value is used as a role, its v1 number where it is
 * compared, or where it is a table entry, a named constant or the value of a variable the function
 * compares, and does not reach a builder as it is (`map[string]rtc.Role{"host": rtc.RoleAdmin}`,
 * `const defaultRole = rtc.RoleAttendee`, `role = rtc.RoleAdmin` … `if role == rtc.RoleAdmin`): such a
 * value is also compared, returned or looked up, and the builder call it reaches maps it with `toV2Role`.
 */
function planRoleConstant(ctx: Context, binding: Binding, node: GoNode, member: string, staticRoleValues: Set<number>): void {
  const v1Value = DEPRECATED_ROLES[member];
  if (v1Value === undefined) return;
  const parent = node.parent;
  const compared =
    (parent?.type === 'binary_expression' && ['==', '!='].includes(parent.childForFieldName('operator')?.type ?? '')) ||
    (parent?.type === 'expression_list' && parent.parent?.type === 'expression_case' && parent.parent.childForFieldName('value')?.id === parent.id);
  if (!compared && !staticRoleValues.has(node.id) && (isTableOrDeclaredValue(node) || isAssignedToComparedVariable(node))) {
    // gofmt moves or re-spaces a block comment beside a composite literal's element: the bare number there
    const inLiteral = node.parent?.type === 'literal_element' || node.parent?.type === 'parenthesized_expression';
    const text = inLiteral ? String(v1Value) : `${v1Value} /* ${member} */`;
    // gofmt aligns a literal's values after `key:` and trailing comments after `,`: keep the next column
    const aligned = inLiteral && startsItsLine(ctx.source, node) ? /^(?:: +(?=\S)|, +(?=\/\/))/.exec(ctx.source.slice(node.endIndex)) : null;
    const shorter = node.endIndex - node.startIndex - text.length;
    if (aligned && shorter > 0) binding.edits.push({ start: node.startIndex, end: node.endIndex + aligned[0].length, text: `${text}${aligned[0]}${' '.repeat(shorter)}` });
    else replace(binding, node, text);
    record(ctx, binding, 'map-deprecated-roles', node, `${binding.name}.${member} in a table, a declaration or a compared variable → ${v1Value} (its v1 value, also for its other readers; the builder call maps it with toV2Role)`);
    return;
  }
  if (compared) {
    // gofmt puts a space between a trailing block comment and a case's colon
    const beforeColon = ctx.source[node.endIndex] === ':' ? ' ' : '';
    replace(binding, node, `${v1Value} /* ${member} */${beforeColon}`);
    record(ctx, binding, 'map-deprecated-roles', node, `${binding.name}.${member} compared → ${v1Value} (its v1 value; the constant does not exist in AccessToken2)`);
    return;
  }
  replace(binding, node, `${binding.name}.RolePublisher`);
  record(ctx, binding, 'map-deprecated-roles', node, `${binding.name}.${member} → ${binding.name}.RolePublisher (same privileges as in v1)`);
}

/** `BuildToken(app, cert, user, role, ts)` → `BuildToken(app, cert, user, expire)`; returns the dropped role argument. */
function planRtmCall(ctx: Context, binding: Binding, call: GoNode): GoNode | undefined {
  if (argumentProblem(binding, call, 'BuildToken', 5)) return undefined;
  const args = callArguments(call);
  binding.edits.push({ start: args[2].endIndex, end: args[3].endIndex, text: '' });
  const expiry = classifyExpiry(args[4], ctx.root, ctx.timePackage);
  let text: string;
  if (expiry.kind === 'run-time') {
    binding.helpers.add('toTokenExpire');
    text = `toTokenExpire(${args[4].text})`;
  } else {
    binding.stale.push(...expiry.stale);
    // v2 RTM 0 means "expires immediately": never → 24 h
    text = expiry.kind === 'zero' ? String(MAX_TOKEN_SECONDS) : expiry.seconds;
  }
  replace(binding, args[4], text);
  record(ctx, binding, 'drop-rtm-role', call, expiry.kind === 'zero' ? MAPPING_TEXTS.rtmNeverExpires : MAPPING_TEXTS.rtmRoleDropped);
  binding.stale.push(args[3]);
  return unparen(args[3]);
}

/** Applies every binding's plan (or its review markers), then tidies: stale variables, `time`, helpers, import order. */
function applyPlans(ctx: Context, bindings: Binding[]): TransformResult {
  const edits: TextEdit[] = [];
  const records: EditRecord[] = [];
  const reviews: ReviewItem[] = [];
  const helpers = new Set<GoHelper>();
  const stale: string[] = [];
  const markedLines = new Set<number>();
  for (const binding of bindings) {
    if (binding.problems.length > 0) {
      for (const problem of binding.problems) {
        reviews.push({ ...position(ctx, problem.node), transform: 'flag-manual-review', reason: problem.reason });
        const marker = reviewMarkerEdit(ctx, problem.node, problem.reason);
        if (marker && !markedLines.has(marker.start)) {
          markedLines.add(marker.start);
          edits.push(marker);
        }
      }
      continue;
    }
    edits.push(...binding.edits);
    records.push(...binding.records);
    for (const helper of binding.helpers) helpers.add(helper);
    for (const node of binding.stale) stale.push(...identifierNames(node));
  }
  if (edits.length === 0) return { output: undefined, edits: [], reviews };
  let text = applyEdits(ctx.source, edits);
  text = removeStaleVariables(text, stale);
  const rtc = bindings.find((b) => b.directory === 'RtcTokenBuilder' && b.problems.length === 0);
  // the helpers read the clock through the file's own name for `time` (`tm "time"`); a blank import gets a real one added
  const timeName = ctx.timePackage === undefined || ctx.timePackage === '_' ? 'time' : ctx.timePackage;
  text = appendHelpers(text, [...helpers], rtc?.name ?? GO_V1_PACKAGES.RtcTokenBuilder.packageName, timeName);
  text = tidyTimeImport(text, ctx.timePackage, [...helpers].some(helperNeedsTime));
  text = sortImportGroups(text);
  return { output: text === ctx.source ? undefined : text, edits: records, reviews };
}

function identifierNames(node: GoNode): string[] {
  return node.type === 'identifier' ? [node.text] : node.descendantsOfType('identifier').map((id) => id.text);
}

/** Inserts `// TODO agora-token-migrate: manual review — reason` above the statement holding `node`, unless one is there. */
function reviewMarkerEdit(ctx: Context, node: GoNode, reason: string): TextEdit | undefined {
  const statement = node.type === 'import_spec' ? node : enclosingStatement(node);
  const lineStart = ctx.source.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(ctx.source.slice(lineStart))![0];
  const previousLineStart = ctx.source.lastIndexOf('\n', lineStart - 2) + 1;
  if (lineStart > 0 && ctx.source.slice(previousLineStart, lineStart).includes(REVIEW_MARKER)) return undefined;
  return { start: lineStart, end: lineStart, text: `${indent}//${formatMarker(reason)}\n` };
}

/** Applies non-overlapping edits (insertions at one offset keep their order). */
function applyEdits(source: string, edits: TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
  let text = source;
  let limit = Number.POSITIVE_INFINITY;
  for (const { edit } of sorted) {
    if (edit.end > limit) throw new Error(`overlapping Go edits at offset ${edit.start}`);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    limit = edit.start;
  }
  return text;
}

/** Lines [start, end) of `text` around the statement, with the comment lines directly above it; undefined when it shares a line. */
function statementLines(text: string, statement: GoNode): { start: number; end: number } | undefined {
  let start = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const newline = text.indexOf('\n', statement.endIndex);
  const end = newline === -1 ? text.length : newline + 1;
  if (text.slice(start, statement.startIndex).trim() !== '' || text.slice(statement.endIndex, end).trim() !== '') return undefined;
  // comment lines directly above describe the statement: they go with it
  while (start > 0) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    if (!text.slice(previous, start).trim().startsWith('//')) break;
    start = previous;
  }
  return { start, end };
}

/** Removes lines [start, end) without leaving two blank lines in a row or a blank line next to a brace. */
function removeLines(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  let after = text.slice(end);
  const previousLine = before.slice(before.lastIndexOf('\n', before.length - 2) + 1);
  const nextLine = after.slice(0, after.indexOf('\n') + 1);
  const blank = (line: string) => line.trim() === '';
  let head = before;
  const opens = /[{(:]$/.test(previousLine.trimEnd());
  const closes = /^(?:[})]|case\b|default:)/.test(nextLine.trim());
  if (blank(nextLine) && (blank(previousLine) || opens)) after = after.slice(nextLine.length);
  else if (blank(previousLine) && closes) head = before.slice(0, before.length - previousLine.length);
  return head + after;
}

/**
 * Go rejects unused local variables: once `now + N` became N, the clock and deadline variables
 * nothing reads any more are removed (declaration and the comment above it), repeatedly, since a
 * removed initializer may have been the last read of another.
 */
function removeStaleVariables(source: string, candidates: string[]): string {
  let text = source;
  const pending = new Set(candidates);
  for (let round = 0; round < 64 && pending.size > 0; round++) {
    const tree = parseGo(text);
    let removal: { start: number; end: number; names: string[] } | undefined;
    try {
      for (const decl of tree.rootNode.descendantsOfType(['short_var_declaration', 'var_declaration'])) {
        const spec = decl.type === 'var_declaration' ? decl.namedChildren.find((c) => c.type === 'var_spec') : decl;
        if (!spec || (decl.type === 'var_declaration' && decl.namedChildren.filter((c) => c.type === 'var_spec').length !== 1)) continue;
        const names = spec.type === 'short_var_declaration' ? spec.childForFieldName('left')!.namedChildren : spec.childrenForFieldName('name');
        if (names.length !== 1 || !pending.has(names[0].text)) continue;
        const fn = functionBody(decl);
        if (!fn) continue;
        const reads = identifierReads(fn, names[0].text).filter((id) => id.startIndex < decl.startIndex || id.startIndex >= decl.endIndex);
        if (reads.length > 0) continue;
        const lines = statementLines(text, decl);
        if (!lines) continue;
        const value = spec.childForFieldName(spec.type === 'short_var_declaration' ? 'right' : 'value');
        removal = { ...lines, names: value ? identifierNames(value) : [] };
        pending.delete(names[0].text);
        break;
      }
    } finally {
      tree.delete();
    }
    if (!removal) break;
    text = removeLines(text, removal.start, removal.end);
    for (const name of removal.names) pending.add(name);
  }
  return text;
}

function functionBody(node: GoNode): GoNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'func_literal') return current.childForFieldName('body') ?? undefined;
  }
  return undefined;
}

/** Appends the helpers the file does not declare yet. */
function appendHelpers(source: string, helpers: GoHelper[], rtcPackage: string, timePackage: string): string {
  if (helpers.length === 0) return source;
  const tree = parseGo(source);
  let declared: Set<string>;
  try {
    declared = new Set(tree.rootNode.namedChildren.filter((n) => n.type === 'function_declaration').map((n) => n.childForFieldName('name')!.text));
  } finally {
    tree.delete();
  }
  const texts = GO_HELPERS.filter((h) => helpers.includes(h) && !declared.has(h)).map((h) => goHelperSource(h, rtcPackage, timePackage));
  if (texts.length === 0) return source;
  return `${source.replace(/\n*$/, '\n')}\n${texts.join('\n\n')}\n`;
}

/** Removes the `time` import when nothing uses it any more; adds it when a helper needs the clock. */
function tidyTimeImport(source: string, timePackage: string | undefined, helpersNeedTime: boolean): string {
  const tree = parseGo(source);
  try {
    const root = tree.rootNode;
    const spec = root.descendantsOfType('import_spec').find((s) => importPath(s) === 'time' && s.childForFieldName('name')?.type !== 'blank_identifier');
    if (spec && timePackage && !helpersNeedTime && packageUses(root, timePackage).length === 0) {
      const single = spec.parent?.type === 'import_declaration' ? spec.parent : spec;
      const lines = statementLines(source, single);
      return lines ? removeLines(source, lines.start, lines.end) : source;
    }
    if (!spec && helpersNeedTime) return addTimeImport(source, root);
    return source;
  } finally {
    tree.delete();
  }
}

function isStandardLibrary(path: string): boolean {
  return !path.split('/')[0].includes('.');
}

/** Adds `"time"` to the standard-library group of the first import block, or a new import declaration. */
function addTimeImport(source: string, root: GoNode): string {
  const list = root.descendantsOfType('import_spec_list')[0];
  if (list) {
    const specs = list.namedChildren.filter((n) => n.type === 'import_spec');
    const std = specs.filter((s) => isStandardLibrary(importPath(s)));
    const after = std.filter((s) => importPath(s) < 'time').pop();
    const before = std.find((s) => importPath(s) > 'time');
    if (before) {
      const lineStart = source.lastIndexOf('\n', before.startIndex - 1) + 1;
      return `${source.slice(0, lineStart)}\t"time"\n${source.slice(lineStart)}`;
    }
    if (after) {
      const lineEnd = source.indexOf('\n', after.endIndex) + 1;
      return `${source.slice(0, lineEnd)}\t"time"\n${source.slice(lineEnd)}`;
    }
    const open = source.indexOf('\n', list.startIndex) + 1;
    return `${source.slice(0, open)}\t"time"\n\n${source.slice(open)}`;
  }
  const imports = root.namedChildren.filter((n) => n.type === 'import_declaration');
  const anchor = imports.length > 0 ? imports[imports.length - 1] : root.namedChildren.find((n) => n.type === 'package_clause')!;
  const lineEnd = source.indexOf('\n', anchor.endIndex) + 1;
  return `${source.slice(0, lineEnd)}${imports.length > 0 ? '' : '\n'}import "time"\n${source.slice(lineEnd)}`;
}

/** gofmt sorts each group of an import block by path; a renamed path may have to move within its group. */
function sortImportGroups(source: string): string {
  const tree = parseGo(source);
  const moves: TextEdit[] = [];
  try {
    for (const list of tree.rootNode.descendantsOfType('import_spec_list')) {
      let group: GoNode[] = [];
      const flush = () => {
        const paths = group.map(importPath);
        const sorted = [...group].sort((a, b) => (importPath(a) < importPath(b) ? -1 : importPath(a) > importPath(b) ? 1 : 0));
        if (paths.every((p, i) => p === importPath(sorted[i]))) return;
        // only one spec per line and nothing else on those lines: move the lines
        const lines = group.map((spec) => statementLines(source, spec));
        if (lines.some((l) => !l || source.slice(l.start, l.end).trim().startsWith('//'))) return;
        const texts = sorted.map((spec) => source.slice(lines[group.indexOf(spec)]!.start, lines[group.indexOf(spec)]!.end));
        moves.push({ start: lines[0]!.start, end: lines[lines.length - 1]!.end, text: texts.join('') });
      };
      let previousRow = -2;
      for (const child of list.namedChildren) {
        if (child.type !== 'import_spec') continue;
        if (child.startPosition.row !== previousRow + 1 && group.length > 0) {
          flush();
          group = [];
        }
        group.push(child);
        previousRow = child.endPosition.row;
      }
      if (group.length > 0) flush();
    }
  } finally {
    tree.delete();
  }
  return moves.length === 0 ? source : applyEdits(source, moves);
}
