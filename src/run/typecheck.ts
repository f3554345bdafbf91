/**
 * The post-migration type check in the run: a changed TypeScript (or `// @ts-check` JavaScript)
 * file whose migrated text has a type error at a builder call fails, and nothing is written for it.
 */
import { diffLines } from 'diff';
import { isTypecheckCandidate, typecheckBuilderCalls, type BuilderTypeError } from '../analysis/typecheck.ts';
import type { FileReport } from './types.ts';

export const TYPE_ERROR_HINT =
  'nothing was written for this file: fix the call by hand against agora-token\'s declarations (or the marked review item), then run migrate again';

/**
 * The line in `before` that line `line` of `after` stands for: itself where the diff kept it, the
 * first line of the replaced lines where the migration changed it.
 */
export function originalLine(before: string, after: string, line: number): number {
  let oldLine = 1;
  let newLine = 1;
  let replacedStart: number | undefined;
  for (const part of diffLines(before, after)) {
    const count = part.count ?? 0;
    if (part.removed) {
      replacedStart = oldLine;
      oldLine += count;
      continue;
    }
    if (part.added) {
      if (line < newLine + count) return replacedStart ?? oldLine;
      newLine += count;
      replacedStart = undefined;
      continue;
    }
    if (line < newLine + count) return oldLine + (line - newLine);
    oldLine += count;
    newLine += count;
    replacedStart = undefined;
  }
  return Math.max(1, oldLine - 1);
}

/** Fails every changed file whose migrated text has a type error at a builder call (status `error`, nothing to write). */
export function rejectBuilderTypeErrors(changed: readonly FileReport[]): void {
  const candidates = changed.filter((report) => report.after !== undefined && isTypecheckCandidate(report.realPath, report.after));
  if (candidates.length === 0) return;
  const errors = typecheckBuilderCalls(candidates.map((report) => ({ path: report.realPath, text: report.after as string })));
  const byFile = new Map<string, BuilderTypeError[]>();
  for (const error of errors) byFile.set(error.file, [...(byFile.get(error.file) ?? []), error]);
  for (const report of candidates) {
    const found = byFile.get(report.realPath);
    if (!found) continue;
    const [first] = found;
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
    report.status = 'error';
    report.error = {
      message: `type error at an agora-token builder call after migration: TS${first.code}: ${first.message}${more}`,
      line: originalLine(report.before as string, report.after as string, first.line),
      column: first.column,
      hint: TYPE_ERROR_HINT,
    };
    delete report.before;
    delete report.after;
  }
}
