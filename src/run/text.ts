/** Byte- and text-level checks the runner makes before parsing, and BOM/line-ending round-tripping. */

const BOM = '\uFEFF';

export { PREFILTER_NEEDLES, mentionsAgora } from '../analysis/sources.ts';

/** Lines longer than this mark a file as minified (bundler output, not hand-written source). */
export const MINIFIED_LINE_LENGTH = 1000;

/** True when the buffer contains a NUL byte (the heuristic git uses for binary files). */
export function isBinary(bytes: Buffer): boolean {
  return bytes.includes(0);
}

/** Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8 (writing them back would corrupt them). */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Source text split into what the transforms see and what must be restored around their output. */
export interface NormalisedText {
  /** Text without BOM and, for consistently CRLF files, with LF line endings. */
  text: string;
  bom: boolean;
  /** `crlf` only when every line break is CRLF; mixed files are passed through untouched. */
  eol: 'lf' | 'crlf';
}

/** Strips the BOM and turns a consistently-CRLF file into LF so transforms that insert lines don't mix endings. */
export function normaliseText(raw: string): NormalisedText {
  const bom = raw.startsWith(BOM);
  const body = bom ? raw.slice(1) : raw;
  const crlf = countOccurrences(body, '\r\n');
  const lf = countOccurrences(body, '\n');
  if (crlf > 0 && crlf === lf) return { text: body.replaceAll('\r\n', '\n'), bom, eol: 'crlf' };
  return { text: body, bom, eol: 'lf' };
}

/** Puts back what `normaliseText` took away. */
export function restoreText(text: string, original: Pick<NormalisedText, 'bom' | 'eol'>): string {
  const body = original.eol === 'crlf' ? text.replaceAll('\n', '\r\n') : text;
  return original.bom ? BOM + body : body;
}

/** True for `*.min.*` names and for text with a line over MINIFIED_LINE_LENGTH characters. */
export function isMinified(fileName: string, text: string): boolean {
  if (/\.min\.[cm]?[jt]sx?$/.test(fileName)) return true;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    if (lineEnd - lineStart > MINIFIED_LINE_LENGTH) return true;
    lineStart = lineEnd + 1;
  }
  return false;
}

const GENERATED_MARKER = /@generated\b|\bCode generated\b|\bDO NOT EDIT\b|\bauto-?generated\b/i;

/**
 * True when the leading comment block (before the first line of code) says the file is generated:
 * `@generated`, `// Code generated … DO NOT EDIT`, `auto-generated`. Only the header is read, so a
 * string or comment further down that uses these words does not count.
 */
export function isGenerated(text: string): boolean {
  const header: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n', 40)) {
    const trimmed = line.trim();
    if (inBlock) {
      header.push(trimmed);
      if (trimmed.includes('*/')) inBlock = false;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#!') || trimmed.startsWith('//')) {
      header.push(trimmed);
      continue;
    }
    if (trimmed.startsWith('/*')) {
      header.push(trimmed);
      inBlock = !trimmed.includes('*/', 2);
      continue;
    }
    break;
  }
  return GENERATED_MARKER.test(header.join('\n'));
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) count++;
  return count;
}
