import type { Command } from 'commander';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';

/** Placeholder registration; the owner of this command replaces this file. */
export function registerDecode(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('decode')
    .description('decode (being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('agora-token-migrate decode: this build does not include decode yet\n');
      setExitCode(ExitCode.Error);
    });
}
