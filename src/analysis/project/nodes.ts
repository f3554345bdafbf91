/**
 * Syntax questions the project layer asks of ts-morph nodes and files (no values): positions,
 * module-level functions, export sites, barrels, package entry points, module names.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Identifier, SourceFile, ts as TS } from 'ts-morph';
import { Node, ts, VariableDeclarationKind } from './morph.ts';
import { classifySource } from '../sources.ts';
import { importSpecifiers } from './gate.ts';

/** Names a barrel may re-export one by one: those agora-token has under the same name. */
const FOLLOWED_REEXPORTS = new Set(['RtcTokenBuilder', 'RtcRole', 'RtmTokenBuilder']);

/**
 * The Agora package `file` re-exports, when that is all it does with Agora: one
 * `module.exports = require(pkg)`, `export * from pkg` or `export { RtcTokenBuilder, … } from pkg`
 * (names agora-token has, not renamed), and no other Agora import.
 */
export function barrelPackage(file: SourceFile): string | undefined {
  const path = file.getFilePath();
  const agora = (specifier: string) => classifySource(specifier, path)?.kind === 'package';
  const mentions = importSpecifiers(file.getFullText()).filter(agora);
  if (mentions.length !== 1) return undefined;
  for (const statement of file.getStatements()) {
    if (Node.isExportDeclaration(statement)) {
      const specifier = statement.getModuleSpecifierValue();
      if (!specifier || !agora(specifier) || statement.isTypeOnly() || statement.getNamespaceExport()) continue;
      const named = statement.getNamedExports();
      if (named.every((e) => !e.getAliasNode() && FOLLOWED_REEXPORTS.has(e.getName()))) return specifier;
    }
    if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (!Node.isBinaryExpression(expression) || exportsTarget(expression.getLeft()) !== '') continue;
      const right = expression.getRight();
      const [arg] = Node.isCallExpression(right) ? right.getArguments() : [];
      if (Node.isCallExpression(right) && right.getExpression().getText() === 'require' && arg && Node.isStringLiteral(arg) && agora(arg.getLiteralValue())) return arg.getLiteralValue();
    }
  }
  return undefined;
}

/** v1 RTC builder methods `(appId, certificate, channel, uid | account, role, privilegeExpiredTs)`. */
export const V1_RTC_BUILD_METHODS = new Set(['buildTokenWithUid', 'buildTokenWithAccount']);

/** Line (1-based) and column (0-based, as in jscodeshift's `loc`) where a node starts. */
export function positionOf(node: Node): { line: number; column: number } {
  const { line, column } = node.getSourceFile().getLineAndColumnAtPos(node.getStart());
  return { line, column: column - 1 };
}

/** Module-level functions by name: declarations and `const f = (…) => …` / `function (…) {…}`. */
export function topLevelFunctions(file: SourceFile): { name: Identifier; node: Node }[] {
  const found: { name: Identifier; node: Node }[] = [];
  for (const statement of file.getStatements()) {
    if (Node.isFunctionDeclaration(statement)) {
      const name = statement.getNameNode();
      if (name) found.push({ name, node: statement });
    } else if (Node.isVariableStatement(statement) && statement.getDeclarationKind() === VariableDeclarationKind.Const) {
      for (const decl of statement.getDeclarations()) {
        const init = decl.getInitializer();
        const name = decl.getNameNode();
        if (init && Node.isIdentifier(name) && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) found.push({ name, node: init });
      }
    }
  }
  return found;
}

/** The export name a reference gives its function (`module.exports = { f }`, `exports.g = f`, `export { f as g }`), or undefined. */
export function exportedAs(ref: Node): string | undefined {
  const parent = ref.getParent();
  if (Node.isExportSpecifier(parent)) return (parent.getAliasNode() ?? parent.getNameNode()).getText();
  if (Node.isExportAssignment(parent)) return 'default';
  if (Node.isBinaryExpression(parent) && parent.getRight() === ref) {
    const target = exportsTarget(parent.getLeft());
    return target === '' ? '*' : target;
  }
  if (Node.isShorthandPropertyAssignment(parent) || (Node.isPropertyAssignment(parent) && parent.getInitializer() === ref)) {
    const assignment = parent.getParent()?.getParent();
    if (Node.isBinaryExpression(assignment) && exportsTarget(assignment.getLeft()) === '') return parent.getName();
  }
  return undefined;
}

