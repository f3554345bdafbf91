import recast from 'recast';
import type { namedTypes as N } from 'ast-types';
import type { MigrationContext } from './context.ts';

type Ranged = { start?: number | null; end?: number | null };

/** Whitespace at the start of the line that contains `offset`. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/**
 * Recast reprints a call whose argument count changed with every argument on one line. Where the
 * original call had one argument per line, print the new list the same way instead, so the diff
 * shows only the arguments that changed.
 */
export function preserveArgumentLayout(ctx: MigrationContext): void {
  const { source } = ctx.file;
  for (const call of ctx.analysis.calls) {
    const node = call.path.node as N.CallExpression & Ranged;
    const before = ctx.originalArity.get(node);
    if (before === undefined || before === node.arguments.length || before === 0) continue;
    const first = ctx.originalArgs.get(node)!;
    const open = source.lastIndexOf('(', first.start);
    const multiLine = source.slice(open, first.start).includes('\n');
    if (!multiLine || node.end == null) continue;
    const close = node.end - 1;
    // recast re-indents the lines of a reprinted node by the indentation of the line it starts on
    const base = indentAt(source, node.start ?? first.start).length;
    const indent = indentAt(source, first.start).slice(base);
    const closingIndent = indentAt(source, close).slice(base);
    const trailingComma = /,\s*$/.test(source.slice(first.lastEnd, close));
    const printed = node.arguments.map((arg) => recast.print(arg as never, { quote: 'single' }).code.split('\n').join(`\n${indent}`));
    const text = `\n${printed.map((p) => indent + p).join(',\n')}${trailingComma ? ',' : ''}\n${closingIndent}`;
    node.arguments = [ctx.j.identifier(text)] as never;
  }
}
