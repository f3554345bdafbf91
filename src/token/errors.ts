/** Why a token could not be decoded or encoded; stable strings callers can switch on. */
export type TokenErrorCode =
  /** Not a string, empty, or not starting with "006"/"007". */
  | 'prefix'
  /** The body is not standard, padded base64 (URL-safe alphabet, spaces and %-escapes are named in the message). */
  | 'base64'
  /** The bytes end before a field they announce. */
  | 'truncated'
  /** 007 body that does not inflate (or inflates to more than the size limit). */
  | 'zlib'
  /** 007 service type the decoder does not know (1–10 are known). */
  | 'service'
  /** Bytes left over after the last field. */
  | 'trailing'
  /** Encoder input out of range (integer width, string length, count). */
  | 'value';

/** A malformed token (decoding) or an unencodable value (encoding); never thrown for anything else. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  readonly code: TokenErrorCode;

  constructor(code: TokenErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
