/** Types of the migrate runner: per-file jobs, per-file results and the run report. */
import type { ProjectFacts } from '../analysis/project/facts.ts';
import type { EditRecord, ModuleKind, ReviewItem, TransformResult } from '../types.ts';

/** The transform the runner applies to each candidate file (`applyRecipe` by default). */
export type TransformFn = (file: { path: string; source: string }, options: { moduleKind?: ModuleKind; projectFacts?: ProjectFacts }) => TransformResult;

/** Status of one source file in a run. */
export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

/** Why a file could not be migrated; line and column are 1-based when known. */
export interface FileError {
  message: string;
  line?: number;
  column?: number;
  /** What the user should do about it. */
  hint: string;
}

/** One source file's outcome. `before`/`after` hold the full file text (BOM and line endings included) of changed files. */
export interface FileReport {
  /** Path as shown to the user: relative to the working directory, with forward slashes. */
  path: string;
  /** Absolute path the runner reads and writes (symlinks resolved). */
  realPath: string;
  status: FileStatus;
  moduleKind?: ModuleKind;
  /** Why the file was skipped. */
  reason?: string;
  /** A skipped file that mentions Agora: it may hold v1 code the run did not migrate. */
  mentionsAgora?: boolean;
  error?: FileError;
  edits: EditRecord[];
  reviews: ReviewItem[];
  before?: string;
  after?: string;
}

/** One dependency move in a package.json. */
export interface PackageJsonChange {
  section: string;
  /**
   * `renamed`: agora-access-token became agora-token; `removed`: agora-token was already there; `added`: agora-token added next to a
   * still-needed agora-access-token; `raised`: the range of `package` (agora-rtc-sdk-ng) now starts at a release that accepts AccessToken2.
   */
  action: 'renamed' | 'removed' | 'added' | 'raised';
  /** The dependency a `raised` change is about. */
  package?: string;
  from?: string;
  to?: string;
}

/** One package.json's outcome. */
export interface PackageJsonReport {
  path: string;
  realPath: string;
  status: FileStatus;
  changes: PackageJsonChange[];
  /** Client SDKs too old for AccessToken2 that migrate does not raise (web-sdk.ts). */
  reviews?: ReviewItem[];
  reason?: string;
  error?: FileError;
  before?: string;
  after?: string;
}

/** Counts printed at the end of a run and in `--json`. */
export interface MigrationSummary {
  scanned: number;
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
  /** Files with at least one manual-review item (changed or not). */
  needsReview: number;
  reviewItems: number;
  edits: number;
  packageJsonsChanged: number;
}

/** A command that refreshes node_modules and the lockfile after package.json changed. */
export interface ReinstallHint {
  /** Directory to run it in, as shown to the user. */
  dir: string;
  command: string;
  /** What the package.json files now depend on (`agora-token`, `agora-rtc-sdk-ng ^4.8.0`); absent means agora-token. */
  packages?: string[];
}

/** Everything a run found and did. */
export interface MigrationReport {
  dryRun: boolean;
  files: FileReport[];
  packageJsons: PackageJsonReport[];
  reinstall: ReinstallHint[];
  summary: MigrationSummary;
  elapsedMs: number;
  /** Worker threads used for parsing (0 = in-process). */
  workers: number;
}

/** Work sent to a worker (or run in-process): one candidate file, BOM stripped and CRLF normalised to LF. */
export interface TransformJob {
  id: number;
  path: string;
  source: string;
  moduleKind: ModuleKind;
  /** What the project layer found out about this file from other modules (plain data, crosses into workers). */
  projectFacts?: ProjectFacts;
}

/** What a job produced; `output` is LF text without BOM, undefined when nothing changed. */
export type TransformJobResult =
  | { id: number; ok: true; output: string | undefined; edits: EditRecord[]; reviews: ReviewItem[] }
  | { id: number; ok: false; error: FileError };
