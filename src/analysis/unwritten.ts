/**
 * Variables whose value is the one they were declared with, wherever they are read: a `const`, or
 * a `let`/`var` that nothing writes (the tutorial servers' `var expirationTimeInSeconds = 3600`).
 */
import type { ASTPath } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { lookupScope, type Scope } from './bindings.ts';
import type { NameIndex } from './name-index.ts';

type AnyNode = N.Node & { type: string };

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock', 'ExportNamedDeclaration']);

/**
 * What an identifier can sit in as an assignment target: patterns (`({ a } = o)`, `[a] = xs`,
 * `({ b: a = 1 } = o)`) and TypeScript wrappers (`(a as any) = 1`, `a! = 1`).
 */
const PATTERN_PARTS = new Set(['ObjectPattern', 'ArrayPattern', 'ObjectProperty', 'Property', 'AssignmentPattern', 'RestElement', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

/**
 * Is the identifier at `path` written there: an assignment's target (plain or compound, also inside
 * a destructuring pattern or a TypeScript cast), `++`/`--`, or the variable of `for (x of …)` /
 * `for (x in …)`?
 */
function isWrite(path: ASTPath): boolean {
  let current = path;
  let parent = current.parent as ASTPath | null;
  // a property's key is a name, not the variable: `({ ttl: other } = o)` writes `other`
  while (parent && PATTERN_PARTS.has((parent.node as AnyNode).type)) {
    const type = (parent.node as AnyNode).type;
    if ((type === 'ObjectProperty' || type === 'Property') && current.name !== 'value') return false;
    if (type === 'AssignmentPattern' && current.name !== 'left') return false;
    if (type.startsWith('TS') && current.name !== 'expression') return false;
    current = parent;
    parent = current.parent as ASTPath | null;
  }
  const type = (parent?.node as AnyNode | undefined)?.type;
  if (type === 'UpdateExpression') return true;
  if (type === 'AssignmentExpression') return current.name === 'left';
  if (type === 'ForOfStatement' || type === 'ForInStatement') return current.name === 'left';
  return false;
}

/** Is `node` the node at `path` or one of its ancestors? */
function isInside(path: ASTPath, node: unknown): boolean {
  for (let current: ASTPath | null = path; current; current = current.parent as ASTPath | null) {
    if (current.node === node) return true;
  }
  return false;
}

/**
 * The one declarator `name` (as seen from `use`) is bound to, when its value is the declared one
 * everywhere: a `const`, or a `let`/`var` with an initialiser that is the only declaration of the
 * name in its scope (no `var` redeclaration, no function of that name), declared in a statement list
 * (not a `for` head) that encloses `use`, before it, and never written (assignment in any closure, `++`, destructuring
 * assignment, `for … of/in`). Undefined otherwise.
 */
export function soleValueDeclarator(index: NameIndex, name: string, use: ASTPath): ASTPath<N.VariableDeclarator> | undefined {
  const scope: Scope | null = lookupScope(use, name);
  if (!scope) return undefined;
  const found = index.declaratorsOf(name).filter((p) => p.scope === scope);
  if (found.length !== 1 || !found[0].node.init) return undefined;
  const [declarator] = found;
  const declaration = declarator.parent.node as N.VariableDeclaration;
  if (declaration.kind === 'const') return declarator;
  if (declaration.kind !== 'let' && declaration.kind !== 'var') return undefined;
  const list = declarator.parent.parent as ASTPath | null;
  if (!STATEMENT_LISTS.has((list?.node as AnyNode | undefined)?.type ?? '')) return undefined;
  // a `var` declared in a nested block (`if (x) { var ttl = 7200 }`) and read outside it is
  // undefined whenever that block did not run: the use must sit inside the declaring statement list
  const container = (list!.node as AnyNode).type === 'ExportNamedDeclaration' ? list!.parent : list;
  if (!isInside(use, container?.node)) return undefined;
  if (index.functionsOf(name).some((p) => p.parent.scope === scope)) return undefined;
  // read before its declaration, a `var` is undefined (and a `let` throws)
  const declaredAt = (declarator.node as { end?: number }).end ?? Number.POSITIVE_INFINITY;
  if (((use.node as { start?: number }).start ?? 0) < declaredAt) return undefined;
  const written = index.identifiersOf(name).some((p) => p.node !== declarator.node.id && isWrite(p) && lookupScope(p, name) === scope);
  return written ? undefined : declarator;
}
