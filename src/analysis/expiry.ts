import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { isReference, lookupScope, memberName, unwrap, type Scope } from './bindings.ts';
import type { NameIndex } from './name-index.ts';
import { forEachNode, isOfType } from './node-paths.ts';
import { soleValueDeclarator } from './unwritten.ts';

type AnyNode = N.Node & { type: string };

/** A summand of the relative part `R` of `now + R`, with the path it was found at (for scope checks). */
export interface Term {
  node: AnyNode;
  origin: ASTPath;
}

/**
 * A local variable that carries (part of) an absolute deadline, or a local helper function that
 * computes one (`expiresIn(s)`, `nowSeconds()`): removable once nothing reads it.
 */
export interface ClockVariable<Declaration extends N.VariableDeclarator | N.FunctionDeclaration = N.VariableDeclarator | N.FunctionDeclaration> {
  name: string;
  scope: Scope | null;
  /** `const x = …` (a helper: `const f = () => …`), or a helper's `function f() {…}`. */
  declarator: ASTPath<Declaration>;
  /** `x += n` statements that build it up. */
  updates: ASTPath<N.ExpressionStatement>[];
}

/** How an expiry argument behaves. */
export type ExpiryClass =
  /** No argument at all. */
  | { kind: 'missing' }
  /** `0`, `undefined`, `null`, `void 0`: "never expires" in v1. */
  | { kind: 'zero' }
  /** `now + R`, provably computed at call time; R is the relative part. */
  | { kind: 'absolute'; terms: Term[]; variables: ClockVariable[] }
  /** A small number of seconds (a v2-shaped argument): its value when known. */
  | { kind: 'relative'; value: number }
  /** `Date.now() + N` without `/ 1000`: milliseconds, which AccessToken rejects (RangeError). */
  | { kind: 'milliseconds' }
  /** Anything else: converted at run time, or reviewed. */
  | { kind: 'unknown' };

/** Timestamps at or above this are absolute unix seconds (2001-09-09), below it relative seconds. */
export const ABSOLUTE_THRESHOLD = 1e9;

const ROUNDING = new Set(['floor', 'round', 'trunc', 'ceil']);

function isIdentifier(node: AnyNode | null | undefined, name?: string): node is N.Identifier {
  return !!node && node.type === 'Identifier' && (name === undefined || (node as N.Identifier).name === name);
}

function isStringLiteral(node: AnyNode): boolean {
  return node.type === 'StringLiteral' || (node.type === 'Literal' && typeof (node as N.Literal).value === 'string');
}

/** The key a non-computed or string-keyed member reads (`a.b`, `a['b']`, `a.#b`). */
function memberKey(member: N.MemberExpression): string | undefined {
  const property = member.property as AnyNode;
  return property.type === 'PrivateName' ? (property as unknown as { id: N.Identifier }).id.name : memberName(member);
}

/** The key of an object literal or pattern property, when it is not computed. */
function propertyName(prop: N.ObjectProperty): string | undefined {
  const key = prop.key as AnyNode;
  if (prop.computed) return undefined;
  return key.type === 'Identifier' ? (key as N.Identifier).name : isStringLiteral(key) ? (key as N.StringLiteral).value : undefined;
}

/**
 * A value written in an object literal that is not itself an object someone could change: literals,
 * arithmetic and string building, `process.env.X`, `Number(…)`-style conversions.
 */
function isPrimitiveValue(node: AnyNode): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'Literal':
    case 'TemplateLiteral':
    case 'BinaryExpression':
    case 'UnaryExpression':
      return true;
    case 'LogicalExpression':
      return isPrimitiveValue((n as N.LogicalExpression).left as AnyNode) && isPrimitiveValue((n as N.LogicalExpression).right as AnyNode);
    case 'ConditionalExpression':
      return isPrimitiveValue((n as N.ConditionalExpression).consequent as AnyNode) && isPrimitiveValue((n as N.ConditionalExpression).alternate as AnyNode);
    case 'MemberExpression': {
      // process.env.X is a string
      const object = (n as N.MemberExpression).object as AnyNode;
      return object.type === 'MemberExpression' && isIdentifier((object as N.MemberExpression).object as AnyNode, 'process') && isIdentifier((object as N.MemberExpression).property as AnyNode, 'env');
    }
    case 'CallExpression': {
      const callee = (n as N.CallExpression).callee as AnyNode;
      return callee.type === 'Identifier' && ['Number', 'String', 'Boolean', 'parseInt', 'parseFloat'].includes((callee as N.Identifier).name);
    }
    default:
      return false;
  }
}

