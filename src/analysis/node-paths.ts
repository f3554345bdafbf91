/**
 * One pass over every node of a tree, as ast-types' PathVisitor makes it (the walk under
 * jscodeshift's `find` and `types.visit`) but at a fraction of its cost: a candidate file took
 * about 2 ms per full-tree visit, and the analyses and steps made several.
 *
 * Same nodes, same order (pre-order, fields in ast-types' order), the same NodePath objects
 * (`path.get`, whose cache every other lookup shares, so scopes and parents agree), and the same
 * side effect (a missing field gets ast-types' default, as PathVisitor leaves it). Unlike the
 * visitor, no path is made for a field holding a string or number, and no visitor object is built
 * per call.
 */
import type { ASTPath } from 'jscodeshift';
import { getFieldNames, getFieldValue, getSupertypeNames } from 'ast-types';

type AnyObject = Record<string, unknown> & { type?: unknown };

const fieldNamesByType = new Map<string, string[]>();

function fieldNames(node: AnyObject & { type: string }): string[] {
  let names = fieldNamesByType.get(node.type);
  if (!names) fieldNamesByType.set(node.type, (names = getFieldNames(node)));
  return names;
}

/**
 * Calls `visit` with the path of every node below `root` (not `root` itself), in the order
 * ast-types visits them. The tree must not be edited during the walk.
 */
export function forEachNodePath(root: ASTPath, visit: (path: ASTPath) => void): void {
  children(root, visit);
}

function children(path: ASTPath, visit: (path: ASTPath) => void): void {
  const value = path.value as unknown;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element = value[i] as unknown;
      if (typeof element === 'object' && element !== null) child(path.get(i) as ASTPath, visit);
    }
    return;
  }
  const object = value as AnyObject;
  // a plain object inside a node (a template element's `value`): PathVisitor walks its own keys
  const names = typeof object.type === 'string' ? fieldNames(object as AnyObject & { type: string }) : Object.keys(object);
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(object, name)) object[name] = getFieldValue(object, name);
    const field = object[name];
    if (typeof field === 'object' && field !== null) child(path.get(name) as ASTPath, visit);
  }
}

function child(path: ASTPath, visit: (path: ASTPath) => void): void {
  const value = path.value as AnyObject;
  if (!Array.isArray(value) && typeof value.type === 'string') visit(path);
  children(path, visit);
}

/** `type` and its supertypes, most specific first (empty for a type ast-types does not know). */
function typeChain(type: string): string[] {
  try {
    return [type, ...getSupertypeNames(type)];
  } catch {
    return [];
  }
}

/**
 * Which of `handled` a node of a given type goes to, as PathVisitor picks a visitor method: its
 * most specific supertype among them (a JSXIdentifier goes to Identifier, an
 * OptionalCallExpression to CallExpression); undefined when none.
 */
export function typeDispatcher<T extends string>(handled: readonly T[]): (type: string) => T | undefined {
  const cache = new Map<string, T | undefined>();
  const set = new Set<string>(handled);
  return (type) => {
    if (cache.has(type)) return cache.get(type);
    const found = typeChain(type).find((name) => set.has(name)) as T | undefined;
    cache.set(type, found);
    return found;
  };
}

/** Is a node of `type` a `named` (itself or a subtype, as jscodeshift's `find(j.Named)` counts it)? */
export function isOfType(type: string, named: string): boolean {
  let dispatch = single.get(named);
  if (!dispatch) single.set(named, (dispatch = typeDispatcher([named])));
  return dispatch(type) !== undefined;
}

const single = new Map<string, (type: string) => string | undefined>();
