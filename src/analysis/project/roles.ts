/**
 * Roles across modules: a role constant or table another module defines (`export const ROLES = {
 * host: 101 }`, `export const HOST_ROLE = RtcRole.ADMIN`, an exported enum, CommonJS
 * `module.exports = { moderator: 101 }`) whose every reader in the run is a v1 RTC builder's role
 * argument. Such a definition is mapped where it is written (101/0 → 1, ATTENDEE/ADMIN → PUBLISHER)
 * and its readers pass it as it is, without `toV2Role`. Anything else (a reader that compares,
 * returns or hands the value on, a write, a re-export, the package's entry point) keeps today's
 * run-time mapping at the call. Only answers; the edits are map-deprecated-roles'.
 */
import type { Identifier, SourceFile, ts as TS } from 'ts-morph';
import { Node, ts, VariableDeclarationKind } from './morph.ts';
import { classifySource } from '../sources.ts';
import { importSpecifiers } from './gate.ts';
import { skipWrappers, V1_RTC_BUILD_METHODS } from './nodes.ts';

/** v1 RTC builder methods taking a role as argument 4. */
const ROLE_INDEX = 4;
const DEPRECATED_MEMBERS = new Set(['ATTENDEE', 'ADMIN']);
const ROLE_MEMBERS = new Set(['ATTENDEE', 'PUBLISHER', 'SUBSCRIBER', 'ADMIN']);

/** A role value as written in its module: a leaf (number or RtcRole member), or a table of them. */
type RoleTree = { kind: 'leaf'; node: Node; deprecated: boolean } | { kind: 'table'; props: Map<string, RoleTree> };

/** What the ts-morph side lends this module (see ProjectAnalysis). */
export interface RoleHost {
  resolve(specifier: string, from: SourceFile | string): SourceFile | undefined;
  importsOf(importer: SourceFile, module: SourceFile): { node: Identifier; imported: string; namespace: boolean }[] | undefined;
  /** The run's file at `path`, loaded into the project (undefined when it cannot be read). */
  load(path: string): SourceFile | undefined;
  /** The specifiers of `from` that may name the module at `path` (its name, a directory, an exact tsconfig `paths` alias): a cheap test before resolving. */
  specifiersNaming(from: string, path: string): string[];
  sourceFiles: readonly string[];
  /** The run's files, then the other sources of the candidates' packages: readers are looked for among them. */
  packageFiles(): readonly string[];
  candidates: ReadonlySet<string>;
  isPackageEntry(path: string): boolean;
  checker(): TS.TypeChecker;
}

export interface RoleDefinition {
  /** The defining module. */
  file: string;
  /** Deprecated leaves to map there (line 1-based, column 0-based). */
  positions: { line: number; column: number }[];
  /** Readers: file → module-level references as written there (`ROLES`, `config.ROLES`). */
  readers: Map<string, Set<string>>;
}

/** Every definition the role arguments of `files` read from another module, proven read only as roles. */
export function findRoleDefinitions(host: RoleHost, files: SourceFile[]): RoleDefinition[] {
  const found = new Map<string, RoleDefinition | null>();
  for (const file of files) {
    for (const arg of v1RoleArguments(file)) {
      const target = importedDefinition(host, file, arg);
      if (!target) continue;
      const key = `${target.module.getFilePath()}#${target.exported}`;
      if (!found.has(key)) found.set(key, proveDefinition(host, target.module, target.exported));
    }
  }
  return [...found.values()].filter((d): d is RoleDefinition => d !== null);
}

/** Role arguments of v1 RTC builder calls in `file` (the builder imported from a v1 package there). */
function v1RoleArguments(file: SourceFile): Node[] {
  if (!/\bbuildTokenWith(?:Uid|Account)\b/.test(file.getFullText())) return [];
  return file.getDescendantsOfKind(ts.SyntaxKind.CallExpression).filter((call) => isV1RoleCall(call)).map((call) => call.getArguments()[ROLE_INDEX]);
}

