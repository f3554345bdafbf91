/** One candidate file through the transform and the output re-parse: the unit of work of a worker. */
import { errorLocation, errorMessage, parseCheck } from './parse-check.ts';
import type { TransformFn, TransformJob, TransformJobResult } from './types.ts';

/** Loads a transform from a module URL (its `transform` export): how tests and tools hand a transform to workers. */
export async function loadTransformModule(url: string): Promise<TransformFn> {
  const loaded = (await import(url)) as { transform?: unknown };
  if (typeof loaded.transform !== 'function') throw new TypeError(`${url} has no \`transform\` function export`);
  return loaded.transform as TransformFn;
}

/** What to do about a file that does not parse. */
export const SYNTAX_ERROR_HINT = 'fix the syntax error or exclude the file with .gitignore; the file was left untouched';

const BUG_HINT =
  'the file was left untouched; this is a bug in agora-token-migrate, please report it with the file (exclude the file with .gitignore to migrate the rest)';

/** Runs `transform` on the job and re-parses its output; never throws. */
export function runTransformJob(job: TransformJob, transform: TransformFn): TransformJobResult {
  let result;
  try {
    result = transform({ path: job.path, source: job.source }, { moduleKind: job.moduleKind, projectFacts: job.projectFacts });
  } catch (error) {
    const location = errorLocation(error);
    const isSyntaxError = location.line !== undefined || (error instanceof Error && error.name === 'SyntaxError');
    return {
      id: job.id,
      ok: false,
      error: isSyntaxError
        ? { message: `syntax error: ${errorMessage(error)}`, ...location, hint: SYNTAX_ERROR_HINT }
        : { message: `transform failed: ${errorMessage(error)}`, hint: BUG_HINT },
    };
  }
  const output = result.output === job.source ? undefined : result.output;
  if (output !== undefined) {
    try {
      parseCheck(job.path, output);
    } catch (error) {
      // the location points into the migrated text, not the file on disk, so it goes into the message
      const { line, column } = errorLocation(error);
      const where = line === undefined ? '' : ` (at ${line}:${column} of the migrated text)`;
      return {
        id: job.id,
        ok: false,
        error: { message: `the migrated text does not parse: ${errorMessage(error)}${where}`, hint: BUG_HINT },
      };
    }
  }
  return { id: job.id, ok: true, output, edits: result.edits, reviews: result.reviews };
}
