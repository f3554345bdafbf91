import { TokenError } from './errors.ts';

const BASE64 = /^[A-Za-z0-9+/]*$/;

/** Why a string is not standard base64, in words that point at the usual cause. */
function base64Problem(text: string): string | undefined {
  if (text.includes(' ')) return "contains a space: a '+' was probably turned into a space by URL query decoding (URL-encode tokens with encodeURIComponent)";
  if (text.includes('%')) return "contains '%': it looks URL-encoded; decode it first (decodeURIComponent)";
  if (/[-_]/.test(text)) return "contains '-' or '_': that is the URL-safe alphabet; tokens use standard base64 ('+', '/')";
  const unpadded = text.replace(/={1,2}$/, '');
  const bad = [...unpadded].find((ch) => !BASE64.test(ch));
  if (bad !== undefined) return `contains ${JSON.stringify(bad)}, which is not a base64 character`;
  if (unpadded.length !== text.length && text.length % 4 !== 0) return `has padding but its length ${text.length} is not a multiple of 4`;
  return undefined;
}

/**
 * Strict standard-alphabet base64 decoding: Buffer.from(…, 'base64') silently skips characters it
 * does not know, which would turn a mangled token into a confusing "truncated" error. Missing
 * padding is accepted because it loses no information.
 */
export function decodeBase64(text: string, what: string): Buffer {
  const problem = base64Problem(text);
  if (problem !== undefined) throw new TokenError('base64', `${what} is not valid base64: it ${problem}`);
  // 4n+1 characters cannot come from any encoding: the text was cut (copy/paste, column limits)
  if (text.length % 4 === 1) throw new TokenError('truncated', `${what} is truncated: ${text.length} base64 characters end in the middle of a byte`);
  return Buffer.from(text, 'base64');
}
