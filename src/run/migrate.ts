/**
 * The migrate runner: walk → read → prefilter → transform (in-process or on workers) → re-parse →
 * git guard → atomic write, then the package.json dependency swap. Pure library: it never prints;
 * the CLI renders the report it returns.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import writeFileAtomic from 'write-file-atomic';
import { DirtyWorkingTreeError } from './errors.ts';
import { findUncommittedFiles } from './git.ts';
import { candidatesNeedingProject, collectProjectFacts, withoutGroupFacts, type FileGroup, type ProjectAnswers } from '../analysis/project/index.ts';
import { createModuleKindCache, detectModuleKind, findNearestPackageJson, type ModuleKindCache } from '../analysis/module-kind.ts';
import { migratePackageJson, PackageJsonSyntaxError, reinstallCommand, V1_PACKAGE } from './package-json.ts';
import { runJobs, startWorkers, workersAvailable, type StartedWorker } from './pool.ts';
import { decodeUtf8, isBinary, isGenerated, isMinified, mentionsAgora, normaliseText, restoreText, type NormalisedText } from './text.ts';
import type {
  FileReport,
  MigrationReport,
  MigrationSummary,
  PackageJsonReport,
  ReinstallHint,
  TransformFn,
  TransformJob,
  TransformJobResult,
} from './types.ts';
import { rejectBuilderTypeErrors } from './typecheck.ts';
import { errorCode, isSourceFile, toDisplayPath, walk, type WalkedFile } from './walk.ts';
import { isHtmlFile, raiseWebSdkInHtml, raiseWebSdkInPackageJson, WEB_SDK_MINIMUM, WEB_SDK_PACKAGE } from './web-sdk.ts';
import { isGoFile } from '../go/files.ts';

/** Below this many candidate files, starting workers (each loads the parsers) costs more than it saves. */
export const AUTO_WORKER_MIN_CANDIDATES = 24;
/**
 * Files read at a time. Reads are synchronous: from the page cache, one thread reading 10k files
 * one after the other took 0.2–0.4 s where 32 concurrent promise reads took 0.4–0.9 s (issue 11).
 */
const READ_CONCURRENCY = 1;

export interface MigrateOptions {
  cwd: string;
  /** Files and directories; default `.`. */
  paths?: string[];
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** Write even when the files to change have uncommitted git changes. */
  force?: boolean;
  /** Worker threads for parsing: a number (0 = in-process) or 'auto' (the default). */
  workers?: number | 'auto';
  /** In-process transform (default `applyRecipe`); implies in-process parsing. */
  transform?: TransformFn;
  /** URL of a module exporting `transform`, used by workers (and in-process when `transform` is not given). */
  transformModule?: string;
  /** Writes one file; default write-file-atomic (temp file + rename, keeps mode and owner). */
  writeFile?: (file: string, data: string) => Promise<void>;
  /**
   * Follow values across modules with the project layer (src/analysis/project): built only when a
   * candidate imports a module of the project or may wrap a builder. Default true; false migrates each file alone.
   */
  project?: boolean;
  /** Reports progress over the source files. */
  onProgress?: (done: number, total: number) => void;
}

interface Candidate {
  report: FileReport;
  raw: string;
  normalised: NormalisedText;
  job: TransformJob;
}

