import pc from 'picocolors';
import type { CheckReport, Finding } from '../finding.ts';

export interface TextFormatOptions {
  color: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Human report: findings grouped by file, each with its hint, then a summary line. */
export function formatText(report: CheckReport, options: TextFormatOptions): string {
  const c = pc.createColors(options.color);
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    const width = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    const hinted = new Set<string>();
    for (const f of findings) {
      const where = `${f.line}:${f.column}`.padEnd(width);
      const level = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${c.dim(where)}  ${level}  ${f.message}  ${c.dim(f.ruleId)}`);
      // a hint repeated on every line of a file is noise: show each one once per file
      if (!hinted.has(f.hint)) out.push(`  ${' '.repeat(width)}  ${c.dim(`hint: ${f.hint}`)}`);
      hinted.add(f.hint);
    }
    out.push('');
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const scanned = `${plural(report.filesScanned, 'file')} checked`;
  if (report.findings.length === 0 && report.toolErrors.length === 0) {
    out.push(c.green(`✔ no findings (${scanned})`));
  } else if (report.findings.length === 0) {
    // not a pass: the files that failed to parse or read may hold anything
    out.push(c.yellow(`no findings in the files that could be checked (${scanned})`));
  } else {
    const summary = `✖ ${plural(report.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(byFile.size, 'file')} (${scanned})`;
    out.push(errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
  }
  if (report.toolErrors.length > 0) out.push(c.red(`${plural(report.toolErrors.length, 'file')} could not be checked (see stderr)`));
  return out.join('\n') + '\n';
}