function isV1RoleCall(call: Node): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !V1_RTC_BUILD_METHODS.has(callee.getName()) || call.getArguments().length <= ROLE_INDEX) return false;
  if (call.getArguments().slice(0, ROLE_INDEX + 1).some((a) => Node.isSpreadElement(a))) return false;
  let root: Node = callee.getExpression();
  while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
  return Node.isIdentifier(root) && importedFromV1(root);
}

/** `RtcTokenBuilder` / `agora.RtcTokenBuilder` bound by an import or require of a v1 Agora package. */
function importedFromV1(id: Identifier): boolean {
  const decl = id.getSymbol()?.getDeclarations()[0];
  if (!decl) return false;
  const path = id.getSourceFile().getFilePath();
  const importDecl = decl.getFirstAncestorByKind(ts.SyntaxKind.ImportDeclaration);
  if (importDecl) return classifySource(importDecl.getModuleSpecifierValue(), path)?.generation === 'v1';
  const variable = Node.isVariableDeclaration(decl) ? decl : decl.getFirstAncestorByKind(ts.SyntaxKind.VariableDeclaration);
  const init = variable?.getInitializer();
  if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require') return false;
  const [arg] = init.getArguments();
  return arg !== undefined && Node.isStringLiteral(arg) && classifySource(arg.getLiteralValue(), path)?.generation === 'v1';
}

/** The leading identifier and static member names of `ROLES.host`, `config.ROLES[name]`, `HOST_ROLE`. */
function accessChain(expr: Node): { root: Identifier; names: string[]; dynamic: boolean } | undefined {
  const names: string[] = [];
  let dynamic = false;
  let node = skipWrappers(expr);
  for (;;) {
    if (Node.isPropertyAccessExpression(node)) {
      names.unshift(node.getName());
      node = skipWrappers(node.getExpression());
    } else if (Node.isElementAccessExpression(node)) {
      const arg = node.getArgumentExpression();
      if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) names.unshift(arg.getLiteralValue());
      else {
        // only the outermost access may be dynamic: `ROLES[name]`
        if (names.length > 0 || dynamic) return undefined;
        dynamic = true;
      }
      node = skipWrappers(node.getExpression());
    } else break;
  }
  return Node.isIdentifier(node) ? { root: node, names, dynamic } : undefined;
}

/** The exported definition a role argument reads: module and export name ('*' for a CommonJS module.exports). */
function importedDefinition(host: RoleHost, file: SourceFile, arg: Node): { module: SourceFile; exported: string } | undefined {
  const chain = accessChain(arg);
  if (!chain) return undefined;
  const decl = chain.root.getSymbol()?.getDeclarations()[0];
  if (!decl) return undefined;
  for (const specifier of importSpecifiers(file.getFullText())) {
    const module = host.resolve(specifier, file);
    if (!module) continue;
    for (const local of host.importsOf(file, module) ?? []) {
      if (local.imported === '?' || local.node.getText() !== chain.root.getText() || local.node.getSymbol() !== chain.root.getSymbol()) continue;
      // a CommonJS table is one definition, whichever of its properties a reader takes
      if (isCommonJsTable(module)) return { module, exported: '*' };
      if (local.namespace) return chain.names.length > 0 ? { module, exported: chain.names[0] } : undefined;
      return { module, exported: local.imported };
    }
  }
  return undefined;
}

/** `module.exports = { … }` and no other mention of `exports`. */
function isCommonJsTable(module: SourceFile): boolean {
  return commonJsTable(module) !== undefined;
}

function commonJsTable(module: SourceFile): Node | undefined {
  if (module.getImportDeclarations().length > 0 || module.getExportDeclarations().length > 0 || module.getExportAssignments().length > 0) return undefined;
  const mentions = module.getDescendantsOfKind(ts.SyntaxKind.Identifier).filter((id) => id.getText() === 'exports');
  if (mentions.length !== 1) return undefined;
  for (const statement of module.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const expr = statement.getExpression();
    if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === ts.SyntaxKind.EqualsToken && expr.getLeft().getText().replace(/\s/g, '') === 'module.exports') {
      return Node.isObjectLiteralExpression(skipWrappers(expr.getRight())) ? skipWrappers(expr.getRight()) : undefined;
    }
  }
  return undefined;
}