/** The value path of property `key` of the object literal at `path` (no spreads, last one wins). */
function objectProperty(path: ASTPath, key: string): ASTPath | undefined {
  const node = unwrap(path.node as AnyNode);
  if (node.type !== 'ObjectExpression') return undefined;
  const properties = (node as N.ObjectExpression).properties as AnyNode[];
  if (properties.some((p) => p.type === 'SpreadElement' || p.type === 'SpreadProperty')) return undefined;
  // unwrap() may have looked through `as const`: walk to the object's own path
  let objectPath = path;
  while (objectPath.node !== node) objectPath = objectPath.get('expression') as ASTPath;
  for (let i = properties.length - 1; i >= 0; i--) {
    const p = properties[i] as AnyNode & { key?: AnyNode; computed?: boolean };
    if ((p.type !== 'ObjectProperty' && p.type !== 'Property') || p.computed || !p.key) continue;
    const name = p.key.type === 'Identifier' ? (p.key as N.Identifier).name : isStringLiteral(p.key) ? (p.key as N.StringLiteral).value : undefined;
    if (name === key) return (objectPath.get('properties', i) as ASTPath).get('value') as ASTPath;
  }
  return undefined;
}

function isNumber(node: AnyNode | null | undefined, value?: number): boolean {
  if (!node) return false;
  const n = unwrap(node);
  const v = (n as N.NumericLiteral).value;
  return (n.type === 'NumericLiteral' || n.type === 'Literal') && typeof v === 'number' && (value === undefined || v === value);
}

/** `Math.floor` etc. — `Math` must be the global. */
function isMathCall(node: AnyNode, path: ASTPath, names: Set<string>): node is N.CallExpression {
  if (node.type !== 'CallExpression') return false;
  const callee = (node as N.CallExpression).callee as AnyNode;
  if (callee.type !== 'MemberExpression') return false;
  const m = callee as N.MemberExpression;
  return isIdentifier(m.object as AnyNode, 'Math') && lookupScope(path, 'Math') === null && isIdentifier(m.property as AnyNode) && names.has((m.property as N.Identifier).name);
}

function isGlobalCall(node: AnyNode, path: ASTPath, name: string): node is N.CallExpression {
  return node.type === 'CallExpression' && isIdentifier((node as N.CallExpression).callee as AnyNode, name) && lookupScope(path, name) === null;
}

/** `new Date()` with no arguments. */
function isNewDate(node: AnyNode, path: ASTPath): boolean {
  const n = unwrap(node);
  return n.type === 'NewExpression' && isIdentifier((n as N.NewExpression).callee as AnyNode, 'Date') && (n as N.NewExpression).arguments.length === 0 && lookupScope(path, 'Date') === null;
}

/** Classifies expiry arguments of builder calls in one file. */
export class ExpiryClassifier {
  constructor(
    private readonly j: JSCodeshift,
    /** Declarations and writes by name (shared with the binding resolver). */
    readonly index: NameIndex,
    /** Numbers other modules fix, by module-level reference (the project layer's ProjectFacts.constants). */
    private readonly imported: Readonly<Record<string, number>> = {},
    /** Clock helpers of other modules (ProjectFacts.clockHelpers): `'now'`, or the parameter added to now. */
    private readonly clockHelpers: Readonly<Record<string, 'now' | number>> = {},
  ) {}

  /** `nowSeconds()` / `time.expiresIn(…)` imported from another module: what the project layer found it returns. */
  private importedClock(call: N.CallExpression, path: ASTPath): 'now' | number | undefined {
    const callee = call.callee as AnyNode;
    const reference =
      callee.type === 'Identifier'
        ? (callee as N.Identifier).name
        : callee.type === 'MemberExpression' && (callee as N.MemberExpression).object.type === 'Identifier' && memberName(callee as N.MemberExpression) !== undefined
          ? `${((callee as N.MemberExpression).object as N.Identifier).name}.${memberName(callee as N.MemberExpression)}`
          : undefined;
    if (reference === undefined || !Object.hasOwn(this.clockHelpers, reference)) return undefined;
    return lookupScope(path, reference.split('.')[0])?.isGlobal ? this.clockHelpers[reference] : undefined;
  }

