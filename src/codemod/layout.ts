import type { namedTypes as N } from 'ast-types';
import { preferredQuote, type MigrationContext } from './context.ts';

type Ranged = { start?: number | null; end?: number | null };

/** Whitespace at the start of the line that contains `offset`. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/**
 * Recast reprints a call whose argument count changed in its own layout (wrapping long lists one
 * argument per line). Print the new list in the call's original layout instead — one line, or one
 * argument per line — so the diff shows only the arguments that changed.
 */
export function preserveArgumentLayout(ctx: MigrationContext): void {
  const { source } = ctx.file;
  for (const call of ctx.analysis.calls) {
    const node = call.path.node as N.CallExpression & Ranged;
    const before = ctx.originalArity.get(node);
    if (before === undefined || before === node.arguments.length || before === 0) continue;
    const first = ctx.originalArgs.get(node)!;
    if (node.end == null) continue;
    const open = source.lastIndexOf('(', first.start);
    const multiLine = source.slice(open, first.start).includes('\n');
    const close = node.end - 1;
    const quote = preferredQuote(ctx);
    const printed = node.arguments.map((arg) => ctx.j(arg as never).toSource({ quote }));
    let text: string;
    if (multiLine) {
      // recast re-indents the lines of a reprinted node by the indentation of the line it starts on
      const base = indentAt(source, node.start ?? first.start).length;
      const indent = indentAt(source, first.start).slice(base);
      const closingIndent = indentAt(source, close).slice(base);
      const trailingComma = /,\s*$/.test(source.slice(first.lastEnd, close));
      text = `\n${printed.map((p) => indent + p.split('\n').join(`\n${indent}`)).join(',\n')}${trailingComma ? ',' : ''}\n${closingIndent}`;
    } else {
      // a call written on one line stays on one line, however long
      text = printed.join(', ');
    }
    node.arguments = [ctx.j.identifier(text)] as never;
  }
}
