import { pathToFileURL } from 'node:url';
import type { CheckReport } from '../finding.ts';
import { RULES, type RuleMeta } from '../rules.ts';

/** The key our fingerprints use in `partialFingerprints` (versioned, as GitHub recommends). */
export const FINGERPRINT_KEY = 'agoraTokenMigrate/v1';
const SRCROOT = '%SRCROOT%';

export interface SarifFormatOptions {
  toolVersion: string;
  /** Absolute directory the relative file paths are relative to. */
  cwd: string;
}

function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function reportingDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: { text: rule.help, markdown: `${rule.full}\n\n**Fix:** ${rule.help}` },
    defaultConfiguration: { level: rule.defaultSeverity },
    properties: {
      tags: rule.category === 'security' ? ['security', 'agora'] : ['agora', 'migration'],
      precision: 'high',
      // GitHub code scanning ranks security alerts by this CVSS-like score
      ...(rule.category === 'security' ? { 'security-severity': '8.0' } : {}),
    },
  };
}

function location(file: string, line?: number, column?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(file), uriBaseId: SRCROOT },
      ...(line !== undefined ? { region: { startLine: line, startColumn: column ?? 1 } } : {}),
    },
  };
}

/** SARIF 2.1.0 log that GitHub code scanning accepts: rules with help, results with locations and fingerprints. */
export function formatSarif(report: CheckReport, options: SarifFormatOptions): string {
  const ruleIndex = new Map<string, number>(RULES.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agora-token-migrate',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: RULES.map(reportingDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd.endsWith('/') ? options.cwd : `${options.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: f.severity,
          message: { text: `${f.message} Hint: ${f.hint}` },
          locations: [location(f.file, f.line, f.column)],
          partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
        })),
        invocations: [
          {
            executionSuccessful: report.toolErrors.length === 0,
            toolExecutionNotifications: report.toolErrors.map((e) => ({
              level: 'error',
              message: { text: `could not be checked: ${e.message}` },
              locations: [location(e.file, e.line, e.column)],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