  /** `TTL` or `config.agora.ttl` read from another module, when the project layer proved it fixed. */
  private importedNumber(reference: string, path: ASTPath): number | undefined {
    if (!Object.hasOwn(this.imported, reference)) return undefined;
    // the module-level import, not a local of the same name
    const scope = lookupScope(path, reference.split('.')[0]);
    return scope?.isGlobal ? this.imported[reference] : undefined;
  }

  /** Milliseconds since the epoch, now: `Date.now()`, `new Date().getTime()`, `+new Date()`. */
  private isNowMs(node: AnyNode, path: ASTPath): boolean {
    const n = unwrap(node);
    if (n.type === 'CallExpression') {
      const callee = (n as N.CallExpression).callee as AnyNode;
      if (callee.type === 'MemberExpression') {
        const m = callee as N.MemberExpression;
        const prop = isIdentifier(m.property as AnyNode) ? (m.property as N.Identifier).name : '';
        if (isIdentifier(m.object as AnyNode, 'Date') && prop === 'now' && lookupScope(path, 'Date') === null) return true;
        if ((prop === 'getTime' || prop === 'valueOf') && isNewDate(m.object as AnyNode, path)) return true;
      }
      if (isGlobalCall(n, path, 'Number') && (n as N.CallExpression).arguments.length === 1) return isNewDate((n as N.CallExpression).arguments[0] as AnyNode, path);
    }
    if (n.type === 'UnaryExpression' && (n as N.UnaryExpression).operator === '+') return isNewDate((n as N.UnaryExpression).argument as AnyNode, path);
    return false;
  }

  /** Seconds now, possibly fractional: `Date.now() / 1000`, `Date.now() * 0.001`. */
  private isNowSecondsFloat(node: AnyNode, path: ASTPath): boolean {
    const n = unwrap(node);
    if (n.type !== 'BinaryExpression') return false;
    const b = n as N.BinaryExpression;
    // arithmetic coerces a Date to its milliseconds: `new Date / 1000` (not `new Date + …`, which concatenates)
    const ms = (operand: AnyNode) => this.isNowMs(operand, path) || isNewDate(operand, path);
    if (b.operator === '/' && isNumber(b.right as AnyNode, 1000)) return ms(b.left as AnyNode);
    if (b.operator === '*' && isNumber(b.right as AnyNode, 0.001)) return ms(b.left as AnyNode);
    return false;
  }

  /** Whole or fractional seconds now, through rounding, `| 0`, `~~`, local consts and tiny helpers. */
  isNow(node: AnyNode, path: ASTPath, depth = 0, variables?: ClockVariable[]): boolean {
    if (depth > 6) return false;
    const n = unwrap(node);
    if (this.isNowSecondsFloat(n, path)) return true;
    if (isMathCall(n, path, ROUNDING) || isGlobalCall(n, path, 'parseInt') || isGlobalCall(n, path, 'Number')) {
      const arg = (n as N.CallExpression).arguments[0] as AnyNode | undefined;
      return !!arg && this.isNow(arg, path, depth + 1, variables);
    }
    if (n.type === 'BinaryExpression') {
      const b = n as N.BinaryExpression;
      if ((b.operator === '|' || b.operator === '>>' || b.operator === '>>>') && isNumber(b.right as AnyNode, 0)) return this.isNow(b.left as AnyNode, path, depth + 1, variables);
    }
    if (n.type === 'UnaryExpression' && (n as N.UnaryExpression).operator === '~') {
      const inner = unwrap((n as N.UnaryExpression).argument as AnyNode);
      return inner.type === 'UnaryExpression' && (inner as N.UnaryExpression).operator === '~' && this.isNow((inner as N.UnaryExpression).argument as AnyNode, path, depth + 1, variables);
    }
    if (n.type === 'Identifier') {
      const variable = this.callTimeVariable(n as N.Identifier, path);
      if (!variable || variable.updates.length > 0) return false;
      const init = variable.declarator.node.init as AnyNode | null;
      if (!init || !this.isNow(init, variable.declarator.get('init') as ASTPath, depth + 1, variables)) return false;
      variables?.push(variable);
      return true;
    }
    if (n.type === 'CallExpression') {
      const helper = this.helperReturn(n as N.CallExpression, path);
      if (!helper) return this.importedClock(n as N.CallExpression, path) === 'now';
      if (helper.params.length !== 0 || !this.isNow(helper.returned.node as AnyNode, helper.returned, depth + 1)) return false;
      variables?.push(helper.variable);
      return true;
    }
    return false;
  }

