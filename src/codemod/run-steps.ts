import type { API, ASTPath, FileInfo } from 'jscodeshift';
import { createContext, printContext, requestReview, type MigrationContext, type PassState, type ReviewAnchor, type Step, type TransformOptions } from './context.ts';
import { removeStaleVariables } from './stale-variables.ts';
import { pendingHelpers } from './runtime-helpers.ts';
import type { TransformResult } from '../types.ts';
import { mentionsAgora } from '../analysis/sources.ts';
import { hasWorkWithoutAgoraImport } from '../analysis/project/facts.ts';

/** Repeats an earlier pass's reviews on this pass's tree (same text, so same offsets). */
function replayReviews(ctx: MigrationContext, anchors: readonly ReviewAnchor[]): void {
  if (anchors.length === 0) return;
  const wanted = new Set(anchors.map((a) => `${a.start}:${a.type}`));
  const paths = new Map<string, ASTPath>();
  ctx.j.types.visit(ctx.root.paths()[0] as never, {
    visitNode(path) {
      const node = path.node as { start?: number; type: string };
      const key = `${node.start}:${node.type}`;
      if (wanted.has(key) && !paths.has(key)) paths.set(key, path as ASTPath);
      this.traverse(path);
    },
  });
  for (const anchor of anchors) {
    const path = paths.get(`${anchor.start}:${anchor.type}`);
    if (path) requestReview(ctx, anchor.transform, path, anchor.reason);
  }
}

function runPass(file: FileInfo, api: API | undefined, options: TransformOptions, steps: Step[], previous?: PassState): MigrationContext | undefined {
  const ctx = createContext(file, api as API, options, previous);
  if (!ctx) return undefined;
  if (previous) replayReviews(ctx, previous.reviews);
  for (const step of steps) step(ctx);
  removeStaleVariables(ctx);
  ctx.appendix = pendingHelpers(ctx);
  return ctx;
}

/**
 * Runs steps over one file and finishes it (stale variables, helpers); undefined when not
 * applicable. A v1 name kept for review (swap-import) must keep every use AccessToken-shaped, or
 * the calls already given v2 arguments would reach the v1 builder. Which names are kept is only
 * known once the steps ran, so the file is migrated again from its text with those names' families
 * frozen (freeze.ts), until no new family is kept (each pass freezes at least one more of four, so
 * this ends).
 */
export function runSteps(file: FileInfo, api: API | undefined, options: TransformOptions, steps: Step[]): MigrationContext | undefined {
  // every transform and the recipe come through here: a source naming no Agora module is not parsed,
  // unless the project layer has work for it
  if (!mentionsAgora(file.source) && !hasWorkWithoutAgoraImport(options.projectFacts)) return undefined;
  let ctx = runPass(file, api, options, steps);
  let reviews: ReviewAnchor[] = [];
  while (ctx && [...ctx.keptFamilies].some((family) => !ctx!.frozenFamilies.has(family))) {
    const keptFamilies = new Set([...ctx.frozenFamilies, ...ctx.keptFamilies]);
    // every earlier pass's unmigrated calls: a third pass sees neither the first's nor the second's
    reviews = [...reviews, ...ctx.reviewAnchors];
    ctx = runPass(file, api, options, steps, { keptFamilies, reviews });
  }
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
