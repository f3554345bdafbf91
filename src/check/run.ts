/**
 * `check` over paths: list the files, decide each from its bytes (src/check/triggers.ts), run the
 * detectors of the files that can hold a finding, fingerprint the findings. A file without any
 * rule's trigger is scanned in chunks and dropped; only JS/TS files with an analysis trigger are parsed, after
 * the cheap pass, by the analysis loaded on first need (on worker threads when there are many).
 * No file's contents outlive its check. One unreadable or unparseable file becomes a tool error
 * and the run goes on.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createModuleKindCache, detectModuleKind, type ModuleKindCache } from '../analysis/module-kind.ts';
import { checkFileText, type AnalyzeAgoraUsage } from './check-file.ts';
import { compareFindings, finaliseFindings, type CheckReport, type Finding, type RawFinding, type ToolError } from './finding.ts';
import { isTypecheckCandidate, typecheckBuilderCalls } from '../analysis/typecheck.ts';
import { listCheckTargets, type CheckTarget } from './files.ts';
import { splitLines } from './source-text.ts';
import { loadGoParser } from '../go/parser.ts';
import { anyTrigger, LONGEST_MATCH, PrefilterScan } from './triggers.ts';
import { checkCandidatesOnWorkers, checkWorkersAvailable, CHECK_FILES_PER_WORKER, CHECK_WORKER_MIN_CANDIDATES } from './workers.ts';

export interface RunCheckOptions {
  cwd: string;
  /** Files and directories relative to cwd; default `.`. */
  paths?: readonly string[];
  /** The JS/TS analysis; default: src/analysis/agora-usage.ts, imported when the first file needs it. */
  analyze?: AnalyzeAgoraUsage;
  /**
   * Worker threads for the files that need parsing: a number (0 = in-process) or 'auto' (the
   * default: in-process below CHECK_WORKER_MIN_CANDIDATES, or with an injected `analyze`, which
   * cannot cross into a worker; workers always run the default analysis).
   */
  workers?: number | 'auto';
}

/** What one file contributed. */
export interface TargetResult {
  findings: Finding[];
  toolErrors: ToolError[];
}

const EMPTY: TargetResult = { findings: [], toolErrors: [] };

const cannotRead = (target: CheckTarget, error: unknown): ToolError => ({
  file: target.display,
  message: `cannot read: ${error instanceof Error ? error.message : String(error)}`,
});

/** A file's bytes, or the tool error saying why they could not be read. */
function readTarget(target: CheckTarget): Buffer | ToolError {
  try {
    return readFileSync(target.path);
  } catch (error) {
    return cannotRead(target, error);
  }
}

/**
 * Bytes read at a time by the prefilter, through one buffer: small enough that each chunk's text
 * is a short-lived young-generation string, so memory stays flat however large the files are.
 */
export const SCAN_CHUNK_BYTES = 64 * 1024;
const scratch = Buffer.alloc(SCAN_CHUNK_BYTES + LONGEST_MATCH);

/** What a file's bytes allow: any finding at all, and (JS/TS) the analysis. */
export interface ByteVerdict {
  mayHaveFindings: boolean;
  needsAnalysis: boolean;
}

const NO_FINDINGS: ByteVerdict = { mayHaveFindings: false, needsAnalysis: false };

/**
 * Feeds the bytes of `fd` from its start up to `end` (or its end) to `onText` as Latin-1 text, in
 * chunks through one buffer, each beginning with the previous one's last LONGEST_MATCH - 1 bytes
 * (so no trigger or required pattern is split), until `onText` returns true (then returns true).
 */
function forEachChunk(fd: number, end: number, onText: (text: string, offset: number) => boolean): boolean {
  let kept = 0;
  let position = 0;
  while (position < end) {
    const read = readSync(fd, scratch, kept, Math.min(SCAN_CHUNK_BYTES, end - position), position);
    if (read === 0) return false;
    const total = kept + read;
    if (onText(scratch.toString('latin1', 0, total), position - kept)) return true;
    position += read;
    kept = Math.min(LONGEST_MATCH - 1, total);
    scratch.copy(scratch, 0, total - kept, total);
  }
  return false;
}