  /**
   * A `const`/`let` declared in the same function as `path` (so evaluated at call time), with its
   * `+=` updates; undefined for parameters, module-level values (computed once at load), or other writes.
   */
  callTimeVariable(id: N.Identifier, path: ASTPath): ClockVariable<N.VariableDeclarator> | undefined {
    const scope = lookupScope(path, id.name);
    if (!scope || scope !== path.scope) return undefined;
    const writes = this.index.writesIn(id.name, scope);
    if (writes.declarators.length !== 1) return undefined;
    const declarator = writes.declarators[0];
    if (!declarator.node.init) return undefined;
    const updates: ASTPath<N.ExpressionStatement>[] = [];
    let otherWrites = writes.updates.length > 0;
    for (const p of writes.assignments) {
      const statement = p.parent as ASTPath;
      if (p.node.operator === '+=' && statement.node.type === 'ExpressionStatement' && statement.parent === declarator.parent.parent) {
        updates.push(statement as ASTPath<N.ExpressionStatement>);
      } else {
        otherWrites = true;
      }
    }
    if (otherWrites) return undefined;
    // updates must all happen before the use
    const useStart = (path.node as { start?: number }).start ?? Number.POSITIVE_INFINITY;
    if (updates.some((u) => ((u.node as { start?: number }).start ?? 0) > useStart)) return undefined;
    return { name: id.name, scope, declarator, updates };
  }

  /**
   * The file-local function a call `f(…)` reaches (a function declaration or a variable bound to a
   * function), with its own return values (not those of nested functions).
   */
  localFunction(call: N.CallExpression, path: ASTPath):
    | { fn: ASTPath; constBound: boolean; params: string[] | undefined; returns: ASTPath[]; bareReturn: boolean; endsWithReturn: boolean }
    | undefined {
    const callee = call.callee as AnyNode;
    if (!isIdentifier(callee)) return undefined;
    const name = (callee as N.Identifier).name;
    const scope = lookupScope(path, name);
    if (!scope) return undefined;
    let fn: ASTPath | undefined;
    let constBound = true;
    for (const p of this.index.functionsOf(name)) if (p.parent.scope === scope || p.scope?.parent === scope) fn = p;
    if (!fn) {
      for (const p of this.index.declaratorsOf(name)) {
        const init = p.node.init as AnyNode | null;
        if (p.scope !== scope || !init || (init.type !== 'ArrowFunctionExpression' && init.type !== 'FunctionExpression')) continue;
        fn = p.get('init') as ASTPath;
        constBound = (p.parent.node as N.VariableDeclaration).kind === 'const';
      }
    }
    if (!fn) return undefined;
    const node = fn.node as N.FunctionDeclaration | N.ArrowFunctionExpression;
    const params = node.params.every((p) => p.type === 'Identifier') ? node.params.map((p) => (p as N.Identifier).name) : undefined;
    const body = node.body as AnyNode;
    if (body.type !== 'BlockStatement') return { fn, constBound, params, returns: [fn.get('body') as ASTPath], bareReturn: false, endsWithReturn: true };
    const returns: ASTPath[] = [];
    let bareReturn = false;
    forEachNode(fn.get('body') as ASTPath, (below, pathOf) => {
      if (!isOfType(below.type, 'ReturnStatement')) return;
      const r = pathOf();
      if (r.scope !== (fn as ASTPath).scope) return;
      if ((r.node as N.ReturnStatement).argument) returns.push(r.get('argument') as ASTPath);
      else bareReturn = true;
    });
    const statements = (body as N.BlockStatement).body;
    const last = statements[statements.length - 1] as AnyNode | undefined;
    return { fn, constBound, params, returns, bareReturn, endsWithReturn: last?.type === 'ReturnStatement' && !!(last as N.ReturnStatement).argument };
  }

