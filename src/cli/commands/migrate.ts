import type { Command } from 'commander';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';

/** Placeholder registration; the owner of this command replaces this file. */
export function registerMigrate(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('migrate')
    .description('migrate (being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('agora-token-migrate migrate: this build does not include migrate yet\n');
      setExitCode(ExitCode.Error);
    });
}
