import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { ExitCode } from './exit-codes.ts';

const require = createRequire(import.meta.url);

/** Where a command writes; injectable so tests can run `main` in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: () => Promise<string>;
  /** Whether stdout is an interactive terminal (colours of what is printed there). */
  isTTY: boolean;
  /** Whether stderr is an interactive terminal (the progress bar, drawn there); absent = not one. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A command's action resolves to its exit code; main() returns it. */
export type SetExitCode = (code: ExitCode) => void;

export function defaultIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

function readVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      return (require(candidate) as { version: string }).version;
    } catch {
      // tried from src/cli (vitest) and from dist/src/cli (built bin)
    }
  }
  return '0.0.0';
}

type RegisterCommand = (program: Command, io: CliIO, setExitCode: SetExitCode) => void;

/**
 * Each subcommand's module (./commands/<name>.ts), in help order, imported only when needed: a run
 * of one command loads that command's module graph alone (`check` none of migrate's or verify's).
 */
const COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  migrate: async () => (await import('./commands/migrate.ts')).registerMigrate,
  check: async () => (await import('./commands/check.ts')).registerCheck,
  verify: async () => (await import('./commands/verify.ts')).registerVerify,
  decode: async () => (await import('./commands/decode.ts')).registerDecode,
};

/**
 * Builds the commander program with the command `argv` names first (the only one registered then,
 * since nothing else can run), or with every command (help, version, usage errors).
 */
export async function createProgram(io: CliIO, setExitCode: SetExitCode, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('agora-token-migrate')
    .description('Migrate Node.js Agora token servers from AccessToken (006, agora-access-token) to AccessToken2 (007, agora-token).')
    .version(readVersion())
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const named = argv[0];
  const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]()))) register(program, io, setExitCode);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  const program = await createProgram(
    io,
    (c) => {
      code = c;
    },
    argv,
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0 through the same path
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Error;
    }
    io.stderr(`agora-token-migrate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.Error;
  }
  return code;
}