/** Runs the migration described by `options` and returns the report; throws only for whole-run problems. */
export async function migrate(options: MigrateOptions): Promise<MigrationReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const moduleKinds = createModuleKindCache();
  const walked = walk({
    cwd: options.cwd,
    paths: options.paths,
    // HTML pages too: their Web SDK <script> tags are raised (web-sdk.ts)
    isSourceFile: (name) => isSourceFile(name) || isHtmlFile(name),
    notSourceReason: 'not a JavaScript, TypeScript, Go or HTML file',
  });

  const total = walked.files.length;
  let done = 0;
  const progress = (count = 1) => {
    done += count;
    options.onProgress?.(done, total);
  };
  options.onProgress?.(0, total);

  const reports: FileReport[] = walked.skipped.map((skip) => ({
    path: skip.display,
    realPath: skip.path,
    status: 'skipped',
    reason: skip.reason,
    edits: [],
    reviews: [],
  }));
  for (const unreadable of walked.errors) {
    reports.push({
      path: unreadable.display,
      realPath: unreadable.path,
      status: 'error',
      error: { message: unreadable.message, hint: 'check its permissions or exclude it with .gitignore' },
      edits: [],
      reviews: [],
    });
  }
  const candidates: Candidate[] = [];
  /** text of every file that mentions Agora, as it will be on disk after the run */
  const finalTexts = new Map<FileReport, string>();

  // workers start as soon as the run is sure to use them, loading the parsers while files are still read
  const early: StartedWorker[] = [];
  await forEachLimited(walked.files, READ_CONCURRENCY, async (file, index) => {
    const { report, candidate, text } = await readAndClassify(file, index, moduleKinds);
    reports.push(report);
    if (text !== undefined) finalTexts.set(report, text);
    if (candidate) {
      candidates.push(candidate);
      const wanted = options.transform ? 0 : chooseWorkers(options, candidates.length);
      if (wanted > early.length) early.push(...startWorkers(wanted - early.length, options.transformModule));
    } else progress();
  });

  candidates.sort((a, b) => a.job.id - b.job.id);
  const projectCandidates = candidates.map((candidate) => ({ path: candidate.report.realPath, source: candidate.job.source, moduleKind: candidate.job.moduleKind }));
  // on workers, the files the project layer has nothing to ask about (they import no module of the
  // project) are transformed while it runs on this thread; the others wait for its answers
  const needing = options.project === false ? [] : candidatesNeedingProject(projectCandidates);
  const aheadWorkers = needing.length > 0 && needing.length < candidates.length ? chooseWorkers(options, candidates.length) : 0;
  const needsProject = new Set(needing.map((candidate) => candidate.path));
  const ahead = aheadWorkers > 0 ? candidates.filter((candidate) => !needsProject.has(candidate.report.realPath)) : [];
  let handOver: (jobs: TransformJob[]) => void = () => undefined;
  let giveUp: (error: unknown) => void = () => undefined;
  const later = new Promise<TransformJob[]>((resolve, reject) => {
    handOver = resolve;
    giveUp = reject;
  });
  // rejected only to stop a run ahead; awaited through `running`
  later.catch(() => undefined);
  /** job ids of the files that join the candidates after the project layer (below): their progress was already counted when they were read */
  const joined = new Set<number>();
  const onResult = (result: TransformJobResult) => (joined.has(result.id) ? undefined : progress());
  const running =
    ahead.length > 0
      ? runJobs(
          ahead.map((candidate) => candidate.job),
          { workers: aheadWorkers, transform: options.transform, transformModule: options.transformModule, onResult, started: early, later },
        )
      : undefined;
  // a failure while this thread is busy with the project layer surfaces where `running` is awaited
  running?.catch(() => undefined);
  // the project is analysed before the files that import its modules; the transforms then edit file by file with its answers
  let answers: ProjectAnswers;
  try {
    answers =
      options.project === false
        ? { facts: new Map(), groups: [], parsed: [] }
        : await collectProjectFacts({ candidates: projectCandidates, needing, sourceFiles: walked.files.map((file) => file.realPath) });
  } catch (error) {
    giveUp(error);
    await running?.catch(() => undefined);
    throw error;
  }
  // files the project layer has work for that never mention Agora (the callers of a wrapper) join the candidates
  const known = new Set(candidates.map((candidate) => candidate.report.realPath));
  for (const [index, file] of walked.files.entries()) {
    if (known.has(file.realPath) || !answers.facts.has(file.realPath)) continue;
    const { report, candidate } = await readAndClassify(file, index, moduleKinds, true);
    if (!candidate) continue;
    reports.splice(reports.findIndex((r) => r.realPath === file.realPath), 1, report);
    candidates.push(candidate);
    joined.add(candidate.job.id);
  }
  candidates.sort((a, b) => a.job.id - b.job.id);
  for (const candidate of candidates) candidate.job.projectFacts = answers.facts.get(candidate.report.realPath);
  // a file run ahead that the answers concern after all (a fact or a group of its own) runs again with them
  const grouped = new Set(answers.groups.flatMap((group) => group.files));
  const aheadIds = new Set(ahead.map((candidate) => candidate.job.id));
  const again = ahead.filter((candidate) => candidate.job.projectFacts !== undefined || grouped.has(candidate.report.realPath));
  const workers = running ? aheadWorkers : chooseWorkers(options, candidates.length);
  const jobOptions = { workers, transform: options.transform, transformModule: options.transformModule };
  const rest = candidates.filter((candidate) => !aheadIds.has(candidate.job.id)).map((candidate) => candidate.job);
  handOver(rest);
  const results = running ? await running : await runJobs(rest, { ...jobOptions, onResult, started: early });
  const byId = new Map<number, TransformJobResult>(results.map((result) => [result.id, result]));
  for (const result of await runJobs(again.map((candidate) => candidate.job), jobOptions)) byId.set(result.id, result);
  // a barrel moves to agora-token with all its importers (a wrapper to seconds with its callers) or not at all:
  // after a review or failure in any, the group is migrated file by file
  const undone = groupMembersToUndo(answers.groups, candidates, byId);
  for (const candidate of undone) candidate.job.projectFacts = withoutGroupFacts(candidate.job.projectFacts);
  for (const result of await runJobs(undone.map((candidate) => candidate.job), jobOptions)) byId.set(result.id, result);
  for (const candidate of candidates) applyResult(candidate, byId.get(candidate.job.id) as TransformJobResult);

  // a migrated TypeScript file with a type error at a builder call fails: nothing is written for it
  rejectBuilderTypeErrors(reports.filter((report) => report.status === 'changed'));
  const changed = reports.filter((report) => report.status === 'changed');
  for (const report of changed) finalTexts.set(report, report.after as string);
  let packageJsons = await planPackageJsons(walked.packageJsons, finalTexts, moduleKinds);

  if (!dryRun) {
    const toWrite = [...changed, ...packageJsons.filter((pkg) => pkg.status === 'changed')];
    if (!options.force && toWrite.length > 0) {
      const dirty = await findUncommittedFiles(toWrite.map((file) => file.realPath));
      if (dirty.length > 0) {
        const display = new Map(toWrite.map((file) => [file.realPath, file.path]));
        throw new DirtyWorkingTreeError(dirty.map((file) => display.get(file) ?? file));
      }
    }
    const write = options.writeFile ?? ((file: string, data: string) => writeFileAtomic(file, data));
    for (const report of changed) {
      if (!(await tryWrite(report, write))) finalTexts.set(report, report.before as string);
    }
    // a source file that could not be written still imports agora-access-token: plan again with that known
    packageJsons = await planPackageJsons(walked.packageJsons, finalTexts, moduleKinds);
    for (const pkg of packageJsons) if (pkg.status === 'changed') await tryWrite(pkg, write);
  }

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    dryRun,
    files: reports,
    packageJsons,
    reinstall: reinstallHints(packageJsons, options.cwd),
    summary: summarise(reports, packageJsons),
    elapsedMs: Math.round(performance.now() - started),
    workers,
  };
}

