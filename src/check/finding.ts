import { createHash } from 'node:crypto';
import { getRule, type RuleId, type Severity } from './rules.ts';

/** One problem `check` reports; line and column are 1-based. */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
  /** Survives edits elsewhere in the file: hash of rule, file and normalised line text (plus an occurrence index). */
  fingerprint: string;
}

/** A finding before its fingerprint is known (detectors produce these). */
export type RawFinding = Omit<Finding, 'fingerprint' | 'severity' | 'hint' | 'file'> & { severity?: Severity; hint?: string };

/** Something that stopped `check` from judging a file (unreadable, unparseable): exit code 2. */
export interface ToolError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Everything `check` found over a set of files. */
export interface CheckReport {
  findings: Finding[];
  toolErrors: ToolError[];
  filesScanned: number;
  /** Files named on the command line that check does not read (with why). */
  skipped?: { display: string; reason: string }[];
}

/** Masks a secret for display: every character but the last 4 becomes `*`. */
export function maskSecret(value: string): string {
  const keep = Math.min(4, Math.floor(value.length / 4));
  return '*'.repeat(value.length - keep) + value.slice(value.length - keep);
}

/**
 * Collapses whitespace so re-indentation does not change a fingerprint, and masks 32-hex runs so a
 * certificate on the line never feeds a hash that leaves the machine.
 */
function normaliseLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/[0-9a-fA-F]{32}/g, maskSecret);
}

/**
 * Completes a file's raw findings: default severity and hint from the registry, and a fingerprint
 * from rule id + file + normalised line text. Identical lines get an occurrence index, as GitHub's
 * own line hashes do, so two equal findings never share a fingerprint.
 */
export function finaliseFindings(file: string, lines: readonly string[], raw: readonly RawFinding[]): Finding[] {
  const sorted = [...raw].sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const seen = new Map<string, number>();
  return sorted.map((finding) => {
    const rule = getRule(finding.ruleId);
    const text = normaliseLine(lines[finding.line - 1] ?? '');
    const hash = createHash('sha256').update(`${finding.ruleId}\0${file}\0${text}`).digest('hex').slice(0, 32);
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return {
      ruleId: finding.ruleId,
      severity: finding.severity ?? rule?.defaultSeverity ?? 'error',
      file,
      line: finding.line,
      column: finding.column,
      message: finding.message,
      hint: finding.hint ?? rule?.help ?? '',
      fingerprint: `${hash}:${occurrence}`,
    };
  });
}

/** Orders findings by file, then position. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
