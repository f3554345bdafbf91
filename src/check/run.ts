/**
 * `check` over paths: list the files, read each, run its detectors, fingerprint the findings.
 * One unreadable or unparseable file becomes a tool error and the run goes on.
 */
import { readFileSync } from 'node:fs';
import { createModuleKindCache, detectModuleKind } from '../analysis/module-kind.ts';
import { checkFileText, type AnalyzeAgoraUsage } from './check-file.ts';
import { compareFindings, finaliseFindings, type CheckReport, type Finding, type ToolError } from './finding.ts';
import { listCheckTargets } from './files.ts';
import { splitLines } from './source-text.ts';

export interface RunCheckOptions {
  cwd: string;
  /** Files and directories relative to cwd; default `.`. */
  paths?: readonly string[];
  analyze?: AnalyzeAgoraUsage;
}

/** Checks every file under `paths`; throws only for a missing path (CheckPathNotFoundError). */
export function runCheck(options: RunCheckOptions): CheckReport {
  const { targets, skipped, unreadable } = listCheckTargets(options.cwd, options.paths ?? []);
  const findings: Finding[] = [];
  const toolErrors: ToolError[] = unreadable.map(({ display, message }) => ({ file: display, message }));
  // one cache per run, so a package.json edited between two runs in one process is read again
  const moduleKinds = createModuleKindCache();
  for (const target of targets) {
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch (error) {
      toolErrors.push({ file: target.display, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const moduleKind = target.kind.type === 'js' ? detectModuleKind(target.path, moduleKinds) : undefined;
    const result = checkFileText(target.path, text, target.kind, { analyze: options.analyze, moduleKind });
    if (result.error) toolErrors.push({ file: target.display, ...result.error });
    findings.push(...finaliseFindings(target.display, splitLines(text), result.findings));
  }
  return { findings: findings.sort(compareFindings), toolErrors, filesScanned: targets.length, skipped };
}
