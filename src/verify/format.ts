/** Plain-text renderings of verify reports (the CLI prints these; `--json` prints the reports). */
import type { MatrixReport } from './matrix.ts';
import { maskIn, type ServersReport } from './servers.ts';
import { formatIso } from '../token/index.ts';

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The matrix table: case, v1 claims, v2 claims, result; differences listed under their case. */
export function formatMatrixReport(report: MatrixReport): string {
  const lines: string[] = [`verify: ${report.cases.length} cases, v1 agora-access-token vs v2 agora-token through src/mapping.ts, clock frozen at ${formatIso(report.now)} (${report.now})`, ''];
  const rows = report.cases.map((r) => [r.case.name, r.v1.claims ?? `(${r.v1.error})`, r.v2.claims ?? `(${r.v2.error})`, r.equivalent ? 'equivalent' : 'DIFFERENT']);
  const table = formatTable(['CASE', 'V1 CLAIMS', 'V2 CLAIMS', 'RESULT'], rows);
  lines.push(...table.slice(0, 2));
  report.cases.forEach((r, i) => {
    lines.push(table[i + 2]);
    if (!r.equivalent) {
      lines.push(`    v1: ${r.v1.call}`, `    v2: ${r.v2.call}`);
      for (const d of r.differences) lines.push(`    - ${d.claim}: ${d.message}`);
    }
  });
  const different = report.cases.filter((r) => !r.equivalent).length;
  lines.push('', different === 0 ? `all ${report.cases.length} cases equivalent` : `${different} of ${report.cases.length} cases DIFFERENT`);
  return `${lines.join('\n')}\n`;
}

/** The server table: one block per case with status codes, tokens and differences; secrets masked. */
export function formatServersReport(report: ServersReport, appCertificate?: string): string {
  const lines: string[] = [`verify: ${report.cases.length} requests, old ${report.oldUrl} vs new ${report.newUrl}`, ''];
  const rows = report.cases.map((r) => {
    const statuses = `${r.old.status ?? 'error'} / ${r.new.status ?? 'error'}`;
    const result = r.status === 'equivalent' ? 'equivalent' : r.status === 'error' ? 'ERROR' : 'DIFFERENT';
    return [r.name, `${r.method} ${r.path}`, statuses, String(r.tokens.length), result];
  });
  const table = formatTable(['CASE', 'REQUEST', 'STATUS OLD / NEW', 'TOKENS', 'RESULT'], rows);
  lines.push(...table.slice(0, 2));
  report.cases.forEach((r, i) => {
    lines.push(table[i + 2]);
    if (r.old.error) lines.push(`    old server: ${r.old.error} (${r.old.url})`);
    if (r.new.error) lines.push(`    new server: ${r.new.error} (${r.new.url})`);
    for (const t of r.tokens) {
      lines.push(`    token ${t.path}`, `      old: ${t.oldClaims ?? '(undecodable)'}`, `      new: ${t.newClaims ?? '(undecodable)'}`);
      for (const d of t.differences) lines.push(`      - ${d.claim}: ${d.message}`);
    }
    for (const d of r.fieldDifferences) lines.push(`    - ${d.path}: ${d.message}`);
  });
  const counts = { equivalent: 0, different: 0, error: 0 };
  for (const r of report.cases) counts[r.status] += 1;
  lines.push('', `${counts.equivalent} equivalent, ${counts.different} different, ${counts.error} failed requests`);
  if (report.noTokens) lines.push('no response from either server contained a token: nothing was verified (give --cases with your endpoints)');
  return `${maskIn(lines.join('\n'), appCertificate)}\n`;
}