/** Reads one file and decides: skipped, unchanged (no Agora mention, never parsed) or a candidate for the transform. */
async function readAndClassify(
  file: WalkedFile,
  id: number,
  moduleKinds: ModuleKindCache,
  /** A file the project layer has work for (a wrapper's caller) is a candidate without mentioning Agora. */
  always = false,
): Promise<{ report: FileReport; candidate?: Candidate; text?: string }> {
  const report: FileReport = { path: file.display, realPath: file.realPath, status: 'unchanged', edits: [], reviews: [] };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.realPath);
  } catch (error) {
    report.status = 'error';
    report.error = { message: `could not read the file (${errorCode(error)})`, hint: "check the file's permissions or exclude it with .gitignore" };
    return { report };
  }
  if (isBinary(bytes)) return { report: skip(report, 'binary (contains NUL bytes)') };
  if (isHtmlFile(file.path)) return raiseHtml(report, bytes);
  if (!always && !mentionsAgora(bytes)) return { report };
  // from here on, a skipped file may hold v1 code: the summary names it
  report.mentionsAgora = true;
  const raw = decodeUtf8(bytes);
  if (raw === undefined) return { report: skip(report, 'not valid UTF-8') };
  // explicit files bypass the minified/generated heuristics: the user asked for them by name
  if (!file.explicit && isMinified(path.basename(file.path), raw)) return { report: skip(report, 'minified'), text: raw };
  if (!file.explicit && isGenerated(raw)) return { report: skip(report, 'generated (the header says so)'), text: raw };
  const normalised = normaliseText(raw);
  const moduleKind = detectModuleKind(file.realPath, moduleKinds);
  // a Go file has no module kind
  if (!isGoFile(file.realPath)) report.moduleKind = moduleKind;
  const job: TransformJob = { id, path: file.display, source: normalised.text, moduleKind };
  return { report, candidate: { report, raw, normalised, job }, text: raw };
}