  /**
   * A tiny helper `f` whose body is one `return` (or an expression body), for a call `f(…)`, with
   * itself as a clock variable (removed once no call is left).
   */
  private helperReturn(call: N.CallExpression, path: ASTPath): { params: string[]; returned: ASTPath; variable: ClockVariable } | undefined {
    const local = this.localFunction(call, path);
    if (!local?.params || local.returns.length !== 1 || local.bareReturn || !local.endsWithReturn) return undefined;
    const name = (call.callee as N.Identifier).name;
    const declarator = (local.fn.node.type === 'FunctionDeclaration' ? local.fn : local.fn.parent) as ClockVariable['declarator'];
    return { params: local.params, returned: local.returns[0], variable: { name, scope: lookupScope(path, name), declarator, updates: [] } };
  }

  /** `now + R` → the terms of R; undefined when the expression is not provably of that shape. */
  decompose(node: AnyNode, path: ASTPath, variables: ClockVariable[], depth = 0): Term[] | undefined {
    if (depth > 8) return undefined;
    const n = unwrap(node);
    if (this.isNow(n, path, 0, variables)) return [];
    if (isMathCall(n, path, ROUNDING) || isGlobalCall(n, path, 'parseInt')) {
      const arg = (n as N.CallExpression).arguments[0] as AnyNode | undefined;
      // Math.floor(Date.now() / 1000 + 3600): rounding is transparent for whole-second offsets
      return arg ? this.decompose(arg, path, variables, depth + 1) : undefined;
    }
    if (n.type === 'BinaryExpression') {
      const b = n as N.BinaryExpression;
      if ((b.operator === '|' || b.operator === '>>' || b.operator === '>>>') && isNumber(b.right as AnyNode, 0)) return this.decompose(b.left as AnyNode, path, variables, depth + 1);
      if (b.operator === '+') {
        const left = this.decompose(b.left as AnyNode, path, variables, depth + 1);
        if (left && !this.mentionsClock(b.right as AnyNode)) return [...left, { node: b.right as AnyNode, origin: path }];
        const right = this.decompose(b.right as AnyNode, path, variables, depth + 1);
        if (right && !this.mentionsClock(b.left as AnyNode)) return [{ node: b.left as AnyNode, origin: path }, ...right];
        return undefined;
      }
      if (b.operator === '-' && !this.mentionsClock(b.right as AnyNode)) {
        // now - 60: a deadline in the past (converted at run time: 1 s, never 0)
        const left = this.decompose(b.left as AnyNode, path, variables, depth + 1);
        if (!left) return undefined;
        const right = unwrap(b.right as AnyNode);
        const negated = isNumber(right) ? this.j.numericLiteral(-(right as N.NumericLiteral).value) : this.j.unaryExpression('-', b.right as never);
        return [...left, { node: negated as AnyNode, origin: path }];
      }
      if (b.operator === '/' && isNumber(b.right as AnyNode, 1000)) {
        // (Date.now() + N * 1000) / 1000
        const sum = unwrap(b.left as AnyNode);
        if (sum.type === 'BinaryExpression' && (sum as N.BinaryExpression).operator === '+') {
          const s = sum as N.BinaryExpression;
          const [ms, other] = this.isNowMs(s.left as AnyNode, path) ? [s.left, s.right] : this.isNowMs(s.right as AnyNode, path) ? [s.right, s.left] : [undefined, undefined];
          if (ms && other) {
            const seconds = this.millisToSeconds(other as AnyNode);
            return seconds ? [{ node: seconds, origin: path }] : undefined;
          }
        }
      }
      return undefined;
    }
    if (n.type === 'Identifier') {
      const variable = this.callTimeVariable(n as N.Identifier, path);
      if (!variable) return undefined;
      const initPath = variable.declarator.get('init') as ASTPath;
      const terms = this.decompose(initPath.node as AnyNode, initPath, variables, depth + 1);
      if (!terms) return undefined;
      const added: Term[] = [];
      for (const update of variable.updates) {
        const rightPath = update.get('expression', 'right') as ASTPath;
        if (this.mentionsClock(rightPath.node as AnyNode)) return undefined;
        added.push({ node: rightPath.node as AnyNode, origin: rightPath });
      }
      variables.push(variable);
      return [...terms, ...added];
    }
    if (n.type === 'CallExpression') {
      const helper = this.helperReturn(n as N.CallExpression, path);
      if (!helper) {
        // `expiresIn(3600)` from another module: now + the argument
        const added = this.importedClock(n as N.CallExpression, path);
        const arg = typeof added === 'number' ? ((n as N.CallExpression).arguments[added] as AnyNode | undefined) : undefined;
        return arg && arg.type !== 'SpreadElement' ? [{ node: arg, origin: path }] : undefined;
      }
      const inner: ClockVariable[] = [];
      const terms = this.decompose(helper.returned.node as AnyNode, helper.returned, inner, depth + 1);
      if (!terms) return undefined;
      const args = (n as N.CallExpression).arguments as AnyNode[];
      const mapped: Term[] = [];
      for (const term of terms) {
        const t = unwrap(term.node);
        const index = isIdentifier(t) ? helper.params.indexOf((t as N.Identifier).name) : -1;
        if (index >= 0 && lookupScope(term.origin, (t as N.Identifier).name) === helper.returned.scope) {
          // expiresIn(n) → the caller's argument; a missing argument is undefined → NaN in v1: give up
          if (!args[index] || args[index].type === 'SpreadElement') return undefined;
          mapped.push({ node: args[index], origin: path });
        } else if (isNumber(t)) {
          mapped.push({ node: t, origin: path });
        } else if (isIdentifier(t) && lookupScope(term.origin, (t as N.Identifier).name) === lookupScope(path, (t as N.Identifier).name)) {
          // a module-level TTL the helper reads: the same variable at the call
          mapped.push({ node: t, origin: path });
        } else {
          return undefined;
        }
      }
      // the helper, and the helpers it calls (its own locals go with it)
      const within = (v: ClockVariable) => {
        const start = (v.declarator.node as { start?: number }).start ?? -1;
        const fn = helper.variable.declarator.node as { start?: number; end?: number };
        return start >= (fn.start ?? 0) && start < (fn.end ?? 0);
      };
      variables.push(helper.variable, ...inner.filter((v) => !within(v)));
      return mapped;
    }
    return undefined;
  }

