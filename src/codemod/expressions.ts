import type { ASTPath } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { lookupScope, unwrap } from '../analysis/bindings.ts';
import type { Term } from '../analysis/expiry.ts';
import type { MigrationContext } from './context.ts';

type AnyNode = N.Node & { type: string };

const PURE_GLOBAL_CALLS = new Set(['parseInt', 'parseFloat', 'Number', 'String']);

/** Deep copy of a node without location info, so recast prints it fresh. */
export function cloneNode<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node, (key, value) => (key === 'loc' || key === 'start' || key === 'end' || key === 'range' || key === 'tokens' || key === 'comments' || key === 'original' ? undefined : value)),
  ) as T;
}

/**
 * True when evaluating `node` twice, or at another place, cannot change anything: literals,
 * identifiers, member reads, arithmetic, and calls of pure globals (`parseInt`, `Math.min`).
 */
export function isPure(ctx: MigrationContext, node: AnyNode, path: ASTPath): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case 'Identifier':
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'Literal':
    case 'ThisExpression':
      return true;
    case 'TemplateLiteral':
      return (n as N.TemplateLiteral).expressions.every((e) => isPure(ctx, e as AnyNode, path));
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const m = n as N.MemberExpression;
      return isPure(ctx, m.object as AnyNode, path) && (!m.computed || isPure(ctx, m.property as AnyNode, path));
    }
    case 'UnaryExpression':
      return (n as N.UnaryExpression).operator !== 'delete' && isPure(ctx, (n as N.UnaryExpression).argument as AnyNode, path);
    case 'BinaryExpression':
    case 'LogicalExpression': {
      const b = n as N.BinaryExpression;
      return isPure(ctx, b.left as AnyNode, path) && isPure(ctx, b.right as AnyNode, path);
    }
    case 'ConditionalExpression': {
      const c = n as N.ConditionalExpression;
      return isPure(ctx, c.test as AnyNode, path) && isPure(ctx, c.consequent as AnyNode, path) && isPure(ctx, c.alternate as AnyNode, path);
    }
    case 'CallExpression': {
      const call = n as N.CallExpression;
      const callee = call.callee as AnyNode;
      const args = call.arguments as AnyNode[];
      const pureCallee =
        (callee.type === 'Identifier' && PURE_GLOBAL_CALLS.has((callee as N.Identifier).name) && lookupScope(path, (callee as N.Identifier).name) === null) ||
        (callee.type === 'MemberExpression' &&
          (callee as N.MemberExpression).object.type === 'Identifier' &&
          ((callee as N.MemberExpression).object as N.Identifier).name === 'Math' &&
          lookupScope(path, 'Math') === null);
      return pureCallee && args.every((a) => a.type !== 'SpreadElement' && isPure(ctx, a, path));
    }
    default:
      return false;
  }
}

/** True when every identifier `term` reads resolves to the same declaration at `target` as where it was written. */
export function isMovable(term: Term, target: ASTPath): boolean {
  const names: string[] = [];
  collectIdentifiers(term.node, names);
  return names.every((name) => lookupScope(term.origin, name) === lookupScope(target, name));
}

/** Names of the identifiers an expression reads (not property names or object keys). */
function collectIdentifiers(node: unknown, out: string[], key?: string, parentType?: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectIdentifiers(item, out, key, parentType);
    return;
  }
  const n = node as AnyNode & Record<string, unknown>;
  if (n.type === 'Identifier') {
    const isProperty = (parentType === 'MemberExpression' || parentType === 'OptionalMemberExpression') && key === 'property';
    const isKey = (parentType === 'ObjectProperty' || parentType === 'Property') && key === 'key';
    if (!isProperty && !isKey) out.push((n as unknown as N.Identifier).name);
    return;
  }
  for (const [k, v] of Object.entries(n)) {
    if (k === 'loc' || k === 'comments' || k === 'type') continue;
    if (k === 'property' && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && (n as { computed?: boolean }).computed) {
      collectIdentifiers(v, out, 'computed', n.type);
      continue;
    }
    collectIdentifiers(v, out, k, n.type);
  }
}

/** The numeric value of a literal term, if it is one. */
export function literalValue(node: AnyNode): number | undefined {
  const n = unwrap(node);
  const v = (n as N.NumericLiteral).value;
  return (n.type === 'NumericLiteral' || n.type === 'Literal') && typeof v === 'number' ? v : undefined;
}

/** Builds `t1 + t2 + …` from terms (literals folded); `0` when empty. */
export function buildSum(ctx: MigrationContext, terms: Term[]): AnyNode {
  const { j } = ctx;
  let constant = 0;
  const rest: AnyNode[] = [];
  for (const term of terms) {
    const value = literalValue(term.node);
    if (value !== undefined) constant += value;
    else rest.push(cloneNode(term.node));
  }
  const parts: AnyNode[] = [...rest];
  if (constant !== 0 || parts.length === 0) parts.push(j.numericLiteral(constant) as AnyNode);
  return parts.slice(1).reduce<AnyNode>((sum, part) => j.binaryExpression('+', sum as never, part as never) as AnyNode, parts[0]);
}

/**
 * The innermost statement containing `path`, when it sits directly in a block (so a declaration can
 * go right before it); undefined inside an unbraced `if`/loop body or an arrow's expression body,
 * where hoisting would evaluate the expression when the original did not.
 */
export function statementInBlock(path: ASTPath): ASTPath | undefined {
  let current: ASTPath | null = path;
  while (current?.parent) {
    const type = (current.node as AnyNode).type;
    if (/Function|Arrow/.test(type) && current !== path) return undefined;
    if (/Statement$|Declaration$/.test(type)) {
      const parentType = (current.parent.node as AnyNode).type;
      return ['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock'].includes(parentType) ? current : undefined;
    }
    current = current.parent as ASTPath;
  }
  return undefined;
}

/** A name not declared anywhere visible from `path`, based on `base`. */
export function freshName(ctx: MigrationContext, path: ASTPath, base: string): string {
  const taken = (name: string) => lookupScope(path, name) !== null || ctx.expiry.index.identifiersOf(name).length > 0 || ctx.introducedNames.has(name);
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}${i}`;
  ctx.introducedNames.add(name);
  return name;
}

/**
 * Evaluates `expression` once, before the statement containing `at`, as `const <name> = …;`
 * and returns an identifier to use instead; undefined when there is no statement to hoist before.
 */
export function hoist(ctx: MigrationContext, at: ASTPath, expression: AnyNode, base: string): AnyNode | undefined {
  const statement = statementInBlock(at);
  if (!statement) return undefined;
  const name = freshName(ctx, at, base);
  const declaration = ctx.j.variableDeclaration('const', [ctx.j.variableDeclarator(ctx.j.identifier(name), expression as never)]);
  statement.insertBefore(declaration);
  return ctx.j.identifier(name) as AnyNode;
}
