/**
 * Small readers over tree-sitter's Go syntax tree: what an expression is (a literal, a conversion,
 * `time.Now().Unix()`), where a local variable is declared and written, and which statement a node
 * belongs to. Everything here reads; nothing edits.
 */
import type { GoNode } from './parser.ts';

/** Go's integer types: `uint32(x)` is a conversion, not a call. */
const INTEGER_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

/** `(x)` → `x`. */
export function unparen(node: GoNode): GoNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.namedChildren[0];
  return current;
}

/** The integer type of a conversion `uint32(x)` (undefined for anything else). */
export function conversionType(node: GoNode): string | undefined {
  const n = unparen(node);
  if (n.type !== 'call_expression') return undefined;
  const fn = n.childForFieldName('function');
  const args = n.childForFieldName('arguments');
  if (!fn || fn.type !== 'identifier' || !INTEGER_TYPES.has(fn.text) || !args || args.namedChildCount !== 1) return undefined;
  return fn.text;
}

/** `uint32(int64(x))` → `x`. */
export function stripConversions(node: GoNode): GoNode {
  let current = unparen(node);
  while (conversionType(current) !== undefined) current = unparen(current.childForFieldName('arguments')!.namedChildren[0]);
  return current;
}

/** The arguments of a call (empty for none). */
export function callArguments(call: GoNode): GoNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
}

/** The value of an integer literal (`3600`, `0x10`, `86_400`), or undefined. */
export function integerLiteralValue(node: GoNode): number | undefined {
  const n = unparen(node);
  if (n.type !== 'int_literal') return undefined;
  const text = n.text.replaceAll('_', '').toLowerCase();
  const value = /^0[0-7]+$/.test(text) ? Number.parseInt(text.slice(1), 8) : text.startsWith('0o') ? Number.parseInt(text.slice(2), 8) : Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The function, method or function literal whose body contains `node`. */
export function enclosingFunction(node: GoNode): GoNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'func_literal') return current;
  }
  return undefined;
}

/** The statement (a direct child of a block, a case body or the file) that contains `node`. */
export function enclosingStatement(node: GoNode): GoNode {
  let current = node;
  while (current.parent) {
    const parent = current.parent;
    if (parent.type === 'block' || parent.type === 'source_file' || parent.type === 'expression_case' || parent.type === 'default_case' || parent.type === 'type_case' || parent.type === 'communication_case') {
      // a case's own value list is not a statement in its body
      if ((parent.type === 'expression_case' || parent.type === 'type_case') && parent.childForFieldName('value')?.id === current.id) return parent.parent?.parent ?? parent;
      return current;
    }
    current = parent;
  }
  return current;
}

/** A local variable: its declaring statement (one name, one value) and every write to it. */
export interface LocalVariable {
  name: string;
  /** `x := v` or `var x = v` (a statement of its own). */
  declaration: GoNode;
  value: GoNode;
  /** Assignments, `x++`, `&x`: any of these makes the value unknown. */
  writes: GoNode[];
}

function identifierList(node: GoNode | null): GoNode[] {
  if (!node) return [];
  return node.type === 'expression_list' ? node.namedChildren : [node];
}

/** Declarations of `name` inside `scope`, with their single value when the declaration has one name and one value. */
function declarationsOf(scope: GoNode, name: string): { statement: GoNode; value?: GoNode }[] {
  const out: { statement: GoNode; value?: GoNode }[] = [];
  for (const decl of scope.descendantsOfType(['short_var_declaration', 'var_spec', 'const_spec'])) {
    const names = decl.type === 'short_var_declaration' ? identifierList(decl.childForFieldName('left')) : decl.childrenForFieldName('name');
    if (!names.some((n) => n.text === name)) continue;
    const values = identifierList(decl.childForFieldName(decl.type === 'short_var_declaration' ? 'right' : 'value'));
    const statement = decl.type === 'short_var_declaration' ? decl : (decl.parent?.type === 'var_spec_list' || decl.parent?.type === 'const_spec_list' ? decl : decl.parent ?? decl);
    out.push({ statement, value: names.length === 1 && values.length === 1 ? values[0] : undefined });
  }
  for (const param of scope.descendantsOfType(['parameter_declaration', 'variadic_parameter_declaration'])) {
    if (param.childrenForFieldName('name').some((n) => n.text === name)) out.push({ statement: param });
  }
  for (const range of scope.descendantsOfType('range_clause')) {
    if (identifierList(range.childForFieldName('left')).some((n) => n.text === name)) out.push({ statement: range });
  }
  return out;
}

