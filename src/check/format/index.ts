import type { CheckReport } from '../finding.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatSarif } from './sarif.ts';
import { formatText } from './text.ts';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  toolVersion: string;
  cwd: string;
}

/** Renders a report in one of the output formats (what goes to stdout). */
export function formatReport(report: CheckReport, format: OutputFormat, options: FormatOptions): string {
  switch (format) {
    case 'text':
      return formatText(report, { color: options.color });
    case 'json':
      return formatJson(report, options.toolVersion);
    case 'sarif':
      return formatSarif(report, { toolVersion: options.toolVersion, cwd: options.cwd });
    case 'github':
      return formatGithub(report);
  }
}
