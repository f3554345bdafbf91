import type { Command } from 'commander';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';

/** Placeholder registration; the owner of this command replaces this file. */
export function registerVerify(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('verify')
    .description('verify (being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('agora-token-migrate verify: this build does not include verify yet\n');
      setExitCode(ExitCode.Error);
    });
}
