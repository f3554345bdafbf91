/**
 * One pass over every node of a tree, as ast-types' PathVisitor makes it (the walk under
 * jscodeshift's `find` and `types.visit`) but at a fraction of its cost: a candidate file took
 * about 2 ms per full-tree visit, and the analyses and steps made several.
 *
 * Same nodes, same order (pre-order, fields in ast-types' order), the same NodePath objects
 * (`path.get`, whose cache every other lookup shares, so scopes and parents agree), and the same
 * side effect (a missing field gets ast-types' default, as PathVisitor leaves it). Unlike the
 * visitor, a node's path is made only when the caller asks for it, and no visitor object is built
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

/** A node as the walk hands it: its type, and whatever else it holds. */
export type WalkedNode = { type: string } & Record<string, unknown>;

/**
 * Calls `visit` with every node below `root` (not `root` itself), in the order ast-types visits
 * them, and a function giving the node's path: made only when asked for (most visits only test
 * the node), through `path.get` from `root`, so it is the NodePath every other lookup sees; ask
 * during the visit, not later (the walk has moved on). The tree must not be edited during the walk.
 */
export function forEachNode(root: ASTPath, visit: (node: WalkedNode, path: () => ASTPath) => void): void {
  // the route from root: values[d] reached through keys[d] from values[d - 1]; paths[d] once made
  const values: unknown[] = [root.value];
  const keys: (string | number)[] = [''];
  const paths: (ASTPath | undefined)[] = [root];
  const pathAt = (depth: number): ASTPath => (paths[depth] ??= pathAt(depth - 1).get(keys[depth]) as ASTPath);

  const enter = (depth: number, key: string | number, value: object): void => {
    values[depth] = value;
    keys[depth] = key;
    paths[depth] = undefined;
    if (!Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string') visit(value as WalkedNode, () => pathAt(depth));
    walkChildren(depth, value);
  };
  const walkChildren = (depth: number, value: object): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const element = value[i] as unknown;
        if (typeof element === 'object' && element !== null) enter(depth + 1, i, element);
      }
      return;
    }
    const object = value as AnyObject;
    // a plain object inside a node (a template element's `value`): PathVisitor walks its own keys
    const names = typeof object.type === 'string' ? fieldNames(object as AnyObject & { type: string }) : Object.keys(object);
    for (const name of names) {
      if (!Object.prototype.hasOwnProperty.call(object, name)) object[name] = getFieldValue(object, name);
      const field = object[name];
      if (typeof field === 'object' && field !== null) enter(depth + 1, name, field);
    }
  };
  walkChildren(0, root.value as object);
}

/** forEachNode with every node's path made (the walk PathVisitor makes). */
export function forEachNodePath(root: ASTPath, visit: (path: ASTPath) => void): void {
  forEachNode(root, (_node, path) => visit(path()));
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
