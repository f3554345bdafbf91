/**
 * Hard-coded App Certificates. A certificate is 32 hex digits, like an App ID (which is public), so
 * a literal counts only when it is passed as a builder's certificate argument (the second argument
 * in every language) or assigned to a certificate-named variable/property. A plain `cert` name needs
 * a builder call in the same file; `appCertificate`-style names are specific enough on their own.
 * The value never leaves this module unmasked.
 */
import { maskSecret, type RawFinding } from './finding.ts';
import { LineIndex, plainStringValue, splitCallArguments } from './source-text.ts';

const HEX32 = /^[0-9a-fA-F]{32}$/;
const HEX32_LITERAL = /(['"`])([0-9a-fA-F]{32})\1/g;
/** Last `name =`, `name:`, `name :=`, `'name' =>` before the literal on its line. */
const ASSIGNMENT = /([A-Za-z_$][\w$]*)['"\]]?\s*(?::=|=>|=(?![=>])|:(?!:))/g;
const CERT_NAME = /cert/i;
const APP_CERT_NAME = /app_?cert|agora\w*cert/i;

/**
 * The certificate of Agora's published test vectors (AgoraIO/Tools samples and tests, and this
 * project's reference): public, so not a leak.
 */
const PUBLIC_TEST_CERTIFICATES = new Set(['5cfd2fd1755d40ecb72977518be15d3b']);

export interface CertificateScanInput {
  /** The file as read: assignments in comments count, since the value is exposed either way. */
  text: string;
  /** Comment-blanked text, for locating call arguments. */
  code: string;
  /** Offsets of the `(` of each token-builder call (v1 or v2) in the file. */
  builderCallParens: readonly number[];
}

function finding(index: Pick<LineIndex, 'position'>, offset: number, value: string, how: string): RawFinding {
  return {
    ruleId: 'hardcoded-app-certificate',
    ...index.position(offset),
    message: `App Certificate ${maskSecret(value)} is hard-coded (${how}): anyone who can read this file can mint tokens.`,
  };
}

/** Hard-coded certificates in one file, one finding per literal. */
export function findHardcodedCertificates(input: CertificateScanInput): RawFinding[] {
  // built on the first finding: most files scanned have none, and indexing a large file costs more than the scan
  let lines: LineIndex | undefined;
  const index: Pick<LineIndex, 'position'> = { position: (offset) => (lines ??= new LineIndex(input.text)).position(offset) };
  const found = new Map<number, RawFinding>();
  for (const paren of input.builderCallParens) {
    const cert = splitCallArguments(input.code, paren)?.[1];
    const value = cert && plainStringValue(cert.text);
    if (cert === undefined || value === undefined || !HEX32.test(value) || PUBLIC_TEST_CERTIFICATES.has(value.toLowerCase())) continue;
    found.set(cert.offset, finding(index, cert.offset, value, 'passed to a token builder'));
  }
  const hasBuilderCall = input.builderCallParens.length > 0;
  for (const literal of input.text.matchAll(HEX32_LITERAL)) {
    const value = literal[2];
    if (found.has(literal.index) || PUBLIC_TEST_CERTIFICATES.has(value.toLowerCase())) continue;
    const lineStart = input.text.lastIndexOf('\n', literal.index) + 1;
    const before = input.text.slice(lineStart, literal.index);
    const name = [...before.matchAll(ASSIGNMENT)].at(-1)?.[1];
    if (name === undefined || !CERT_NAME.test(name)) continue;
    if (!hasBuilderCall && !APP_CERT_NAME.test(name)) continue;
    found.set(literal.index, finding(index, literal.index, value, `assigned to ${name}`));
  }
  return [...found.values()];
}
