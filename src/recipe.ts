import { RECIPE_STEPS } from '../transforms/accesstoken2.ts';
import { runTransformWithReport } from './codemod/run-steps.ts';
import { isGoFile, migrateGoSource } from './go/index.ts';
import type { ProjectFacts } from './analysis/project/facts.ts';
import type { ModuleKind, TransformResult } from './types.ts';

export interface RecipeOptions {
  /** Overrides detection from the extension and the nearest package.json. */
  moduleKind?: ModuleKind;
  /** What the project layer knows about this file from other modules (see src/analysis/project). */
  projectFacts?: ProjectFacts;
}

/**
 * Runs the default AccessToken2 recipe over one file: parse once, apply every transform, print once.
 * Throws the parser's SyntaxError (with `loc`) when the file does not parse. Go files go to the Go room.
 */
export function applyRecipe(file: { path: string; source: string }, options: RecipeOptions = {}): TransformResult {
  if (isGoFile(file.path)) return migrateGoSource(file);
  return runTransformWithReport(
    file,
    options,
    RECIPE_STEPS.map(([, step]) => step),
  );
}
