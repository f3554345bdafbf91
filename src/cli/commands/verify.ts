import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';
import {
  formatMatrixReport,
  formatServersReport,
  maskIn,
  parseCasesFile,
  toMatrixCases,
  toRequestCases,
  verifyMatrix,
  verifyServers,
  VerifyInputError,
  type CasesFile,
} from '../../verify/index.ts';

interface VerifyFlags {
  cases?: string;
  json?: boolean;
  oldUrl?: string;
  newUrl?: string;
  appCertificate?: string;
  timeout?: number;
  maxRequests?: number;
  tolerance?: number;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return n;
}

async function readCases(io: CliIO, file: string): Promise<CasesFile> {
  const path = isAbsolute(file) ? file : join(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VerifyInputError(`${file}: cannot read the cases file (${code ?? (error as Error).message})`);
  }
  // errors name the file as the user wrote it
  return parseCasesFile(text, file);
}

async function run(flags: VerifyFlags, io: CliIO): Promise<ExitCode> {
  const file = flags.cases === undefined ? undefined : await readCases(io, flags.cases);
  const settings = file?.settings ?? {};
  if ((flags.oldUrl === undefined) !== (flags.newUrl === undefined)) {
    throw new VerifyInputError('--old-url and --new-url go together: give both to compare two servers, or neither for the built-in matrix');
  }
  if (flags.oldUrl !== undefined && flags.newUrl !== undefined) {
    const certificate = flags.appCertificate ?? settings.appCertificate;
    const report = await verifyServers({
      oldUrl: flags.oldUrl,
      newUrl: flags.newUrl,
      cases: file ? toRequestCases(file) : undefined,
      appCertificate: certificate,
      timeoutMs: flags.timeout ?? settings.timeoutMs,
      maxRequests: flags.maxRequests ?? settings.maxRequests,
      tolerance: flags.tolerance ?? settings.tolerance,
      timeFields: settings.timeFields,
      ignore: settings.ignore,
    });
    io.stdout(flags.json ? `${maskIn(JSON.stringify(report, null, 2), certificate)}\n` : formatServersReport(report, certificate));
    if (report.errors) return ExitCode.Error;
    return report.equivalent ? ExitCode.Ok : ExitCode.Findings;
  }
  const certificate = flags.appCertificate ?? settings.appCertificate;
  const report = verifyMatrix({
    cases: file ? toMatrixCases(file) : undefined,
    appId: settings.appId,
    appCertificate: certificate,
    tolerance: flags.tolerance ?? settings.tolerance,
  });
  io.stdout(flags.json ? `${maskIn(JSON.stringify(report, null, 2), certificate)}\n` : maskIn(formatMatrixReport(report), certificate));
  return report.equivalent ? ExitCode.Ok : ExitCode.Findings;
}

/** Registers `verify`: the built-in/`--cases` matrix, or `--old-url/--new-url` differential mode. */
export function registerVerify(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('verify')
    .description('prove that v1 and v2 tokens grant the same thing: builds both through the mapping (matrix), or compares two running servers')
    .option('--cases <file>', 'JSON cases file (schema: src/verify/README.md); matrix cases, or request cases with --old-url/--new-url')
    .option('--json', 'print the report as JSON')
    .option('--old-url <url>', 'base URL of the server still on agora-access-token')
    .option('--new-url <url>', 'base URL of the migrated server on agora-token')
    .option('--app-certificate <cert>', 'App Certificate: also verify signatures (masked in output)')
    .option('--timeout <ms>', 'per-request timeout in milliseconds (default 5000)', positiveInteger)
    .option('--max-requests <n>', 'refuse to send more requests than this (default 200)', positiveInteger)
    .option('--tolerance <seconds>', 'allowed clock difference between the two sides (default 2)', nonNegativeNumber)
    .addHelpText(
      'after',
      `
Exit codes: 0 all equivalent, 1 a difference, 2 a tool error (bad cases file, a server not answering).

Examples:
  $ agora-token-migrate verify
  $ agora-token-migrate verify --cases my-cases.json --json
  $ agora-token-migrate verify --old-url http://127.0.0.1:8080 --new-url http://127.0.0.1:8081 --cases requests.json`,
    )
    .action(async (flags: VerifyFlags) => {
      try {
        setExitCode(await run(flags, io));
      } catch (error) {
        if (!(error instanceof VerifyInputError)) throw error;
        io.stderr(`agora-token-migrate verify: ${maskIn(error.message, flags.appCertificate)}\n`);
        setExitCode(ExitCode.Error);
      }
    });
}
