import jscodeshift from 'jscodeshift';
import type { ASTPath } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { REVIEW_MARKER } from '../marker.ts';
import type { ModuleKind } from '../types.ts';
import { analyzeBindings, isReference, lookupScope, memberName, rootSite, sameScope, unwrap, type Binding, type BindingResolver } from './bindings.ts';
import { detectModuleKind } from './module-kind.ts';
import { ExpiryClassifier } from './expiry.ts';
import { NameIndex } from './name-index.ts';
import { jscodeshiftFor, parseSyntaxTree } from './parser.ts';
import { V2_EXPIRY_POSITIONS } from './v2-expiry-positions.ts';
import { mentionsAgora, type Generation } from './sources.ts';

/** 1-based position in the file. */
export interface Position {
  line: number;
  column: number;
}

export interface ImportedName {
  imported: string;
  local: string;
  typeOnly: boolean;
}

export interface AgoraImport extends Position {
  source: string;
  generation: Generation;
  kind: 'package' | 'deep' | 'vendored';
  /** esm-named, esm-default, esm-namespace, cjs-destructure, cjs-namespace, cjs-member, cjs-bare, ts-import-equals, esm-reexport, dynamic-import. */
  form: string;
  /** Local names it binds. */
  names: string[];
  /**
   * Each name read from the module: for ESM named imports and re-exports (`export { A as B } from`,
   * local = the exported name) the specifiers; for a dynamic `import()` the names destructured from
   * or read on the module object it resolves to (`const { A } = await import(…)`, `(await import(…)).A`).
   */
  specifiers: ImportedName[];
  /** `export * as ns from …`: the module object itself is exported (`names` holds `ns`). */
  reexportsNamespace?: boolean;
  /** `import type { … }` as a whole. */
  typeOnly: boolean;
  /** `import * as ns` read only as `ns.default` (module.exports), which native ESM allows. */
  onlyDefault?: boolean;
  /** How Node loads the file (named imports from agora-token crash only in native ESM). */
  moduleKind: ModuleKind;
}

export interface ExpiryArg extends Position {
  index: number;
  kind: 'relative' | 'absolute' | 'zero' | 'missing' | 'unknown';
  text: string;
}

export interface BuilderCall extends Position {
  generation: Generation;
  builder: 'rtc' | 'rtm' | 'access-token';
  method: string;
  argCount: number;
  /**
   * Index of the first spread argument (`...args`), if any: from there on the positions are unknown,
   * so `argCount` is not the number of arguments passed and no expiry position at or after it is listed.
   */
  spreadAt?: number;
  /** One entry per expiry argument position of the call's shape (a missing one included), before any spread. */
  expiry: ExpiryArg[];
  /**
   * The role argument of a v2 RTC builder that takes one (`buildTokenWithUid`, …: argument 5) when it is
   * a number or numeric-string literal (`101`, `'0'`); absent for any other expression.
   */
  roleLiteral?: RoleLiteral;
}

export interface RoleLiteral extends Position {
  index: number;
  value: number;
  text: string;
}

/** A read of `RtmRole` from the `agora-token` root, which does not export it (reference 1.2): the value is `undefined`. */
export interface MissingV2Export extends Position {
  name: 'RtmRole';
  /** `import`: a named import; `destructure`: an object pattern; `member`: a member read on the module object. */
  form: 'import' | 'destructure' | 'member';
  /** How the code names it: `RtmRole`, `RtmRole: Role`, `agoraToken.RtmRole`, `require('agora-token').RtmRole`. */
  text: string;
}

export interface RoleRef extends Position {
  object: 'RtcRole' | 'RtmRole';
  member: string;
  generation: Generation;
}

/** What a file does with the Agora token packages, resolved by binding (never by name alone). */
export interface AgoraUsage {
  imports: AgoraImport[];
  calls: BuilderCall[];
  roleRefs: RoleRef[];
  /** Reads of names the `agora-token` root does not export (`RtmRole`); absent when none was looked for. */
  missingV2Exports?: MissingV2Export[];
  /** Manual-review markers left by `migrate`. */
  markers: Position[];
  /** Offsets of every comment, from the parser's tokens (absent when the file was not parsed). */
  comments?: { start: number; end: number }[];
  parseError?: { message: string; line: number; column: number };
}

type Located = { loc?: { start: { line: number; column: number } } | null };

function position(node: unknown): Position {
  const start = (node as Located | undefined)?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 1, column: 1 };
}

