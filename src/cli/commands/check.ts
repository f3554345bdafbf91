import type { Command } from 'commander';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';

/** Placeholder registration; the owner of this command replaces this file. */
export function registerCheck(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('check')
    .description('check (being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('agora-token-migrate check: this build does not include check yet\n');
      setExitCode(ExitCode.Error);
    });
}