/** True when `path` is what its nearest package.json exposes (`main`, `exports`): callers outside the run may exist. */
export function isPackageEntry(path: string): boolean {
  let dir = dirname(path);
  for (;;) {
    const manifest = `${dir}/package.json`;
    let json: { main?: unknown; exports?: unknown } | undefined;
    try {
      json = JSON.parse(readFileSync(manifest, 'utf8')) as typeof json;
    } catch {
      json = undefined;
    }
    if (json) {
      const targets = [json.main, ...collectStrings(json.exports)].filter((t): t is string => typeof t === 'string');
      if (targets.length === 0) targets.push('index.js');
      const strip = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
      return targets.some((t) => strip(`${dir}/${t.replace(/^\.\//, '')}`) === strip(path));
    }
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}

/** `module.exports` → '', `exports.X` / `module.exports.X` → 'X'; undefined for anything else. */
export function exportsTarget(node: Node): string | undefined {
  const text = node.getText().replace(/\s+/g, '');
  if (text === 'module.exports') return '';
  const match = /^(?:module\.)?exports(?:\.([A-Za-z_$][\w$]*)|\[(['"])([^'"]+)\2\])$/.exec(text);
  if (match) return match[1] ?? match[3];
  return /^(?:module\.)?exports\b/.test(text) ? '\0' : undefined;
}

/** `export { x }`, `export default x`, `module.exports = x`, `module.exports = { x }`. */
export function isExportSite(ref: Node): boolean {
  const parent = ref.getParent();
  if (Node.isExportSpecifier(parent) || Node.isExportAssignment(parent)) return true;
  if (Node.isBinaryExpression(parent) && parent.getRight() === ref && exportsTarget(parent.getLeft()) !== undefined) return true;
  if (Node.isShorthandPropertyAssignment(parent) || (Node.isPropertyAssignment(parent) && parent.getInitializer() === ref)) {
    const object = parent.getParent();
    const assignment = object?.getParent();
    return Node.isBinaryExpression(assignment) && exportsTarget(assignment.getLeft()) === '';
  }
  return false;
}

export function arithmetic(op: TS.SyntaxKind, l: number, r: number): number | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      return l + r;
    case ts.SyntaxKind.MinusToken:
      return l - r;
    case ts.SyntaxKind.AsteriskToken:
      return l * r;
    case ts.SyntaxKind.SlashToken:
      return r !== 0 && Number.isInteger(l / r) ? l / r : undefined;
    default:
      return undefined;
  }
}

/** Parentheses, `as`, `satisfies`, `!` and `<T>` around an expression. */
export function skipWrappers(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isNonNullExpression(current) || Node.isTypeAssertion(current)) current = current.getExpression();
  return current;
}

/** Strings, `process.env.X`, `Number(…)`, arithmetic: values nobody can write through. */
export function isPrimitiveExpression(node: Node): boolean {
  const n = skipWrappers(node);
  if (Node.isPropertyAccessExpression(n)) return Node.isPropertyAccessExpression(n.getExpression()) && n.getExpression().getText() === 'process.env';
  if (Node.isCallExpression(n)) {
    const callee = n.getExpression();
    return Node.isIdentifier(callee) && ['Number', 'String', 'Boolean', 'parseInt', 'parseFloat'].includes(callee.getText());
  }
  if (Node.isBinaryExpression(n) || Node.isPrefixUnaryExpression(n) || Node.isTemplateExpression(n)) return true;
  return Node.isStringLiteral(n) || Node.isNumericLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n);
}

export function unquote(text: string): string {
  return /^(['"`]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/** The name a module is imported by: `./config/agora.ts` → `agora`, `./config/index.js` → `config`. */
export function moduleName(pathOrSpecifier: string): string {
  const base = basename(pathOrSpecifier).replace(/\.[cm]?[jt]sx?$/, '');
  return base === 'index' ? basename(dirname(pathOrSpecifier)) : base;
}
