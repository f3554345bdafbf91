import type { API, FileInfo } from 'jscodeshift';
import { createContext, printContext, type MigrationContext, type Step, type TransformOptions } from './context.ts';
import { removeDeadClockVariables } from './clock-variables.ts';
import { pendingHelpers } from './runtime-helpers.ts';
import type { TransformResult } from '../types.ts';

/** Runs steps over one parsed file and finishes it (dead clock variables, helpers); undefined when not applicable. */
export function runSteps(file: FileInfo, api: API | undefined, options: TransformOptions, steps: Step[]): MigrationContext | undefined {
  const ctx = createContext(file, api as API, options);
  if (!ctx) return undefined;
  for (const step of steps) step(ctx);
  removeDeadClockVariables(ctx);
  ctx.appendix = pendingHelpers(ctx);
  return ctx;
}

/** The jscodeshift contract: new source when changed, undefined otherwise; reviews go to `api.report`. */
export function runTransform(file: FileInfo, api: API, options: TransformOptions, steps: Step[]): string | undefined {
  const ctx = runSteps(file, api, options, steps);
  if (!ctx) return undefined;
  for (const review of ctx.reviews) api.report(`${review.file}:${review.line}:${review.column}: manual review (${review.transform}): ${review.reason}`);
  return printContext(ctx);
}

/** Same as runTransform, with the edits and reviews as data (for the runner and the CLI). */
export function runTransformWithReport(file: FileInfo, options: TransformOptions, steps: Step[]): TransformResult {
  const ctx = runSteps(file, undefined, options, steps);
  if (!ctx) return { output: undefined, edits: [], reviews: [] };
  return { output: printContext(ctx), edits: ctx.edits, reviews: ctx.reviews };
}