/**
 * Reads a file in chunks until its verdict cannot change, holding none of it afterwards. Until the
 * first trigger only `anyTrigger` is tested (most files end there); from the chunk holding it on,
 * the rules' gates (PrefilterScan). A gate short only of a pattern it requires at the end has the
 * file read again up to its first trigger for that pattern alone (it may stand before the trigger).
 */
export function scanBytes(target: CheckTarget): ByteVerdict | ToolError {
  let fd: number;
  try {
    fd = openSync(target.path, 'r');
  } catch (error) {
    return cannotRead(target, error);
  }
  try {
    const found: { scan?: PrefilterScan } = {};
    const final = forEachChunk(fd, Number.POSITIVE_INFINITY, (text, offset) => {
      if (found.scan === undefined) {
        if (!anyTrigger(text)) return false;
        found.scan = new PrefilterScan(target.kind.type === 'js');
      }
      return found.scan.feed(text, offset);
    });
    const { scan } = found;
    if (scan === undefined) return NO_FINDINGS;
    if (!final && scan.prefixEnd > 0) forEachChunk(fd, scan.prefixEnd, (text) => scan.feedPrefix(text));
    return scan;
  } catch (error) {
    return cannotRead(target, error);
  } finally {
    closeSync(fd);
  }
}

/** Runs the detectors over one file's text. */
export function checkTargetText(target: CheckTarget, text: string, analyze: AnalyzeAgoraUsage, moduleKinds: ModuleKindCache): TargetResult {
  const moduleKind = target.kind.type === 'js' ? detectModuleKind(target.path, moduleKinds) : undefined;
  const result = checkFileText(target.path, text, target.kind, { analyze, moduleKind, extraFindings: target.extraFindings });
  return {
    // the lines are only for the findings' fingerprints: most files read have none
    findings: result.findings.length === 0 ? [] : finaliseFindings(target.display, splitLines(text), result.findings),
    toolErrors: result.error ? [{ file: target.display, ...result.error }] : [],
  };
}

/** Reads and checks one file that needs the analysis (what a worker does per file, too). */
export function checkCandidate(target: CheckTarget, analyze: AnalyzeAgoraUsage, moduleKinds: ModuleKindCache): TargetResult {
  const bytes = readTarget(target);
  if (!Buffer.isBuffer(bytes)) return { findings: [], toolErrors: [bytes] };
  return checkTargetText(target, bytes.toString('utf8'), analyze, moduleKinds);
}

const analysisNotLoaded: AnalyzeAgoraUsage = () => {
  throw new Error('internal: a file without an analysis trigger reached the JS/TS analysis');
};

/** The default analysis, loaded on first need so runs without Agora code never load the parsers. */
async function loadAnalysis(): Promise<AnalyzeAgoraUsage> {
  return (await import('../analysis/agora-usage.ts')).analyzeAgoraUsage;
}

/** `v2-builder-type-error` findings of the files (TypeScript or `// @ts-check` JavaScript using agora-token), by path. */
export function builderTypeFindings(files: readonly { path: string; text: string }[]): Map<string, RawFinding[]> {
  const byFile = new Map<string, RawFinding[]>();
  for (const { file, line, column, code, message } of typecheckBuilderCalls(files)) {
    byFile.set(file, [...(byFile.get(file) ?? []), { ruleId: 'v2-builder-type-error', line, column, message: `TS${code}: ${message}` }]);
  }
  return byFile;
}

/**
 * The candidates, each carrying its `v2-builder-type-error` findings (plain data, so they cross into
 * a worker). Only TypeScript or `// @ts-check` JavaScript using agora-token is read here, once more.
 */