/** An HTML page: its Web SDK `<script>` URLs raised in place (no parse on workers: it is a few text edits). */
function raiseHtml(report: FileReport, bytes: Buffer): { report: FileReport; text?: string } {
  const raw = decodeUtf8(bytes);
  if (raw === undefined) return { report: skip(report, 'not valid UTF-8') };
  const result = raiseWebSdkInHtml(raw, report.path);
  report.edits = result.edits;
  report.reviews = result.reviews;
  if (result.output !== undefined) {
    report.status = 'changed';
    report.before = raw;
    report.after = result.output;
  }
  return { report, text: raw };
}

/** Every member of a group (see FileGroup) in which some file failed or needs review. */
function groupMembersToUndo(groups: FileGroup[], candidates: Candidate[], results: Map<number, TransformJobResult>): Candidate[] {
  const byPath = new Map(candidates.map((candidate) => [candidate.report.realPath, candidate]));
  const undone = new Set<Candidate>();
  for (const group of groups) {
    const members = group.files.map((path) => byPath.get(path)).filter((c): c is Candidate => c !== undefined);
    const troubled = members.some((member) => {
      const result = results.get(member.job.id);
      return !result || !result.ok || result.reviews.length > 0;
    });
    if (troubled) for (const member of members) undone.add(member);
  }
  return [...undone].sort((a, b) => a.job.id - b.job.id);
}

function applyResult(candidate: Candidate, result: TransformJobResult): void {
  const { report } = candidate;
  if (!result.ok) {
    report.status = 'error';
    report.error = result.error;
    return;
  }
  report.edits = [...result.edits].sort(byPosition);
  report.reviews = [...result.reviews].sort(byPosition);
  if (result.output === undefined) return;
  const after = restoreText(result.output, candidate.normalised);
  if (after === candidate.raw) return;
  report.status = 'changed';
  report.before = candidate.raw;
  report.after = after;
}

function chooseWorkers(options: MigrateOptions, candidates: number): number {
  const requested = options.workers ?? 'auto';
  if (requested !== 'auto') {
    if (requested > 0 && options.transform) throw new TypeError('a transform function cannot run on workers: pass transformModule, or workers: 0');
    return Math.max(0, Math.floor(requested));
  }
  if (options.transform || candidates < AUTO_WORKER_MIN_CANDIDATES || !workersAvailable()) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(candidates / 8)));
}

/** Where an import or require of agora-access-token (or one of its deep paths) is still written. */
const V1_SPECIFIER = new RegExp(`(["'\`])${V1_PACKAGE}(?:/[^"'\`\\s]*)?\\1`);

