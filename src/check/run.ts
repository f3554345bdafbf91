/**
 * `check` over paths: list the files, read each, run its detectors, fingerprint the findings.
 * One unreadable or unparseable file becomes a tool error and the run goes on.
 */
import { readFileSync } from 'node:fs';
import { createModuleKindCache, detectModuleKind } from '../analysis/module-kind.ts';
import { checkFileText, type AnalyzeAgoraUsage } from './check-file.ts';
import { compareFindings, finaliseFindings, type CheckReport, type Finding, type RawFinding, type ToolError } from './finding.ts';
import { isTypecheckCandidate, typecheckBuilderCalls } from '../analysis/typecheck.ts';
import { listCheckTargets } from './files.ts';
import { splitLines } from './source-text.ts';

export interface RunCheckOptions {
  cwd: string;
  /** Files and directories relative to cwd; default `.`. */
  paths?: readonly string[];
  analyze?: AnalyzeAgoraUsage;
}

/** `v2-builder-type-error` findings of the files (TypeScript or `// @ts-check` JavaScript using agora-token), by path. */
export function builderTypeFindings(files: readonly { path: string; text: string }[]): Map<string, RawFinding[]> {
  const byFile = new Map<string, RawFinding[]>();
  for (const { file, line, column, code, message } of typecheckBuilderCalls(files)) {
    byFile.set(file, [...(byFile.get(file) ?? []), { ruleId: 'v2-builder-type-error', line, column, message: `TS${code}: ${message}` }]);
  }
  return byFile;
}

/** Checks every file under `paths`; throws only for a missing path (CheckPathNotFoundError). */
export function runCheck(options: RunCheckOptions): CheckReport {
  const { targets, skipped, unreadable } = listCheckTargets(options.cwd, options.paths ?? []);
  const findings: Finding[] = [];
  const toolErrors: ToolError[] = unreadable.map(({ display, message }) => ({ file: display, message }));
  // one cache per run, so a package.json edited between two runs in one process is read again
  const moduleKinds = createModuleKindCache();
  const checkOne = (target: (typeof targets)[number], text: string, extraFindings?: RawFinding[]) => {
    const moduleKind = target.kind.type === 'js' ? detectModuleKind(target.path, moduleKinds) : undefined;
    const result = checkFileText(target.path, text, target.kind, { analyze: options.analyze, moduleKind, extraFindings });
    if (result.error) toolErrors.push({ file: target.display, ...result.error });
    findings.push(...finaliseFindings(target.display, splitLines(text), result.findings));
  };
  // TypeScript using agora-token is checked once all of it is read: one type-check for every file
  const typed: { target: (typeof targets)[number]; text: string }[] = [];
  for (const target of targets) {
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch (error) {
      toolErrors.push({ file: target.display, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (target.kind.type === 'js' && isTypecheckCandidate(target.path, text)) typed.push({ target, text });
    else checkOne(target, text);
  }
  const typeFindings = builderTypeFindings(typed.map(({ target, text }) => ({ path: target.path, text })));
  for (const { target, text } of typed) checkOne(target, text, typeFindings.get(target.path));
  return { findings: findings.sort(compareFindings), toolErrors, filesScanned: targets.length, skipped };
}
