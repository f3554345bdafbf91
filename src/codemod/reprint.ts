/**
 * Printing at the cost of what changed. recast prints an edited tree by comparing it, node by
 * node, with the tree as parsed (its `getReprinter`), to find the few nodes to print anew; for an
 * unchanged subtree that comparison still walks every node, with a parenthesis test at each, and
 * was most of a candidate's printing time (as long as printing a whole untouched file).
 *
 * printSharingUnchanged first finds, in one plain walk, the largest subtrees equal to the parsed
 * ones at the same place, and while recast compares (only then) puts the parsed subtree itself in
 * their place: recast's comparison sees the same object and stops (`newNode === oldNode`), and
 * keeps the subtree's source text, as it would have after walking it. Printing itself always sees
 * the tree as edited. The output is recast's own (a test compares both on every fixture).
 */
import * as patcherModule from 'recast/lib/patcher.js';
import * as fastPathModule from 'recast/lib/fast-path.js';
import { getFieldValue } from 'ast-types';

type AnyObject = Record<string | number, unknown> & { type?: unknown; original?: unknown };
type RecastPath = { stack: unknown[]; getValue(): unknown; needsParens(): boolean; hasParens(): boolean };
type GetReprinter = (path: RecastPath) => unknown;

/** One subtree to show recast as parsed while it compares. */
interface Swap {
  holder: AnyObject;
  key: string | number;
  edited: unknown;
  parsed: unknown;
}

interface Plan {
  /** The File node being printed: the root of every path the plan applies to. */
  root: AnyObject;
  swaps: Swap[];
  /** Each compared (changed) node → the parsed node at its place, which recast must compare it with for the swaps below it to hold. */
  parsedAt: Map<object, unknown>;
  /** Each swapped (unchanged) subtree → the parsed one it equals. */
  unchanged: Map<object, unknown>;
}

// Node ESM hands a CommonJS module's `exports` object as `default`; Babel's interop (jscodeshift's
// CLI loads the transforms as CommonJS) hands the object itself
function moduleObject<T>(namespace: unknown, member: string): T {
  const ns = namespace as Record<string, unknown>;
  const fromDefault = ns.default as Record<string, unknown> | undefined;
  return (fromDefault && member in fromDefault ? fromDefault : ns) as T;
}

const patcher = moduleObject<{ getReprinter: GetReprinter } & Record<symbol, { plan?: Plan }>>(patcherModule, 'getReprinter');
const FastPath = moduleObject<{ default: new (value: unknown) => RecastPath }>(fastPathModule, 'default').default;

// installed once per recast instance, whichever copy of this module loads first (tests re-evaluate
// modules; recast stays loaded): one wrapper, one shared state
const STATE = Symbol.for('agora-token-migrate.reprint');
const state: { plan?: Plan } = patcher[STATE] ?? install();

function install(): { plan?: Plan } {
  const shared: { plan?: Plan } = {};
  const recastGetReprinter = patcher.getReprinter;
  // recast's printer calls `patcher.getReprinter(path)` through the module object at every node
  patcher.getReprinter = function getReprinter(path: RecastPath): unknown {
    const plan = shared.plan;
    const node = path.getValue() as AnyObject | null;
    if (!plan || path.stack[0] !== plan.root || typeof node !== 'object' || node === null || node.original === undefined) return recastGetReprinter(path);
    // a changed node: the plan's swaps below it; an unchanged one, printed because its parent is
    // printed anew (recast then compares it whole): its own fields
    const swaps = plan.parsedAt.get(node) === node.original ? plan.swaps : plan.unchanged.get(node) === node.original ? ownFields(node, node.original as AnyObject) : undefined;
    if (!swaps) return recastGetReprinter(path);
    // getReprinter compares now and prints later (through the function it returns), after the swap is undone
    for (const swap of swaps) swap.holder[swap.key] = swap.parsed;
    try {
      return recastGetReprinter(path);
    } finally {
      for (const swap of swaps) swap.holder[swap.key] = swap.edited;
    }
  };
  patcher[STATE] = shared;
  return shared;
}

/** Swaps for the fields of an unchanged node, each equal to the parsed node's. */
function ownFields(edited: AnyObject, parsed: AnyObject): Swap[] {
  const swaps: Swap[] = [];
  for (const key of Object.keys(edited)) {
    const value = edited[key];
    if (skipped(key, edited) || typeof value !== 'object' || value === null || parsed[key] === undefined || value === parsed[key]) continue;
    swaps.push({ holder: edited, key, edited: value, parsed: parsed[key] });
  }
  return swaps;
}

/** Keys recast's comparison skips: locations, private (`_`) properties, and the File's token list. */
function skipped(key: string, holder: AnyObject): boolean {
  return key === 'loc' || key.charCodeAt(0) === 95 /* _ */ || (key === 'tokens' && holder.type === 'File');
}

