import { main, type CliIO } from '../../src/cli/main.ts';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** Text served to `io.stdin()` (a token read from `-`). */
  stdin?: string;
  /** stdout is a terminal (colours); stderr too unless `stderrIsTTY` says otherwise. */
  isTTY?: boolean;
  /** stderr is a terminal (the progress bar); defaults to `isTTY`. */
  stderrIsTTY?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Runs `agora-token-migrate <argv>` in-process through `main`, capturing its output. */
export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: options.stdin === undefined ? undefined : async () => options.stdin as string,
    isTTY: options.isTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