  /** `N * 1000` → N; a plain number of milliseconds → seconds. */
  private millisToSeconds(node: AnyNode): AnyNode | undefined {
    const n = unwrap(node);
    if (n.type === 'BinaryExpression' && (n as N.BinaryExpression).operator === '*') {
      const b = n as N.BinaryExpression;
      if (isNumber(b.right as AnyNode, 1000)) return b.left as AnyNode;
      if (isNumber(b.left as AnyNode, 1000)) return b.right as AnyNode;
    }
    if (isNumber(n)) {
      const v = (n as N.NumericLiteral).value / 1000;
      return Number.isInteger(v) ? (this.j.numericLiteral(v) as AnyNode) : undefined;
    }
    return undefined;
  }

  /** Any mention of Date (a second clock read) makes an expression unsafe to treat as relative. */
  private mentionsClock(node: AnyNode): boolean {
    if (isIdentifier(node, 'Date')) return true;
    let found = false;
    forEachNode(this.j(node as never).paths()[0], (below) => {
      if (!found && below.name === 'Date' && isOfType(below.type, 'Identifier')) found = true;
    });
    return found;
  }

  /** A small number of seconds: a literal below 1e9, arithmetic on literals, or a const bound to one. */
  staticNumber(node: AnyNode, path: ASTPath, depth = 0): number | undefined {
    if (depth > 6) return undefined;
    const n = unwrap(node);
    if (isNumber(n)) return (n as N.NumericLiteral).value;
    if (n.type === 'BinaryExpression') {
      const b = n as N.BinaryExpression;
      const l = this.staticNumber(b.left as AnyNode, path, depth + 1);
      const r = this.staticNumber(b.right as AnyNode, path, depth + 1);
      if (l === undefined || r === undefined) return undefined;
      switch (b.operator) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        default:
          return undefined;
      }
    }
    if (n.type === 'Identifier') {
      const init = this.constInit(n as N.Identifier, path);
      // `const { TTL } = require('./config')`: its value is the project layer's to know
      return (init && this.staticNumber(init.node as AnyNode, init, depth + 1)) ?? this.importedNumber((n as N.Identifier).name, path);
    }
    if (n.type === 'MemberExpression') return this.staticMember(n as N.MemberExpression, path, depth);
    return undefined;
  }

  /** The initialiser of the one `const name = …` (or never-written `let`/`var`) that `name` at `path` refers to. */
  private constInit(id: N.Identifier, path: ASTPath): ASTPath | undefined {
    return soleValueDeclarator(this.index, id.name, path)?.get('init') as ASTPath | undefined;
  }

  /**
   * `config.agora.ttl` out of a const object literal that is only ever read, or `this.#ttl` /
   * `this.ttl` of a field only its class could write and does not (classFieldNumber).
   */
  private staticMember(member: N.MemberExpression, path: ASTPath, depth: number): number | undefined {
    const keys: string[] = [];
    let object: AnyNode = member as AnyNode;
    // `this.#ttl`
    const privateKey = (member.property as AnyNode).type === 'PrivateName';
    while (object.type === 'MemberExpression') {
      const m = object as N.MemberExpression;
      const key = memberKey(m);
      if (key === undefined) return undefined;
      keys.unshift(key);
      object = unwrap(m.object as AnyNode);
    }
    if (object.type === 'ThisExpression') return keys.length === 1 ? this.classFieldNumber(keys[0], path, depth, privateKey) : undefined;
    if (object.type !== 'Identifier') return undefined;
    const name = (object as N.Identifier).name;
    const imported = () => this.importedNumber([name, ...keys].join('.'), path);
    const init = this.constInit(object as N.Identifier, path);
    if (!init) return imported();
    if (!this.onlyReadThroughMembers(name, lookupScope(path, name), init)) return undefined;
    let value: ASTPath | undefined = init;
    for (const key of keys) value = value && objectProperty(value, key);
    // `const config = require('./config')`: the project layer knows what the module exports
    return value ? this.staticNumber(value.node as AnyNode, value, depth + 1) : imported();
  }

  /**
   * Every reference to the const object literal `name` (at `init`) reads a value out of it: member
   * chains ending in a value that is not itself an object (`config.agora.ttl`), or destructuring of
   * such values. An inner object used any other way (`Object.assign(config.agora, …)`, `const a =
   * config.agora`, `tune(config.agora)`), the object itself passed on, aliased or exported, or any
   * write through it (`config.x = …`, `config.x++`, `delete config.x`) means the file does not show
   * every write.
   */
  private onlyReadThroughMembers(name: string, scope: Scope | null, init: ASTPath): boolean {
    return this.index.identifiersOf(name).every((p) => {
      // `exports.config = …` names a property, not the variable
      if (!isReference(p) || lookupScope(p, name) !== scope) return true;
      const parent = p.parent?.node as AnyNode | undefined;
      if (parent?.type === 'VariableDeclarator' && p.name === 'id') return true;
      // walk up the member chain to its outermost member, following the literal's values
      let top: ASTPath = p;
      let value: ASTPath | undefined = init;
      while ((top.parent?.node as AnyNode | undefined)?.type === 'MemberExpression' && top.name === 'object') {
        top = top.parent as ASTPath;
        const key = memberKey(top.node as N.MemberExpression);
        value = value && key !== undefined ? objectProperty(value, key) : undefined;
      }
      const holder = top.parent?.node as AnyNode | undefined;
      if (holder?.type === 'AssignmentExpression' && top.name === 'left') return false;
      if (holder?.type === 'UpdateExpression') return false;
      if (holder?.type === 'UnaryExpression' && (holder as N.UnaryExpression).operator === 'delete') return false;
      if (top === p) return false; // the object itself, used as a value
      // a value read out of it: harmless unless it is an inner object, which could be written elsewhere
      if (!value || isPrimitiveValue(value.node as AnyNode)) return true;
      // `const { appId, appCertificate } = config.agora`: reads values, as long as they are not objects
      if (holder?.type === 'VariableDeclarator' && top.name === 'init' && (holder as N.VariableDeclarator).id.type === 'ObjectPattern') {
        return ((holder as N.VariableDeclarator).id as N.ObjectPattern).properties.every((prop) => {
          const key = (prop as AnyNode).type === 'ObjectProperty' || (prop as AnyNode).type === 'Property' ? propertyName(prop as N.ObjectProperty) : undefined;
          const inner = key === undefined ? undefined : objectProperty(value!, key);
          return key !== undefined && (!inner || isPrimitiveValue(inner.node as AnyNode));
        });
      }
      return false;
    });
  }

  /**
   * `this.name` where `name` is a field only its class can write and none of its code does: a
   * `#private` field, or a TypeScript `private readonly` one (a subclass cannot redeclare it), in a
   * class that never hands `this` to other code (`Object.assign(this, options)`). A plain field can
   * be overwritten by a subclass, an instance or `Object.assign`, so it is known only at run time.
   */
  private classFieldNumber(name: string, path: ASTPath, depth: number, privateName = false): number | undefined {
    let current: ASTPath | null = path;
    while (current && (current.node as AnyNode).type !== 'ClassBody') current = current.parent as ASTPath | null;
    if (!current) return undefined;
    const body = current.node as N.ClassBody;
    const index = body.body.findIndex((m) => {
      const field = m as AnyNode & { key?: AnyNode; static?: boolean; computed?: boolean; readonly?: boolean; accessibility?: string };
      if (field.static || field.computed) return false;
      if (privateName) return field.type === 'ClassPrivateProperty' && ((field.key as unknown as { id?: N.Identifier }).id?.name ?? '') === name;
      return (field.type === 'ClassProperty' || field.type === 'PropertyDefinition') && field.readonly === true && field.accessibility === 'private' && field.key?.type === 'Identifier' && (field.key as N.Identifier).name === name;
    });
    if (index < 0) return undefined;
    const classCode = this.j(current as never);
    const assigned = classCode.find(this.j.AssignmentExpression).some((p: ASTPath<N.AssignmentExpression>) => {
      const left = p.node.left as AnyNode;
      if (left.type !== 'MemberExpression' || (left as N.MemberExpression).object.type !== 'ThisExpression') return false;
      const property = (left as N.MemberExpression).property as AnyNode;
      return ((property as N.Identifier).name ?? (property as unknown as { id?: N.Identifier }).id?.name) === name;
    });
    const handsOutThis = classCode.find(this.j.ThisExpression).some((p: ASTPath) => {
      const parent = p.parent?.node as AnyNode | undefined;
      return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && p.name !== 'callee';
    });
    if (assigned || handsOutThis) return undefined;
    const value = (current.get('body', index) as ASTPath).get('value') as ASTPath;
    return value.node ? this.staticNumber(value.node as AnyNode, value, depth + 1) : undefined;
  }

  /** Classifies the argument at `index` of a call (absent → missing). */
  classify(call: ASTPath<N.CallExpression>, index: number): ExpiryClass {
    const args = call.node.arguments as AnyNode[];
    if (index >= args.length) return { kind: 'missing' };
    const argPath = call.get('arguments', index) as ASTPath;
    const arg = unwrap(args[index]);
    if (isNumber(arg, 0)) return { kind: 'zero' };
    if (isIdentifier(arg, 'undefined') && lookupScope(argPath, 'undefined') === null) return { kind: 'zero' };
    if (arg.type === 'NullLiteral' || (arg.type === 'Literal' && (arg as N.Literal).value === null)) return { kind: 'zero' };
    if (arg.type === 'UnaryExpression' && (arg as N.UnaryExpression).operator === 'void' && isNumber((arg as N.UnaryExpression).argument as AnyNode)) return { kind: 'zero' };
    const variables: ClockVariable[] = [];
    const terms = this.decompose(arg, argPath, variables);
    if (terms) return { kind: 'absolute', terms, variables };
    const value = this.staticNumber(arg, argPath);
    if (value !== undefined && value > 0 && value < ABSOLUTE_THRESHOLD) return { kind: 'relative', value };
    if (this.isMillisDeadline(arg, argPath)) return { kind: 'milliseconds' };
    return { kind: 'unknown' };
  }

  /** `Date.now()`, `Date.now() + 3600 * 1000`, directly or through a call-time variable. */
  private isMillisDeadline(node: AnyNode, path: ASTPath, depth = 0): boolean {
    if (depth > 6) return false;
    const n = unwrap(node);
    if (this.isNowMs(n, path)) return true;
    if (n.type === 'Identifier') {
      const variable = this.callTimeVariable(n as N.Identifier, path);
      const init = variable?.declarator.get('init') as ASTPath | undefined;
      return !!init && variable!.updates.length === 0 && this.isMillisDeadline(init.node as AnyNode, init, depth + 1);
    }
    if (n.type !== 'BinaryExpression') return false;
    const b = n as N.BinaryExpression;
    if (b.operator !== '+' && b.operator !== '-') return false;
    if (this.isMillisDeadline(b.left as AnyNode, path, depth + 1) && !this.mentionsClock(b.right as AnyNode)) return true;
    return b.operator === '+' && this.isMillisDeadline(b.right as AnyNode, path, depth + 1) && !this.mentionsClock(b.left as AnyNode);
  }
}