/** Writes to `name` inside `scope` other than its declaration. */
function writesOf(scope: GoNode, name: string): GoNode[] {
  const writes: GoNode[] = [];
  for (const assign of scope.descendantsOfType('assignment_statement')) {
    if (identifierList(assign.childForFieldName('left')).some((n) => n.type === 'identifier' && n.text === name)) writes.push(assign);
  }
  for (const step of scope.descendantsOfType(['inc_statement', 'dec_statement'])) {
    if (step.namedChildren[0]?.type === 'identifier' && step.namedChildren[0].text === name) writes.push(step);
  }
  for (const unary of scope.descendantsOfType('unary_expression')) {
    const operand = unary.childForFieldName('operand');
    if (unary.child(0)?.type === '&' && operand?.type === 'identifier' && operand.text === name) writes.push(unary);
  }
  return writes;
}

/**
 * The local variable `identifier` reads, when the enclosing function declares that name exactly once
 * with one value (so every read sees that declaration or a later write), else undefined.
 */
export function localVariable(identifier: GoNode): LocalVariable | undefined {
  const fn = enclosingFunction(identifier);
  if (!fn) return undefined;
  const name = identifier.text;
  const declarations = declarationsOf(fn, name);
  if (declarations.length !== 1 || !declarations[0].value) return undefined;
  const { statement, value } = declarations[0];
  if (statement.startIndex > identifier.startIndex) return undefined;
  return { name, declaration: statement, value, writes: writesOf(fn, name) };
}

/** A package-level `const name = value` of the file (one name, one value). */
export function packageConstant(root: GoNode, name: string): GoNode | undefined {
  const found: GoNode[] = [];
  for (const decl of root.namedChildren) {
    if (decl.type !== 'const_declaration') continue;
    for (const spec of decl.descendantsOfType('const_spec')) {
      const names = spec.childrenForFieldName('name');
      const values = identifierList(spec.childForFieldName('value'));
      if (names.length === 1 && names[0].text === name && values.length === 1) found.push(values[0]);
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** Whether `name` is declared anywhere in the file as something other than an import (a variable, parameter, function or type). */
export function isDeclaredInFile(root: GoNode, name: string): boolean {
  if (declarationsOf(root, name).length > 0) return true;
  return root
    .descendantsOfType(['function_declaration', 'type_spec', 'method_declaration'])
    .some((decl) => decl.childForFieldName('name')?.text === name);
}

/** Reads of `name` in `scope` as a plain identifier (not a field, not a declaration's own name). */
export function identifierReads(scope: GoNode, name: string): GoNode[] {
  return scope.descendantsOfType('identifier').filter((id) => {
    if (id.text !== name) return false;
    const parent = id.parent;
    if (!parent) return true;
    if (parent.type === 'short_var_declaration' || parent.type === 'var_spec' || parent.type === 'const_spec') return false;
    if (parent.type === 'expression_list' && parent.parent?.type === 'short_var_declaration' && parent.parent.childForFieldName('left')?.id === parent.id) return false;
    return true;
  });
}

/**
 * Every value the local variable read by `identifier` can hold, when all are visible: one
 * declaration in the enclosing function (not a parameter, with a value or `var x T` assigned before
 * any read is not enough: its zero value counts as unknown) and plain `x = v` writes. Undefined when
 * any is hidden (a parameter, a package variable, `x++`, `&x`, a multi-value assignment).
 */
export function assignedValues(identifier: GoNode): GoNode[] | undefined {
  const fn = enclosingFunction(identifier);
  if (!fn) return undefined;
  const name = identifier.text;
  const declarations = declarationsOf(fn, name);
  if (declarations.length !== 1 || !declarations[0].value) return undefined;
  const values = [declarations[0].value];
  for (const write of writesOf(fn, name)) {
    if (write.type !== 'assignment_statement' || write.childForFieldName('operator')?.text !== '=') return undefined;
    const left = identifierList(write.childForFieldName('left'));
    const right = identifierList(write.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1) return undefined;
    values.push(right[0]);
  }
  return values;
}
