import type { ModuleKind, TransformResult } from './types.ts';

export interface RecipeOptions {
  /** Overrides detection from the extension and the nearest package.json. */
  moduleKind?: ModuleKind;
}

/**
 * Runs the default AccessToken2 recipe over one file: parse once, apply every transform, print once.
 * Throws a SyntaxError-like error (with `loc`) when the file does not parse.
 */
export function applyRecipe(file: { path: string; source: string }, options: RecipeOptions = {}): TransformResult {
  void file;
  void options;
  return { output: undefined, edits: [], reviews: [] };
}