function withTypeFindings(candidates: CheckTarget[]): CheckTarget[] {
  const typed: { path: string; text: string }[] = [];
  for (const target of candidates) {
    if (target.kind.type !== 'js' || !/\.[cm]?[jt]sx?$/.test(target.path)) continue;
    const bytes = readTarget(target);
    if (Buffer.isBuffer(bytes) && isTypecheckCandidate(target.path, bytes.toString('utf8'))) typed.push({ path: target.path, text: bytes.toString('utf8') });
  }
  if (typed.length === 0) return candidates;
  const byFile = builderTypeFindings(typed);
  return candidates.map((target) => (byFile.has(target.path) ? { ...target, extraFindings: byFile.get(target.path) } : target));
}

/** Checks every file under `paths`; throws only for a missing path (CheckPathNotFoundError). */
export async function runCheck(options: RunCheckOptions): Promise<CheckReport> {
  const { targets, skipped, unreadable } = listCheckTargets(options.cwd, options.paths ?? []);
  // one cache per run, so a package.json edited between two runs in one process is read again
  const moduleKinds = createModuleKindCache();
  const results: TargetResult[] = new Array<TargetResult>(targets.length).fill(EMPTY);
  const candidates: number[] = [];
  /** Go files with a trigger: read once the Go grammar is loaded (after pass 1, so a run without them never loads it) */
  const goFiles: number[] = [];
  // pass 1, from the bytes: most files end here, unparsed (manifests are always read, so a broken one is reported)
  targets.forEach((target, index) => {
    const manifest = target.kind.type === 'package-json' || target.kind.type === 'pubspec';
    if (!manifest) {
      const verdict = scanBytes(target);
      if ('file' in verdict) {
        results[index] = { findings: [], toolErrors: [verdict] };
        return;
      }
      if (!verdict.mayHaveFindings) return;
      if (verdict.needsAnalysis) {
        candidates.push(index); // parsed in pass 2, read whole then
        return;
      }
      if (target.kind.type === 'other' && target.kind.language === 'go') {
        goFiles.push(index);
        return;
      }
    }
    // the few files a detector must read whole (and every manifest, so a broken one is reported)
    const bytes = readTarget(target);
    results[index] = Buffer.isBuffer(bytes) ? checkTargetText(target, bytes.toString('utf8'), analysisNotLoaded, moduleKinds) : { findings: [], toolErrors: [bytes] };
  });
  if (goFiles.length > 0) {
    await loadGoParser();
    for (const index of goFiles) results[index] = checkCandidate(targets[index], analysisNotLoaded, moduleKinds);
  }
  // pass 2: the files the analysis must parse; TypeScript using agora-token is type-checked first, all in one
  if (candidates.length > 0) {
    const checkedTargets = withTypeFindings(candidates.map((index) => targets[index]));
    const workers = chooseWorkers(options, candidates.length);
    if (workers > 0) {
      const checked = await checkCandidatesOnWorkers(checkedTargets, workers);
      candidates.forEach((index, i) => (results[index] = checked[i]));
    } else {
      const analyze = options.analyze ?? (await loadAnalysis());
      candidates.forEach((index, i) => (results[index] = checkCandidate(checkedTargets[i], analyze, moduleKinds)));
    }
  }
  const findings = results.flatMap((result) => result.findings);
  const toolErrors: ToolError[] = [...unreadable.map(({ display, message }) => ({ file: display, message })), ...results.flatMap((result) => result.toolErrors)];
  return { findings: findings.sort(compareFindings), toolErrors, filesScanned: targets.length, skipped };
}

function chooseWorkers(options: RunCheckOptions, candidates: number): number {
  const requested = options.workers ?? 'auto';
  if (requested !== 'auto') return Math.max(0, Math.floor(requested));
  if (options.analyze || candidates < CHECK_WORKER_MIN_CANDIDATES || !checkWorkersAvailable()) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(candidates / CHECK_FILES_PER_WORKER)));
}
