/**
 * Checks one file's text: picks the detectors by file type, applies inline suppressions. Pure:
 * the caller reads the file and supplies the JS/TS analysis (loaded only when a file needs it, so
 * a run over files without Agora code never loads the parsers).
 */
import path from 'node:path';
import type { ModuleKind } from '../types.ts';
import type { analyzeAgoraUsage, AgoraUsage } from '../analysis/agora-usage.ts';
// the Go grammar is loaded by runCheck before the first Go file is detected (loadGoParser)
import { findGoV1Calls } from '../go/v1-calls.ts';
import type { RawFinding } from './finding.ts';
import { findingsFromUsage } from './js-rules.ts';
import { checkHtml, checkPackageJson, checkPubspec, ManifestSyntaxError } from './manifests.ts';
import { commentSyntaxOf, otherLanguageOf, scanOtherLanguage, type OtherLanguage } from './other-languages.ts';
import { findHardcodedCertificates } from './secrets.ts';
import { blankComments, commentsOnly, keepRanges, LineIndex, splitLines } from './source-text.ts';
import { applySuppressions, SUPPRESSION_DIRECTIVE } from './suppressions.ts';
import { needsJsAnalysis } from './triggers.ts';

export type CheckFileKind =
  | { type: 'js' }
  | { type: 'other'; language: OtherLanguage }
  | { type: 'html' }
  | { type: 'package-json' }
  | { type: 'pubspec' };

const JS_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx']);

/** What kind of file `check` takes this to be, or undefined when it does not look at it. */
export function classifyCheckFile(filePath: string): CheckFileKind | undefined {
  const name = path.basename(filePath);
  if (name === 'package.json') return { type: 'package-json' };
  if (name === 'pubspec.yaml') return { type: 'pubspec' };
  const ext = path.extname(name).toLowerCase();
  if (JS_EXTENSIONS.has(ext)) return /\.d\.[cm]?ts$/.test(name) ? undefined : { type: 'js' };
  if (ext === '.html' || ext === '.htm') return { type: 'html' };
  const language = otherLanguageOf(name);
  return language ? { type: 'other', language } : undefined;
}

/** The shared binding-resolved analysis of JS/TS files (injectable for tests). */
export type AnalyzeAgoraUsage = typeof analyzeAgoraUsage;

export interface CheckFileOptions {
  analyze: AnalyzeAgoraUsage;
  moduleKind?: ModuleKind;
  /** Findings from a check over several files (the type check), subject to the file's suppressions. */
  extraFindings?: readonly RawFinding[];
}

/** Findings of one file, or why it could not be judged (position 1-based). */
export interface FileCheckResult {
  findings: RawFinding[];
  error?: { message: string; line: number; column: number };
}

/**
 * A detector's result and the file's comments (everything else blanked), where suppressions may
 * stand; computed only for a file that holds the directive, since scanning for comments costs more
 * than the rest on large files.
 */
interface Detected extends FileCheckResult {
  comments: () => string;
}

const NONE = () => '';

/** `(` of each analysed builder call: the first `method(` at or after the call's position. */
function builderCallParens(usage: AgoraUsage, code: string): number[] {
  const index = new LineIndex(code);
  const parens: number[] = [];
  for (const call of usage.calls) {
    const start = index.offset(call.line, call.column);
    const re = new RegExp(`\\b${call.method.replace(/[^\w$]/g, '')}\\s*\\(`, 'g');
    re.lastIndex = start;
    const match = re.exec(code);
    if (match) parens.push(match.index + match[0].length - 1);
  }
  return parens;
}

function checkJs(filePath: string, text: string, options: CheckFileOptions): Detected {
  // the parser's comment tokens when the file was parsed (a regex literal can fool a plain scanner), else the scanner
  const scanned = () => commentsOnly(text, 'js');
  // a file without the analysis rules' triggers cannot hold Agora token code: not parsed (and, with
  // no builder call, the certificate scan never reads the comment-blanked code)
  if (!needsJsAnalysis(text)) return { findings: findHardcodedCertificates({ text, code: text, builderCallParens: [] }), comments: scanned };
  const usage = options.analyze(text, filePath, { moduleKind: options.moduleKind });
  if (usage.parseError) return { findings: [], error: usage.parseError, comments: NONE };
  const code = blankComments(text, 'js');
  return {
    findings: [...findingsFromUsage(usage), ...findHardcodedCertificates({ text, code, builderCallParens: builderCallParens(usage, code) })],
    comments: usage.comments ? () => keepRanges(text, usage.comments!) : scanned,
  };
}

/** Adds every call through a v1 Go import (the line patterns miss `BuildTokenWithUserAccount`, whose name v2 kept), one finding per line. */
function withGoV1Calls(findings: RawFinding[], text: string): RawFinding[] {
  const lines = new Set(findings.map((finding) => finding.line));
  const calls = findGoV1Calls(text).filter((call) => !lines.has(call.line));
  return [
    ...findings,
    ...calls.map((call) => ({
      ruleId: 'go-v1-builder' as const,
      line: call.line,
      column: call.column,
      message: `Calls the v1 \`${call.callee}\` (${call.argumentCount} arguments, the last an absolute privilegeExpiredTs), which builds AccessToken (006).`,
    })),
  ];
}

function detect(filePath: string, text: string, kind: CheckFileKind, options: CheckFileOptions): Detected {
  switch (kind.type) {
    case 'js':
      return checkJs(filePath, text, options);
    case 'other': {
      const scan = scanOtherLanguage(kind.language, text);
      return {
        findings: [...(kind.language === 'go' ? withGoV1Calls(scan.findings, text) : scan.findings), ...findHardcodedCertificates({ text, code: scan.code, builderCallParens: scan.builderCallParens })],
        comments: () => commentsOnly(text, commentSyntaxOf(kind.language)),
      };
    }
    case 'html':
      return { findings: checkHtml(text), comments: () => commentsOnly(text, 'html') };
    case 'package-json':
      // JSON has no comments: a directive there can only be inside a string
      return { findings: checkPackageJson(text), comments: NONE };
    case 'pubspec':
      // YAML comments start with `#`, like Python's
      return { findings: checkPubspec(text), comments: () => commentsOnly(text, 'python') };
  }
}

/** Runs the detectors for `kind` over one file's text and applies its suppression comments. */
export function checkFileText(filePath: string, text: string, kind: CheckFileKind, options: CheckFileOptions): FileCheckResult {
  let result: Detected;
  try {
    result = detect(filePath, text, kind, options);
  } catch (error) {
    if (error instanceof ManifestSyntaxError) return { findings: [], error: { message: error.message, line: error.line, column: error.column } };
    throw error;
  }
  const { comments, ...checked } = result;
  // a more specific rule on the same line (v2-rtc-six-arguments) already explains the error
  const extra = (options.extraFindings ?? []).filter((finding) => !result.findings.some((other) => other.line === finding.line));
  const findings = [...result.findings, ...extra];
  if (!text.includes(SUPPRESSION_DIRECTIVE)) return { ...checked, findings };
  return { ...checked, findings: applySuppressions(findings, splitLines(comments())) };
}