// in their own module so `check` reads them without loading the parsers
export { V2_EXPIRY_POSITIONS, type ExpiryPositions } from './v2-expiry-positions.ts';

/** The single absolute `privilegeExpiredTs` of each v1 builder method. */
const V1_EXPIRY_POSITIONS: Readonly<Record<'rtc' | 'rtm', Readonly<Record<string, number>>>> = {
  rtc: { buildTokenWithUid: 5, buildTokenWithAccount: 5, buildTokenWithUserAccount: 5 },
  rtm: { buildToken: 4 },
};

/**
 * The expiry positions to classify in one call: every token position (a missing one is written as 0)
 * and the privilege positions actually passed (a missing privilege expiry is 0, "never", which is fine).
 */
function expiryIndexes(generation: Generation, builder: 'rtc' | 'rtm', method: string, argCount: number): number[] {
  if (generation === 'v1') {
    const index = V1_EXPIRY_POSITIONS[builder][method];
    return index === undefined ? [] : [index];
  }
  // a v1-shaped RTM call (role, deadline) keeps its deadline in the fifth argument
  if (builder === 'rtm' && method === 'buildToken' && argCount >= 5) return [4];
  const positions = V2_EXPIRY_POSITIONS[builder][method];
  if (!positions) return [];
  return [...positions.token, ...positions.privilege.filter((index) => index < argCount)].sort((a, b) => a - b);
}

/** v2 RTC builder methods that take a role, and where (reference 1.2): `(appId, appCertificate, channel, uid|account, role, …)`. */
const V2_RTC_ROLE_INDEX: Readonly<Record<string, number>> = {
  buildTokenWithUid: 4,
  buildTokenWithUserAccount: 4,
  buildTokenWithRtm: 4,
  buildTokenWithRtm2: 4,
};

