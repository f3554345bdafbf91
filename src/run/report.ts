/** The machine-readable report of `migrate --json`, and the JSON Schema it follows. */
import type { ReviewItem } from '../types.ts';
import type { FileError, FileReport, FileStatus, MigrationReport, MigrationSummary, PackageJsonChange, ReinstallHint } from './types.ts';

/** Bumped when a field changes meaning or disappears (adding fields does not bump it). */
export const JSON_REPORT_VERSION = 1;

/** A file's outcome as `--json` prints it: without absolute paths and file texts. */
export type JsonFileReport = Omit<FileReport, 'realPath' | 'before' | 'after'>;

export interface JsonPackageJsonReport {
  path: string;
  status: FileStatus;
  changes: PackageJsonChange[];
  reviews: ReviewItem[];
  error?: FileError;
}

export interface JsonMigrationReport {
  version: typeof JSON_REPORT_VERSION;
  command: 'migrate';
  dryRun: boolean;
  /** Path of the patch written with --patch, if any. */
  patch?: string;
  summary: MigrationSummary;
  elapsedMs: number;
  workers: number;
  files: JsonFileReport[];
  packageJsons: JsonPackageJsonReport[];
  reinstall: ReinstallHint[];
}

/** The report without file texts and absolute paths: what `--json` prints. */
export function toJsonReport(report: MigrationReport, extra: { patch?: string } = {}): JsonMigrationReport {
  return {
    version: JSON_REPORT_VERSION,
    command: 'migrate',
    dryRun: report.dryRun,
    ...(extra.patch === undefined ? {} : { patch: extra.patch }),
    summary: report.summary,
    elapsedMs: report.elapsedMs,
    workers: report.workers,
    files: report.files.map((file) => ({
      path: file.path,
      status: file.status,
      ...(file.moduleKind === undefined ? {} : { moduleKind: file.moduleKind }),
      ...(file.reason === undefined ? {} : { reason: file.reason }),
      ...(file.error === undefined ? {} : { error: file.error }),
      edits: file.edits,
      reviews: file.reviews,
    })),
    packageJsons: report.packageJsons.map((pkg) => ({
      path: pkg.path,
      status: pkg.status,
      changes: pkg.changes,
      reviews: pkg.reviews ?? [],
      ...(pkg.error === undefined ? {} : { error: pkg.error }),
    })),
    reinstall: report.reinstall,
  };
}

const location = {
  file: { type: 'string', minLength: 1 },
  line: { type: 'integer', minimum: 1 },
  column: { type: 'integer', minimum: 1 },
  transform: { type: 'string', minLength: 1 },
} as const;

const fileError = {
  type: 'object',
  required: ['message', 'hint'],
  additionalProperties: false,
  properties: {
    message: { type: 'string', minLength: 1 },
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
    hint: { type: 'string', minLength: 1 },
  },
} as const;

const reviews = {
  type: 'array',
  items: {
    type: 'object',
    required: ['file', 'line', 'column', 'transform', 'reason'],
    properties: { ...location, reason: { type: 'string', minLength: 1 } },
  },
} as const;

const status = { enum: ['changed', 'unchanged', 'skipped', 'error'] } as const;
const count = { type: 'integer', minimum: 0 } as const;

/** JSON Schema (draft-07) of `migrate --json` output. */
export const jsonReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'agora-token-migrate migrate --json report',
  type: 'object',
  required: ['version', 'command', 'dryRun', 'summary', 'elapsedMs', 'workers', 'files', 'packageJsons', 'reinstall'],
  additionalProperties: false,
  properties: {
    version: { const: JSON_REPORT_VERSION },
    command: { const: 'migrate' },
    dryRun: { type: 'boolean' },
    patch: { type: 'string', minLength: 1 },
    elapsedMs: count,
    workers: count,
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['scanned', 'changed', 'unchanged', 'skipped', 'errors', 'needsReview', 'reviewItems', 'edits', 'packageJsonsChanged'],
      properties: {
        scanned: count,
        changed: count,
        unchanged: count,
        skipped: count,
        errors: count,
        needsReview: count,
        reviewItems: count,
        edits: count,
        packageJsonsChanged: count,
      },
    },
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'status', 'edits', 'reviews'],
        additionalProperties: false,
        properties: {
          path: { type: 'string', minLength: 1 },
          status,
          moduleKind: { enum: ['commonjs', 'module'] },
          reason: { type: 'string', minLength: 1 },
          error: fileError,
          edits: {
            type: 'array',
            items: {
              type: 'object',
              required: ['file', 'line', 'column', 'transform', 'description'],
              properties: { ...location, description: { type: 'string', minLength: 1 }, signatureChange: { const: true } },
            },
          },
          reviews,
        },
        allOf: [
          { if: { properties: { status: { const: 'error' } } }, then: { properties: { error: fileError }, required: ['error'] } },
          { if: { properties: { status: { const: 'skipped' } } }, then: { properties: { reason: { type: 'string' } }, required: ['reason'] } },
        ],
      },
    },
    packageJsons: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'status', 'changes', 'reviews'],
        additionalProperties: false,
        properties: {
          path: { type: 'string', minLength: 1 },
          status,
          error: fileError,
          reviews,
          changes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['section', 'action'],
              additionalProperties: false,
              properties: {
                section: { enum: ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] },
                action: { enum: ['renamed', 'removed', 'added', 'raised'] },
                package: { type: 'string', minLength: 1 },
                from: { type: 'string' },
                to: { type: 'string' },
              },
            },
          },
        },
      },
    },
    reinstall: {
      type: 'array',
      items: {
        type: 'object',
        required: ['dir', 'command'],
        additionalProperties: false,
        properties: {
          dir: { type: 'string', minLength: 1 },
          command: { type: 'string', minLength: 1 },
          packages: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
} as const;