/** A field as recast's comparison reads it: its default (ast-types) where the node has none. */
function fieldValue(holder: AnyObject, key: string | number): unknown {
  const value = holder[key];
  return value === undefined && typeof key === 'string' && typeof holder.type === 'string' ? getFieldValue(holder, key) : value;
}

class Planner {
  readonly swaps: Swap[] = [];
  readonly parsedAt = new Map<object, unknown>();
  readonly unchanged = new Map<object, unknown>();
  /** recast's path stacks (`[root, key, value, key, value…]`) to the pair being compared: the value at depth d is at 2d. */
  private readonly editedStack: unknown[];
  private readonly parsedStack: unknown[];

  constructor(root: AnyObject) {
    this.editedStack = [root];
    this.parsedStack = [root.original];
  }

  /**
   * Are `edited` and `parsed` (at `depth`) equal for recast's comparison? Stricter than recast
   * where that is simpler (a difference the swaps then leave to recast). When not, the equal
   * subtrees below them become swaps.
   */
  same(edited: unknown, parsed: unknown, depth: number): boolean {
    if (edited === parsed) return true;
    if (typeof edited !== 'object' || typeof parsed !== 'object' || edited === null || parsed === null) return false;
    if (Array.isArray(edited)) {
      if (!Array.isArray(parsed) || parsed.length !== edited.length) return false;
      const indices: number[] = [];
      for (let i = 0; i < edited.length; i++) indices.push(i);
      return this.children(edited as unknown as AnyObject, parsed as unknown as AnyObject, indices, depth);
    }
    if (Array.isArray(parsed)) return false;
    const e = edited as AnyObject;
    const p = parsed as AnyObject;
    // recast reprints a node whose `original` was cleared, and compares no further across a change of type
    if (e.original === null || e.type !== p.type) return false;
    const keys: string[] = [];
    for (const key of Object.keys(e)) if (!skipped(key, e)) keys.push(key);
    for (const key of Object.keys(p)) if (!(key in e) && !skipped(key, p)) keys.push(key);
    if (this.children(e, p, keys, depth)) return true;
    this.parsedAt.set(e, p);
    return false;
  }

  private children(edited: AnyObject, parsed: AnyObject, keys: (string | number)[], depth: number): boolean {
    const equal: boolean[] = [];
    let all = true;
    const at = 2 * depth + 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const e = fieldValue(edited, key);
      const p = fieldValue(parsed, key);
      this.editedStack[at] = this.parsedStack[at] = key;
      this.editedStack[at + 1] = e;
      this.parsedStack[at + 1] = p;
      equal.push(this.same(e, p, depth + 1));
      if (!equal[i]) all = false;
    }
    if (all) return true;
    // the largest equal subtrees: the parent differs, these do not
    for (let i = 0; i < keys.length; i++) {
      if (!equal[i]) continue;
      const key = keys[i];
      const e = edited[key];
      const p = parsed[key];
      // a field only one side has (ast-types' visits fill in defaults) stays: recast reads both as the default
      if (e === p || typeof e !== 'object' || e === null || p === undefined) continue;
      if (!Array.isArray(e) && this.reprintedAnyway(key, e, p, depth)) continue;
      this.swaps.push({ holder: edited, key, edited: e, parsed: p });
      if (!Array.isArray(e)) this.unchanged.set(e, p);
    }
    return false;
  }

  /** recast reprints an object that needs parentheses here and had none, even when unchanged: leave that to it. */
  private reprintedAnyway(key: string | number, edited: unknown, parsed: unknown, depth: number): boolean {
    const editedPath = new FastPath(this.editedStack[0]);
    editedPath.stack = [...this.editedStack.slice(0, 2 * depth + 1), key, edited];
    if (!editedPath.needsParens()) return false;
    const parsedPath = new FastPath(this.parsedStack[0]);
    parsedPath.stack = [...this.parsedStack.slice(0, 2 * depth + 1), key, parsed];
    return !parsedPath.hasParens();
  }
}

/**
 * Runs `print` (a recast print of `file`, the File node recast parsed) with recast's comparison
 * skipping the subtrees that did not change. Not reentrant; `file` without `original` (not from
 * recast's parse) prints as usual.
 */
export function printSharingUnchanged<T>(file: object, print: () => T): T {
  const root = file as AnyObject;
  if (!root.original || state.plan) return print();
  const planner = new Planner(root);
  if (planner.same(root, root.original, 0)) return print();
  state.plan = { root, swaps: planner.swaps, parsedAt: planner.parsedAt, unchanged: planner.unchanged };
  try {
    return print();
  } finally {
    state.plan = undefined;
  }
}
