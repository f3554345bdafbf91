/** Exit codes of every subcommand, defined in one place. */
export const ExitCode = {
  /** Done; for `check`, no findings; for `verify`, all equivalent. */
  Ok: 0,
  /** `check`: findings; `verify`: a difference. */
  Findings: 1,
  /** Usage error, a file that failed to parse or be written, or any other tool error. */
  Error: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
