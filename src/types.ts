/** Shared result types of the transforms, the runner and the checker. */

/** A position in a source file; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** One rewrite a transform made, for reports (`migrate --json`). */
export interface EditRecord extends SourceLocation {
  transform: string;
  description: string;
  /** A function's parameter changed meaning (its callers were migrated with it): the summary lists it. */
  signatureChange?: true;
}

/** Something a transform could not prove safe: left in place with a marker comment and reported. */
export interface ReviewItem extends SourceLocation {
  transform: string;
  reason: string;
}

/** Result of running the recipe (or one transform) over one file's text. */
export interface TransformResult {
  /** New text, or undefined when nothing changed. */
  output: string | undefined;
  edits: EditRecord[];
  reviews: ReviewItem[];
}

/** How a file is loaded by Node: decides whether `agora-token` may be imported by name. */
export type ModuleKind = 'commonjs' | 'module';
