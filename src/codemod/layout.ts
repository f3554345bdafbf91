import type { namedTypes as N } from 'ast-types';
import { parsedText, preferredQuote, type MigrationContext } from './context.ts';

type Ranged = { start?: number | null; end?: number | null; comments?: unknown[] | null };

/** Whitespace at the start of the line that contains `offset`. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** The comments in a gap of source between two arguments: those on the first line, and the rest. */
function commentsIn(gap: string): { sameLine: string[]; ownLines: string[] } {
  const sameLine: string[] = [];
  const ownLines: string[] = [];
  for (const match of gap.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)) {
    (gap.slice(0, match.index).includes('\n') ? ownLines : sameLine).push(match[0].trimEnd());
  }
  return { sameLine, ownLines };
}

/** An argument printed as code only: its comments are placed from the source text instead. */
function printBare(ctx: MigrationContext, arg: N.Node & Ranged, quote: 'single' | 'double'): string {
  const saved = arg.comments;
  arg.comments = null;
  try {
    return ctx.j(arg as never).toSource({ quote });
  } finally {
    arg.comments = saved;
  }
}

/**
 * One argument per line, as written, with every comment kept: a comment after an argument stays
 * after the argument that took its place (`3600, // one hour`), a comment on its own line stays
 * above it, and comments of removed arguments move to the next argument.
 */
function multiLineArguments(ctx: MigrationContext, source: string, node: N.CallExpression & Ranged, original: { start: number; nodes: N.Node[] }, open: number, close: number): string {
  const quote = preferredQuote(ctx);
  const nodes = original.nodes as (N.Node & Ranged)[];
  // recast re-indents the lines of a reprinted node by the indentation of the line it starts on
  const base = indentAt(source, node.start ?? original.start).length;
  const indent = indentAt(source, original.start).slice(base);
  const closingIndent = indentAt(source, close).slice(base);
  const leading: string[][] = nodes.map(() => []);
  const trailing: string[][] = nodes.map(() => []);
  const beforeFirst = commentsIn(source.slice(open + 1, nodes[0].start ?? open + 1));
  leading[0].push(...beforeFirst.sameLine, ...beforeFirst.ownLines);
  const endsWithComma = trailingComma(source, nodes[nodes.length - 1].end ?? 0, close);
  let dangling: string[] = [];
  nodes.forEach((arg, i) => {
    const gap = commentsIn(source.slice(arg.end ?? 0, i + 1 < nodes.length ? (nodes[i + 1].start ?? 0) : close));
    trailing[i].push(...gap.sameLine);
    if (i + 1 < nodes.length) leading[i + 1].push(...gap.ownLines);
    else dangling = gap.ownLines;
  });
  const args = node.arguments as (N.Node & Ranged)[];
  // which original argument each new one stands for: itself, the one a step says it replaced, or
  // (when the list did not shrink) the one that was at its index
  const origin = args.map((arg, k) => {
    const same = nodes.indexOf(arg);
    if (same >= 0) return same;
    const replaced = ctx.argumentOrigins.get(arg);
    if (replaced) return nodes.indexOf(replaced as N.Node & Ranged);
    return nodes.length <= args.length && k < nodes.length && !args.includes(nodes[k]) ? k : -1;
  });
  // comments of arguments that are gone go with the next argument that stays
  let carried: string[] = [];
  const lines: string[] = [];
  let next = 0;
  const flushRemoved = (upTo: number) => {
    for (; next < upTo; next++) if (!origin.includes(next)) carried.push(...leading[next], ...trailing[next]);
  };
  args.forEach((arg, k) => {
    const o = origin[k];
    if (o >= 0) flushRemoved(o);
    const comments = [...carried, ...(o >= 0 ? leading[o] : [])];
    carried = [];
    if (o >= 0) next = Math.max(next, o + 1);
    for (const comment of comments) lines.push(indent + comment);
    const printed = printBare(ctx, arg, quote).split('\n').join(`\n${indent}`);
    const comma = k < args.length - 1 || endsWithComma ? ',' : '';
    const after = o >= 0 && trailing[o].length > 0 ? ` ${trailing[o].join(' ')}` : '';
    lines.push(`${indent}${printed}${comma}${after}`);
  });
  flushRemoved(nodes.length);
  for (const comment of [...carried, ...dangling]) lines.push(indent + comment);
  return `\n${lines.join('\n')}\n${closingIndent}`;
}

/** Did the original list end with a comma (comments aside)? */
function trailingComma(source: string, lastEnd: number, close: number): boolean {
  return source.slice(lastEnd, close).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim().startsWith(',');
}

/**
 * Recast reprints a call whose argument count changed in its own layout (wrapping long lists one
 * argument per line). Print the new list in the call's original layout instead — one line, or one
 * argument per line — so the diff shows only the arguments that changed.
 */
export function preserveArgumentLayout(ctx: MigrationContext): void {
  const source = parsedText(ctx);
  for (const call of ctx.analysis.calls) {
    const node = call.path.node as N.CallExpression & Ranged;
    const before = ctx.originalArity.get(node);
    if (before === undefined || before === node.arguments.length || before === 0) continue;
    const first = ctx.originalArgs.get(node)!;
    if (node.end == null) continue;
    const open = source.lastIndexOf('(', first.start);
    const close = node.end - 1;
    const multiLine = source.slice(open, first.start).includes('\n');
    const text = multiLine
      ? multiLineArguments(ctx, source, node, first, open, close)
      : // a call written on one line stays on one line, however long
        node.arguments.map((arg) => ctx.j(arg as never).toSource({ quote: preferredQuote(ctx) })).join(', ');
    node.arguments = [ctx.j.identifier(text)] as never;
  }
}
