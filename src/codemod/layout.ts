import type { namedTypes as N } from 'ast-types';
import { print } from 'recast';
import { parsedText, preferredQuote, type MigrationContext } from './context.ts';

type Ranged = { start?: number | null; end?: number | null; comments?: unknown[] | null };

const COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

/** Whitespace at the start of the line that contains `offset`. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** An argument printed as code only: the comments around it stay in the source text it is spliced into. */
function printBare(arg: N.Node & Ranged, quote: 'single' | 'double'): string {
  const saved = arg.comments;
  arg.comments = null;
  try {
    // recast's print of the bare node, as `ctx.j(arg).toSource()` does, without building a Collection per argument
    return print(arg as never, { quote }).code;
  } finally {
    arg.comments = saved;
  }
}

/** A separator between two arguments with its comments taken out: `, ` or `,\n<indent>`. */
function plainSeparator(separator: string): string {
  const bare = separator.replace(COMMENT, '');
  const newline = bare.lastIndexOf('\n');
  return newline < 0 ? ', ' : `,\n${bare.slice(newline + 1)}`;
}

/**
 * The new argument list as an edit of the original text: every argument stays where it was with
 * the separators, line breaks and comments around it; a replaced argument takes the place of the
 * one it replaced; an added one follows with the list's own separator; the comments of a removed
 * one move in front of the next argument. Only the arguments themselves are printed anew.
 */
function editedArguments(ctx: MigrationContext, source: string, node: N.CallExpression & Ranged, originals: (N.Node & Ranged)[], open: number, close: number): string {
  const quote = preferredQuote(ctx);
  const args = node.arguments as (N.Node & Ranged)[];
  const n = originals.length;
  const separators = originals.slice(0, -1).map((arg, i) => source.slice(arg.end ?? 0, originals[i + 1].start ?? 0));
  const tail = source.slice(originals[n - 1].end ?? 0, close);
  const plain = plainSeparator(separators[n - 2] ?? ', ');
  // which original argument each new one stands for: itself, the one a step says it replaced, or
  // (when the list did not shrink) the one that was at its index
  const origin = args.map((arg, k) => {
    const same = originals.indexOf(arg);
    if (same >= 0) return same;
    const replaced = ctx.argumentOrigins.get(arg);
    if (replaced) return originals.indexOf(replaced as N.Node & Ranged);
    return n <= args.length && k < n && !args.includes(originals[k]) ? k : -1;
  });
  const kept = new Set(origin.filter((o) => o >= 0));
  // the tail's first line (a trailing comma, a comment after the last argument) and the rest
  const tailNewline = tail.indexOf('\n');
  const tailFirstLine = tailNewline < 0 ? tail : tail.slice(0, tailNewline);
  const tailRest = tailNewline < 0 ? '' : tail.slice(tailNewline);
  const trailingComma = tail.replace(COMMENT, '').trim().startsWith(',');
  const tailComments = tailFirstLine.match(COMMENT) ?? [];

  let out = source.slice(open + 1, originals[0].start ?? open + 1);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const indent = /\n([ \t]*)$/.exec(out);
    out += indent ? pending.map((c) => `${c}\n${indent[1]}`).join('') : pending.map((c) => `${c.startsWith('//') ? `/*${c.slice(2)} */` : c} `).join('');
    pending = [];
  };
  let next = 0;
  args.forEach((arg, k) => {
    const o = origin[k];
    // comments after removed arguments before this one go in front of it
    for (; o >= 0 && next < o; next++) if (!kept.has(next)) pending.push(...(separators[next] ?? tail).match(COMMENT) ?? []);
    if (o >= 0) next = Math.max(next, o + 1);
    flush();
    // a printed argument of several lines continues at the indentation of the line it starts on
    const lineIndent = /(?:^|\n)([ \t]*)[^\n]*$/.exec(out)![1];
    out += printBare(arg, quote).split('\n').join(`\n${lineIndent}`);
    const last = k === args.length - 1;
    if (o >= 0 && o < n - 1) {
      // its own separator; as the last argument, keep only what ends the list
      out += last ? sep(separators[o], trailingComma) + tailRest : separators[o];
    } else if (o === n - 1) {
      // `3600 /* one hour */, 3600`, but `3600, // one hour` (a line comment must end the line)
      const blocks = tailComments.filter((c) => c.startsWith('/*'));
      const lines = tailComments.filter((c) => c.startsWith('//'));
      out += last ? tail : `${blocks.map((c) => ` ${c}`).join('')},${lines.map((c) => ` ${c}`).join('')}${plain.slice(1)}`;
    } else {
      out += last ? `${trailingComma ? ',' : ''}${tailRest}` : plain;
    }
  });
  for (; next < n; next++) if (!kept.has(next)) pending.push(...(separators[next] ?? tail).match(COMMENT) ?? []);
  if (pending.length > 0) out = out.replace(/([ \t]*)$/, (indent) => `${pending.map((c) => `${indent}${c}\n`).join('')}${indent}`);
  return out;
}

/** What stays of a separator when nothing follows it: its comments, and a comma only if the list had one. */
function sep(separator: string, trailingComma: boolean): string {
  const comments = separator.slice(0, separator.includes('\n') ? separator.indexOf('\n') : undefined).match(COMMENT) ?? [];
  return `${trailingComma ? ',' : ''}${comments.map((c) => ` ${c}`).join('')}`;
}

/** Removes `base` columns of indentation from every line after the first (recast adds the call's own back). */
function dedent(text: string, base: number): string {
  return text.replace(/\n([ \t]*)/g, (_, indent: string) => `\n${indent.slice(Math.min(base, indent.length))}`);
}

/**
 * Recast reprints a call whose argument count changed in its own layout (wrapping long lists one
 * argument per line, dropping comments between arguments). Print the new list as an edit of the
 * original text instead, so the diff shows only the arguments that changed.
 */
export function preserveArgumentLayout(ctx: MigrationContext): void {
  const source = parsedText(ctx);
  for (const call of ctx.analysis.calls) {
    const node = call.path.node as N.CallExpression & Ranged;
    const before = ctx.originalArity.get(node);
    if (before === undefined || before === node.arguments.length || before === 0) continue;
    const original = ctx.originalArgs.get(node)!;
    if (node.end == null) continue;
    const open = source.lastIndexOf('(', original.start);
    const close = node.end - 1;
    const text = editedArguments(ctx, source, node, original.nodes as (N.Node & Ranged)[], open, close);
    // recast re-indents the lines of a reprinted node by the indentation of the line it starts on
    node.arguments = [ctx.j.identifier(dedent(text, indentAt(source, node.start ?? original.start).length))] as never;
  }
}
