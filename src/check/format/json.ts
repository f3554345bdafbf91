import type { CheckReport } from '../finding.ts';

/** Machine-readable report (stable field names; `version` bumps on breaking changes). */
export function formatJson(report: CheckReport, toolVersion: string): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const body = {
    version: 1,
    tool: { name: 'agora-token-migrate', version: toolVersion },
    summary: { filesScanned: report.filesScanned, errors, warnings: report.findings.length - errors, toolErrors: report.toolErrors.length },
    findings: report.findings,
    toolErrors: report.toolErrors,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