/**
 * The definition of `exported` in `module`, when it is a role constant or table that nothing in
 * the run reads but builder role arguments: the leaves to map, and its readers.
 */
function proveDefinition(host: RoleHost, module: SourceFile, exported: string): RoleDefinition | null {
  const path = module.getFilePath();
  // a module outside the run is not edited; one the package exposes has readers we cannot see
  if (!host.sourceFiles.includes(path) || host.isPackageEntry(path)) return null;
  let tree: RoleTree | undefined;
  if (exported === '*') {
    const table = commonJsTable(module);
    tree = table && roleTree(table, 0);
  } else {
    const decls = module.getExportedDeclarations().get(exported);
    if (!decls || decls.length !== 1) return null;
    const decl = decls[0];
    if (decl.getSourceFile() !== module || !(Node.isVariableDeclaration(decl) || Node.isEnumDeclaration(decl)) || !declaredOnce(host, decl, exported)) return null;
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (decl.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const || !init || !Node.isIdentifier(decl.getNameNode())) return null;
      tree = roleTree(init, 0);
    } else if (Node.isEnumDeclaration(decl)) {
      tree = enumTree(decl);
    }
  }
  if (!tree) return null;
  const readers = new Map<string, Set<string>>();
  for (const file of host.packageFiles()) {
    // by name first: resolving every specifier of a large run is the expensive part
    if (file === path || !host.specifiersNaming(file, path).some((s) => host.resolve(s, file) === module)) continue;
    // a reader the run does not edit still reads the v1 numbers
    if (!host.sourceFiles.includes(file)) return null;
    const importer = host.load(file);
    if (!importer) return null;
    const locals = host.importsOf(importer, module);
    // a re-export (`export { ROLES } from`), a dynamic import: readers we cannot see
    if (!locals) return null;
    for (const local of locals) {
      if (local.imported === '?') return null;
      const whole = exported === '*' || local.imported === exported;
      if (!whole && !local.namespace) continue;
      // `const { moderator } = require('./roles')`: that property of the CommonJS table
      const read = exported === '*' && !local.namespace ? (tree.kind === 'table' ? tree.props.get(local.imported) : undefined) : tree;
      if (!read) return null;
      const symbol = host.checker().getSymbolAtLocation(local.node.compilerNode);
      for (const id of importer.getDescendantsOfKind(ts.SyntaxKind.Identifier)) {
        if (id === local.node || id.getText() !== local.node.getText()) continue;
        const resolved = ts.isShorthandPropertyAssignment(id.compilerNode.parent) ? host.checker().getShorthandAssignmentValueSymbol(id.compilerNode.parent) : host.checker().getSymbolAtLocation(id.compilerNode);
        if (resolved !== symbol) continue;
        let reference: Node = id;
        let key = id.getText();
        if (!whole) {
          // `config.OTHER`: another export, not this definition's reader
          const member = id.getParent();
          if (!Node.isPropertyAccessExpression(member) || member.getExpression() !== id) return null;
          if (member.getName() !== exported) continue;
          reference = member;
          key = `${key}.${exported}`;
        }
        if (!host.candidates.has(file) || !readsAsRole(reference, read)) return null;
        readers.set(file, new Set([...(readers.get(file) ?? []), key]));
      }
    }
  }
  if (readers.size === 0) return null;
  const positions = leaves(tree)
    .filter((leaf) => leaf.deprecated)
    .map((leaf) => {
      const { line, column } = module.getLineAndColumnAtPos(leaf.node.getStart());
      return { line, column: column - 1 };
    });
  return { file: path, positions, readers };
}

/** The declaration's name is used in its module only where it is declared (and a plain `export { X }`). */
function declaredOnce(host: RoleHost, decl: import('ts-morph').VariableDeclaration | import('ts-morph').EnumDeclaration, exported: string): boolean {
  const nameNode = decl.getNameNode();
  if (!Node.isIdentifier(nameNode)) return false;
  const module = decl.getSourceFile();
  const symbol = host.checker().getSymbolAtLocation(nameNode.compilerNode);
  return module.getDescendantsOfKind(ts.SyntaxKind.Identifier).every((id) => {
    if (id === nameNode || id.getText() !== nameNode.getText()) return true;
    if (host.checker().getSymbolAtLocation(id.compilerNode) !== symbol) return true;
    const parent = id.getParent();
    return Node.isExportSpecifier(parent) && !parent.getAliasNode() && nameNode.getText() === exported;
  });
}

