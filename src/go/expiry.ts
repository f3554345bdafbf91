/**
 * Classifies a v1 Go deadline (`privilegeExpiredTs uint32`, an absolute unix time) the way the
 * JavaScript analysis does (src/analysis/expiry.ts): literal 0 means "never"; `now + N` with N known
 * at migration time becomes N; anything else is converted at run time by the generated helpers.
 */
import { MAX_TOKEN_SECONDS } from '../mapping.ts';
import type { GoNode } from './parser.ts';
import { conversionType, integerLiteralValue, localVariable, packageConstant, stripConversions, unparen } from './syntax.ts';

export type GoExpiry =
  /** literal 0: privileges never expire */
  | { kind: 'zero'; stale: GoNode[] }
  /** `now + N`, 0 < N known here: `seconds` is the text to pass (N itself, or 86400 when N is over 24 h) */
  | { kind: 'relative'; seconds: string; capped: boolean; stale: GoNode[] }
  /** anything else: `toTokenExpire(ts)`, `toPrivilegeExpire(ts)` */
  | { kind: 'run-time' };

const MAX_DEPTH = 6;

/** The value of a constant expression (literals, `24 * 60 * 60`, consts, never-written locals), or undefined. */
export function constantValue(node: GoNode, root: GoNode, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = stripConversions(node);
  const literal = integerLiteralValue(n);
  if (literal !== undefined) return literal;
  if (n.type === 'binary_expression') {
    const left = constantValue(n.childForFieldName('left')!, root, depth + 1);
    const right = constantValue(n.childForFieldName('right')!, root, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (n.childForFieldName('operator')?.type) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      default:
        return undefined;
    }
  }
  if (n.type === 'identifier') {
    const local = localVariable(n);
    if (local) return local.writes.length === 0 ? constantValue(local.value, root, depth + 1) : undefined;
    const constant = packageConstant(root, n.text);
    return constant ? constantValue(constant, root, depth + 1) : undefined;
  }
  return undefined;
}

/** `time.Now().Unix()` (optionally `.UTC()`/`.Local()` in between, in any integer conversion), or a never-written local holding it. */
export function isNow(node: GoNode, timePackage: string | undefined, depth = 0): boolean {
  if (depth > MAX_DEPTH || timePackage === undefined) return false;
  const n = stripConversions(node);
  if (n.type === 'identifier') {
    const local = localVariable(n);
    return local !== undefined && local.writes.length === 0 && isNow(local.value, timePackage, depth + 1);
  }
  if (n.type !== 'call_expression' || (n.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) return false;
  const unix = n.childForFieldName('function');
  if (unix?.type !== 'selector_expression' || unix.childForFieldName('field')?.text !== 'Unix') return false;
  let receiver = unparen(unix.childForFieldName('operand')!);
  while (receiver.type === 'call_expression') {
    const fn = receiver.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || (receiver.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) return false;
    const field = fn.childForFieldName('field')?.text;
    const operand = unparen(fn.childForFieldName('operand')!);
    if (field === 'Now') return operand.type === 'identifier' && operand.text === timePackage;
    if (field !== 'UTC' && field !== 'Local') return false;
    receiver = operand;
  }
  return false;
}

/** Classifies the deadline `node` of a v1 builder call. */
export function classifyExpiry(node: GoNode, root: GoNode, timePackage: string | undefined, depth = 0): GoExpiry {
  if (depth > MAX_DEPTH) return { kind: 'run-time' };
  const conversion = conversionType(node);
  const n = stripConversions(node);
  if (integerLiteralValue(n) === 0) return { kind: 'zero', stale: [] };
  if (n.type === 'identifier') {
    const local = localVariable(n);
    if (!local || local.writes.length > 0) return { kind: 'run-time' };
    const inner = classifyExpiry(local.value, root, timePackage, depth + 1);
    if (inner.kind === 'run-time') return inner;
    if (inner.kind === 'zero') return { kind: 'zero', stale: [...inner.stale, n] };
    // `uint32(deadline)` of an int64 deadline: N keeps that conversion
    const seconds = conversion && !/^\d+$/.test(inner.seconds) ? `${conversion}(${inner.seconds})` : inner.seconds;
    return { ...inner, seconds, stale: [...inner.stale, n] };
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.type === '+') {
    const left = n.childForFieldName('left')!;
    const right = n.childForFieldName('right')!;
    const ttl = isNow(left, timePackage) ? right : isNow(right, timePackage) ? left : undefined;
    if (!ttl) return { kind: 'run-time' };
    const value = constantValue(ttl, root);
    // N unknown, 0 or negative: v1 meant an already-past or request-dependent deadline, converted at run time
    if (value === undefined || value <= 0) return { kind: 'run-time' };
    const stale = [left, right];
    if (value > MAX_TOKEN_SECONDS) return { kind: 'relative', seconds: String(MAX_TOKEN_SECONDS), capped: true, stale };
    const plain = unparen(ttl);
    const text = integerLiteralValue(plain) !== undefined ? plain.text : conversion ? `${conversion}(${plain.text})` : plain.text;
    return { kind: 'relative', seconds: text, capped: false, stale };
  }
  return { kind: 'run-time' };
}