async function planPackageJsons(
  files: WalkedFile[],
  finalTexts: Map<FileReport, string>,
  moduleKinds: ModuleKindCache,
): Promise<PackageJsonReport[]> {
  const stillNeeded = new Set<string>();
  for (const [report, text] of finalTexts) {
    if (!V1_SPECIFIER.test(text)) continue;
    const owner = findNearestPackageJson(path.dirname(report.realPath), moduleKinds);
    if (owner !== null) stillNeeded.add(owner);
  }
  const reports: PackageJsonReport[] = [];
  for (const file of files) {
    const report: PackageJsonReport = { path: file.display, realPath: file.realPath, status: 'unchanged', changes: [] };
    reports.push(report);
    let text: string;
    try {
      text = await readFile(file.realPath, 'utf8');
    } catch (error) {
      report.status = 'error';
      report.error = { message: `could not read the file (${errorCode(error)})`, hint: "check the file's permissions" };
      continue;
    }
    try {
      const migration = migratePackageJson(text, { v1StillNeeded: stillNeeded.has(file.realPath) || stillNeeded.has(file.path) });
      const webSdk = raiseWebSdkInPackageJson(migration.output ?? text, file.display);
      report.changes = [...migration.changes, ...webSdk.changes];
      report.reviews = webSdk.reviews;
      const output = webSdk.output ?? migration.output;
      if (output !== undefined) {
        report.status = 'changed';
        report.before = text;
        report.after = output;
      }
    } catch (error) {
      if (!(error instanceof PackageJsonSyntaxError)) throw error;
      report.status = 'error';
      report.error = { message: error.message, line: error.line, column: error.column, hint: 'fix the JSON and run migrate again' };
    }
  }
  return reports;
}

async function tryWrite(report: FileReport | PackageJsonReport, write: (file: string, data: string) => Promise<void>): Promise<boolean> {
  try {
    await write(report.realPath, report.after as string);
    return true;
  } catch (error) {
    report.status = 'error';
    report.error = {
      message: `could not write the file (${errorCode(error)})`,
      hint: 'the original was left untouched; check permissions and free space, then run migrate again',
    };
    return false;
  }
}

function reinstallHints(packageJsons: PackageJsonReport[], cwd: string): ReinstallHint[] {
  const hints = new Map<string, ReinstallHint>();
  for (const pkg of packageJsons) {
    if (pkg.status !== 'changed') continue;
    const { dir, command } = reinstallCommand(path.dirname(pkg.realPath));
    const key = `${dir}\0${command}`;
    const hint = hints.get(key) ?? { dir: toDisplayPath(cwd, dir), command, packages: [] };
    hints.set(key, hint);
    for (const change of pkg.changes) {
      const name = change.action === 'raised' ? `${change.package ?? WEB_SDK_PACKAGE} ${WEB_SDK_MINIMUM} or later` : change.action === 'removed' ? undefined : 'agora-token';
      if (name !== undefined && !hint.packages?.includes(name)) hint.packages?.push(name);
    }
  }
  return [...hints.values()].map((hint) => (hint.packages?.length ? hint : { dir: hint.dir, command: hint.command }));
}

function summarise(files: FileReport[], packageJsons: PackageJsonReport[]): MigrationSummary {
  const count = (status: FileReport['status']) => files.filter((file) => file.status === status).length;
  return {
    scanned: files.length,
    changed: count('changed'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    errors: count('error') + packageJsons.filter((pkg) => pkg.status === 'error').length,
    needsReview: files.filter((file) => file.reviews.length > 0).length + packageJsons.filter((pkg) => (pkg.reviews?.length ?? 0) > 0).length,
    reviewItems: [...files, ...packageJsons].reduce((sum, file) => sum + (file.reviews?.length ?? 0), 0),
    edits: files.reduce((sum, file) => sum + file.edits.length, 0),
    packageJsonsChanged: packageJsons.filter((pkg) => pkg.status === 'changed').length,
  };
}

function byPosition(a: { line: number; column: number }, b: { line: number; column: number }): number {
  return a.line - b.line || a.column - b.column;
}

function skip(report: FileReport, reason: string): FileReport {
  report.status = 'skipped';
  report.reason = reason;
  return report;
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let lastYield = Date.now();
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index], index);
      if (Date.now() - lastYield > 50) {
        // let timers run (progress bar redraws) while synchronous reads keep the thread busy
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