/** `reference` (the definition's value) reaches a v1 RTC builder's role argument as a leaf, through static keys or one lookup. */
function readsAsRole(reference: Node, tree: RoleTree): boolean {
  let top = reference;
  let current: RoleTree | undefined = tree;
  let dynamic = false;
  for (;;) {
    const up = top.getParent();
    if (Node.isPropertyAccessExpression(up) && up.getExpression() === top && current?.kind === 'table') {
      current = current.props.get(up.getName());
      top = up;
    } else if (Node.isElementAccessExpression(up) && up.getExpression() === top && current?.kind === 'table' && !dynamic) {
      const arg = up.getArgumentExpression();
      if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) current = current.props.get(arg.getLiteralValue());
      else {
        // `ROLES[name]`: any of the table's values, or undefined (a missing key reads undefined in both)
        if (![...current.props.values()].every((v) => v.kind === 'leaf')) return false;
        dynamic = true;
      }
      top = up;
    } else if (Node.isParenthesizedExpression(up) || Node.isAsExpression(up) || Node.isNonNullExpression(up) || Node.isSatisfiesExpression(up)) {
      top = up;
    } else break;
  }
  if (!current || (current.kind === 'table' && !dynamic)) return false;
  const call = top.getParent();
  return call !== undefined && Node.isCallExpression(call) && call.getArguments()[ROLE_INDEX] === top && isV1RoleCall(call);
}

/** Numbers, `RtcRole.X`, and object literals of them (no spreads, methods or computed keys). */
function roleTree(expr: Node, depth: number): RoleTree | undefined {
  const node = skipWrappers(expr);
  if (Node.isNumericLiteral(node)) return { kind: 'leaf', node, deprecated: node.getLiteralValue() === 0 || node.getLiteralValue() === 101 };
  if (Node.isPropertyAccessExpression(node) && ROLE_MEMBERS.has(node.getName())) {
    const object = node.getExpression();
    if (Node.isIdentifier(object) && object.getText() === 'RtcRole' && importedFromV1(object)) return { kind: 'leaf', node, deprecated: DEPRECATED_MEMBERS.has(node.getName()) };
    return undefined;
  }
  if (Node.isObjectLiteralExpression(node) && depth < 3) {
    const props = new Map<string, RoleTree>();
    for (const property of node.getProperties()) {
      if (!Node.isPropertyAssignment(property)) return undefined;
      const name = property.getNameNode();
      if (Node.isComputedPropertyName(name)) return undefined;
      const value = roleTree(property.getInitializerOrThrow(), depth + 1);
      if (!value) return undefined;
      props.set(Node.isStringLiteral(name) || Node.isNumericLiteral(name) ? String(name.getLiteralValue()) : name.getText(), value);
    }
    return { kind: 'table', props };
  }
  return undefined;
}

/** An enum whose every member is initialised with a number literal (no implicit values depending on others). */
function enumTree(decl: import('ts-morph').EnumDeclaration): RoleTree | undefined {
  if (decl.hasDeclareKeyword() || decl.isConstEnum() || (decl.getSymbol()?.getDeclarations().length ?? 0) !== 1) return undefined;
  const props = new Map<string, RoleTree>();
  for (const member of decl.getMembers()) {
    const init = member.getInitializer();
    const leaf = init && roleTree(init, 3);
    if (!leaf || leaf.kind !== 'leaf' || !Node.isNumericLiteral(skipWrappers(init!))) return undefined;
    props.set(member.getName(), leaf);
  }
  return { kind: 'table', props };
}

function leaves(tree: RoleTree): Extract<RoleTree, { kind: 'leaf' }>[] {
  return tree.kind === 'leaf' ? [tree] : [...tree.props.values()].flatMap(leaves);
}
