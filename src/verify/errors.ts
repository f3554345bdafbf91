/** Errors `verify` reports as a tool error (exit 2) rather than as a difference (exit 1). */

/** Bad input to `verify`: a cases file that does not parse or validate, conflicting options, limits. */
export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError';
}

/** A cases-file problem located by file, line and column (`cases.json:12:7: cases[2].uid must be …`). */
export class CasesFileError extends VerifyInputError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}