/** `101`, `'0'`, `(0 as Role)`: a role written as a literal number, or a string holding a plain integer. */
function roleLiteralValue(node: AnyNode | undefined): number | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  const value = (inner as { value?: unknown }).value;
  if ((inner.type === 'NumericLiteral' || inner.type === 'Literal') && typeof value === 'number') return value;
  if ((inner.type === 'StringLiteral' || inner.type === 'Literal') && typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Whether a module is the `agora-token` package root (the only v2 module whose exports v1 code reads by v1 names). */
const isV2Root = (site: { module: { generation: Generation; kind: string } }) => site.module.generation === 'v2' && site.module.kind === 'package';

/**
 * `RtmRole` read from the `agora-token` root: by a named import or a destructuring (`{ RtmRole }`), or
 * as a member of the module object (`agoraToken.RtmRole`, `require('agora-token').RtmRole`). agora-token
 * has no such export, so `RtmRole.Rtm_User` throws a TypeError at run time.
 */
function missingV2Exports(j: typeof jscodeshift, index: NameIndex, bindings: readonly Binding[], resolver: BindingResolver): MissingV2Export[] {
  const found: MissingV2Export[] = [];
  const name = 'RtmRole';
  for (const binding of bindings) {
    if (binding.kind !== 'entity' || binding.typeOnly || binding.exportName !== name || !isV2Root(binding.site)) continue;
    const decl = binding.site.path.node as AnyNode;
    // a plain name bound to a member (`const R = agoraToken.RtmRole`) is reported where the member is read
    if (decl.type === 'ImportDeclaration') {
      const spec = ((decl as N.ImportDeclaration).specifiers ?? []).find((s) => s.type === 'ImportSpecifier' && s.local?.name === binding.local);
      if (spec) found.push({ ...position(spec), name, form: 'import', text: j(spec).toSource() });
    } else if (binding.site.form === 'cjs-member') {
      // `const Role = require('agora-token').RtmRole`: the require is its own site, so the member scan cannot resolve it
      const init = binding.site.path.get('init') as ASTPath;
      found.push({ ...position(init.node), name, form: 'member', text: j(init).toSource() });
    } else if (decl.type === 'VariableDeclarator' && (decl as N.VariableDeclarator).id.type === 'ObjectPattern') {
      const prop = ((decl as N.VariableDeclarator).id as N.ObjectPattern).properties.find((p) => {
        if (p.type !== 'ObjectProperty' && p.type !== 'Property') return false;
        const value = p.value as AnyNode;
        const target = value.type === 'AssignmentPattern' ? ((value as N.AssignmentPattern).left as AnyNode) : value;
        return target.type === 'Identifier' && (target as N.Identifier).name === binding.local;
      });
      if (prop) found.push({ ...position(prop), name, form: 'destructure', text: j(prop).toSource() });
    }
  }
  // from the name index's one traversal (a full-tree search per member kind cost more than the rest of the analysis)
  for (const path of index.membersNamed(name)) {
    const node = path.node;
    // `agoraToken.RtmRole = …` writes it
    if (path.name === 'left' && (path.parent?.node as AnyNode | undefined)?.type === 'AssignmentExpression') continue;
    const resolved = resolver.resolveValue(path.get('object') as ASTPath, unwrap(node.object as AnyNode));
    if (resolved?.kind !== 'namespace' || !isV2Root(resolved.site)) continue;
    found.push({ ...position(node), name, form: 'member', text: j(path).toSource() });
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Marker comments, found in the text (comments are not part of the AST's node list). */
function findMarkers(source: string): Position[] {
  const markers: Position[] = [];
  const lines = source.split(/\r?\n/);
  lines.forEach((text, index) => {
    const at = text.indexOf(REVIEW_MARKER);
    if (at < 0) return;
    const before = text.slice(0, at);
    if (before.includes('//') || before.includes('/*') || /^\s*\*/.test(before)) markers.push({ line: index + 1, column: at + 1 });
  });
  return markers;
}

type AnyNode = N.Node & { type: string };

/** A property key or export name: `A`, `'A'`. */
function nameOf(node: AnyNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return (node as N.Identifier).name;
  if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof (node as N.StringLiteral).value === 'string') return (node as N.StringLiteral).value;
  return undefined;
}

/** `export { A, B as C, type D } from …`, `export type { … } from …`, `export * as ns from …`, `export * from …`. */
function reexportedNames(node: N.Node): { specifiers: ImportedName[]; typeOnly: boolean; namespace?: string } {
  const decl = node as AnyNode & { exportKind?: string; exported?: AnyNode | null; specifiers?: AnyNode[] };
  const typeOnly = decl.exportKind === 'type';
  // ESTree spells `export * as ns` as an ExportAllDeclaration with `exported`, Babel as a namespace specifier
  const namespaceSpecifier = (decl.specifiers ?? []).find((s) => s.type === 'ExportNamespaceSpecifier') as (AnyNode & { exported?: AnyNode }) | undefined;
  const namespace = nameOf(decl.exported) ?? nameOf(namespaceSpecifier?.exported);
  const specifiers: ImportedName[] = [];
  for (const spec of decl.specifiers ?? []) {
    if (spec.type !== 'ExportSpecifier') continue;
    const { local, exported, exportKind } = spec as AnyNode & { local?: AnyNode; exported?: AnyNode; exportKind?: string };
    const imported = nameOf(local);
    if (imported === undefined) continue;
    specifiers.push({ imported, local: nameOf(exported) ?? imported, typeOnly: typeOnly || exportKind === 'type' });
  }
  return { specifiers, typeOnly, ...(namespace === undefined ? {} : { namespace }) };
}

/** The names read from an object pattern: `{ A, B: b, C = x, 'D': d }` (a rest element reads nothing by name). */
function patternReads(pattern: AnyNode): ImportedName[] {
  const reads: ImportedName[] = [];
  for (const prop of (pattern as N.ObjectPattern).properties as AnyNode[]) {
    if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') continue;
    const { key, value, computed } = prop as AnyNode & { key: AnyNode; value: AnyNode; computed?: boolean };
    const imported = computed && key.type === 'Identifier' ? undefined : nameOf(key);
    if (imported === undefined) continue;
    const target = value?.type === 'AssignmentPattern' ? ((value as N.AssignmentPattern).left as AnyNode) : value;
    reads.push({ imported, local: nameOf(target?.type === 'Identifier' ? target : undefined) ?? imported, typeOnly: false });
  }
  return reads;
}

/** The members read on the variable declared at `idPath` (`ns.A`, `ns['B']`), in its own scope. */
function memberReads(idPath: ASTPath, index: NameIndex): ImportedName[] {
  const name = (idPath.node as N.Identifier).name;
  const scope = lookupScope(idPath, name);
  const reads: ImportedName[] = [];
  for (const ref of index.identifiersOf(name)) {
    if (ref === idPath || ref.node === idPath.node || !isReference(ref) || !sameScope(lookupScope(ref, name), scope)) continue;
    const parent = ref.parent.node as AnyNode;
    if ((parent.type !== 'MemberExpression' && parent.type !== 'OptionalMemberExpression') || ref.name !== 'object') continue;
    const member = memberName(parent as N.MemberExpression);
    if (member !== undefined) reads.push({ imported: member, local: member, typeOnly: false });
  }
  return reads;
}

/** What a binding of the resolved module object reads: a destructuring pattern, or the members of a plain name. */
function bindingReads(targetPath: ASTPath, index: NameIndex): ImportedName[] {
  const target = targetPath.node as AnyNode;
  if (target.type === 'ObjectPattern') return patternReads(target);
  if (target.type === 'Identifier') return memberReads(targetPath, index);
  return [];
}

/**
 * The names read from the module object `import(…)` resolves to: `const { A } = await import(…)`,
 * `const ns = await import(…); ns.A`, `(await import(…)).A`, `import(…).then(({ A }) => …)`,
 * `import(…).then((ns) => ns.A)`. Empty when the object escapes where it cannot be followed.
 */
function dynamicImportReads(importPath: ASTPath, index: NameIndex): ImportedName[] {
  let path = importPath;
  const passThrough = new Set(['AwaitExpression', 'ParenthesizedExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);
  let awaited = false;
  while (path.parent && passThrough.has((path.parent.node as AnyNode).type)) {
    path = path.parent as ASTPath;
    awaited ||= (path.node as AnyNode).type === 'AwaitExpression';
  }
  const parentPath = path.parent as ASTPath | undefined;
  const parent = parentPath?.node as AnyNode | undefined;
  // without `await` (or `.then`) the value is a promise, whose members are not the module's
  if (!parentPath || !parent) return [];
  if (!awaited && !((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && path.name === 'object')) return [];
  if (parent.type === 'VariableDeclarator' && path.name === 'init') return bindingReads(parentPath.get('id') as ASTPath, index);
  if (parent.type === 'AssignmentExpression' && path.name === 'right') {
    const left = (parent as N.AssignmentExpression).left as AnyNode;
    return left.type === 'ObjectPattern' ? patternReads(left) : [];
  }
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && path.name === 'object') {
    const member = memberName(parent as N.MemberExpression);
    if (member === undefined) return [];
    const call = parentPath.parent as ASTPath | undefined;
    // a promise is awaited, so `.then` is read on the promise, not the module object
    if (member === 'then' && !awaited && (call?.node as AnyNode | undefined)?.type === 'CallExpression' && parentPath.name === 'callee') {
      const callback = (call!.node as N.CallExpression).arguments[0] as AnyNode | undefined;
      if (!callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return [];
      if ((callback as N.ArrowFunctionExpression).params.length === 0) return [];
      return bindingReads(call!.get('arguments', 0, 'params', 0) as ASTPath, index);
    }
    return awaited ? [{ imported: member, local: member, typeOnly: false }] : [];
  }
  return [];
}

/** Every comment of the parsed file, from the parser's token list (comments are tokens there, unlike AST nodes). */
function commentRanges(file: { tokens?: unknown[] } | undefined, source: string): { start: number; end: number }[] | undefined {
  const tokens = file?.tokens;
  if (!Array.isArray(tokens)) return undefined;
  const ranges: { start: number; end: number }[] = [];
  for (const token of tokens as { type?: unknown; start?: number; end?: number }[]) {
    if ((token.type !== 'CommentLine' && token.type !== 'CommentBlock') || token.start === undefined || token.end === undefined) continue;
    // offsets into another text (a stripped BOM, say) would point at the wrong characters: let the caller scan instead
    if (!source.startsWith('//', token.start) && !source.startsWith('/*', token.start)) return undefined;
    ranges.push({ start: token.start, end: token.end });
  }
  return ranges;
}

/** Analyses one JS/TS file's use of the Agora token packages; never throws (parse errors are returned). */
export function analyzeAgoraUsage(source: string, filePath: string, options: { moduleKind?: ModuleKind } = {}): AgoraUsage {
  const usage: AgoraUsage = { imports: [], calls: [], roleRefs: [], markers: findMarkers(source) };
  if (!mentionsAgora(source)) return usage;
  const j = jscodeshiftFor(jscodeshift, filePath);
  let root;
  try {
    root = j(parseSyntaxTree(filePath, source) as never); // nothing is printed: no recast copy
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    usage.parseError = { message: (error as Error).message, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
    return usage;
  }
  usage.comments = commentRanges(root.get().node, source);
  const index = new NameIndex(j, root);
  const { resolver, analysis } = analyzeBindings(root, filePath, index);
  const expiry = new ExpiryClassifier(j, index);
  const moduleKind = options.moduleKind ?? detectModuleKind(filePath);
  for (const site of analysis.sites) {
    if (site.form === 'alias') continue;
    const decl = site.path.node as N.ImportDeclaration & { importKind?: string };
    let specifiers: ImportedName[] =
      decl.type === 'ImportDeclaration'
        ? (decl.specifiers ?? [])
            .filter((s): s is N.ImportSpecifier => s.type === 'ImportSpecifier')
            .map((s) => ({ imported: s.imported.name as string, local: (s.local?.name ?? s.imported.name) as string, typeOnly: (s as { importKind?: string }).importKind === 'type' }))
        : [];
    let names = site.bindings.map((b) => b.local);
    let typeOnly = decl.type === 'ImportDeclaration' && decl.importKind === 'type';
    let reexportsNamespace: boolean | undefined;
    if (site.form === 'esm-reexport') {
      const reexport = reexportedNames(site.path.node);
      ({ specifiers, typeOnly } = reexport);
      names = reexport.namespace ? [reexport.namespace] : specifiers.map((s) => s.local);
      if (reexport.namespace) reexportsNamespace = true;
    } else if (site.form === 'dynamic-import') {
      specifiers = dynamicImportReads(site.path, index);
      names = specifiers.map((s) => s.local);
    }
    usage.imports.push({
      specifiers,
      typeOnly,
      onlyDefault: resolver.readsOnlyDefault(site),
      moduleKind,
      ...position(site.sourceLiteral ?? site.path.node),
      source: site.module.source,
      generation: site.module.generation,
      kind: site.module.kind,
      form: site.form,
      names,
      ...(reexportsNamespace ? { reexportsNamespace } : {}),
    });
  }
  for (const call of analysis.calls) {
    const args = call.path.node.arguments;
    const spread = args.findIndex((arg) => arg.type === 'SpreadElement');
    const allIndexes = expiryIndexes(call.generation, call.builder, call.method, args.length);
    const indexes = spread < 0 ? allIndexes : allIndexes.filter((index) => index < spread);
    const roleIndex = call.generation === 'v2' && call.builder === 'rtc' ? V2_RTC_ROLE_INDEX[call.method] : undefined;
    const roleNode = roleIndex !== undefined && (spread < 0 || roleIndex < spread) ? (args[roleIndex] as AnyNode | undefined) : undefined;
    const roleValue = roleLiteralValue(roleNode);
    const roleLiteral: RoleLiteral | undefined =
      roleNode && roleValue !== undefined ? { ...position(roleNode), index: roleIndex!, value: roleValue, text: j(call.path.get('arguments', roleIndex)).toSource() } : undefined;
    usage.calls.push({
      ...position(call.path.node),
      generation: call.generation,
      builder: call.builder,
      method: call.method,
      argCount: args.length,
      ...(spread < 0 ? {} : { spreadAt: spread }),
      expiry: indexes.map((index) => {
        const cls = expiry.classify(call.path, index);
        const node = args[index] as N.Node | undefined;
        const text = node ? j(call.path.get('arguments', index)).toSource() : '';
        // a deadline in milliseconds is an absolute time too (and wrong on either generation)
        return { ...position(node ?? call.path.node), index, kind: cls.kind === 'milliseconds' ? 'absolute' : cls.kind, text };
      }),
      ...(roleLiteral ? { roleLiteral } : {}),
    });
  }
  for (const ref of analysis.accessTokenRefs) {
    const parent = ref.path.parent?.node as N.Node | undefined;
    usage.calls.push({
      ...position(ref.path.node),
      generation: rootSite(ref.site).module.generation,
      builder: 'access-token',
      method: parent?.type === 'NewExpression' ? 'new AccessToken' : 'AccessToken',
      argCount: parent?.type === 'NewExpression' ? (parent as N.NewExpression).arguments.length : 0,
      expiry: [],
    });
  }
  for (const ref of analysis.roleRefs) {
    usage.roleRefs.push({ ...position(ref.path.node), object: ref.object, member: ref.member, generation: ref.generation });
  }
  usage.missingV2Exports = missingV2Exports(j, index, analysis.bindings, resolver);
  return usage;
}
