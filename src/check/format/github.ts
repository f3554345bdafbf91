import type { CheckReport } from '../finding.ts';

// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding. */
export function formatGithub(report: CheckReport): string {
  const lines = report.findings.map((f) => {
    const props = `file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(`agora-token-migrate ${f.ruleId}`)}`;
    return `::${f.severity} ${props}::${escapeData(`${f.message}\nhint: ${f.hint}`)}`;
  });
  for (const e of report.toolErrors) {
    const at = e.line !== undefined ? `,line=${e.line},col=${e.column ?? 1}` : '';
    lines.push(`::error file=${escapeProperty(e.file)}${at},title=agora-token-migrate::${escapeData(`could not be checked: ${e.message}`)}`);
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  lines.push(`agora-token-migrate check: ${errors} error(s), ${report.findings.length - errors} warning(s) in ${report.filesScanned} file(s)`);
  return lines.join('\n') + '\n';
}
