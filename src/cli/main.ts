import yargs, { type Argv } from 'yargs';
import type { CliCommand } from './command';
import { checkCommand } from './commands/check';
import { currentCommand } from './commands/current';
import { downgradeCommand } from './commands/downgrade';
import { headsCommand } from './commands/heads';
import { historyCommand } from './commands/history';
import { initCommand } from './commands/init';
import { mergeCommand } from './commands/merge';
import { revisionCommand } from './commands/revision';
import { showCommand } from './commands/show';
import { stampCommand } from './commands/stamp';
import { upgradeCommand } from './commands/upgrade';
import { verifyCommand } from './commands/verify';
import { globalOptions, type GlobalOptions } from './global-options';
import { formatError, processIo, type CliIo } from './io';

// Each command has its own argv type; yargs' Argv is invariant in it, so the list erases it here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const COMMANDS: CliCommand<any>[] = [
  initCommand,
  revisionCommand,
  upgradeCommand,
  downgradeCommand,
  currentCommand,
  historyCommand,
  headsCommand,
  showCommand,
  stampCommand,
  mergeCommand,
  checkCommand,
  verifyCommand,
];

/**
 * Run the CLI with `args` (without `node` and the script) and return the exit code.
 * Never calls process.exit, so tests can run it in-process.
 */
export async function main(args: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  let failure: unknown;
  let verbose = args.includes('--verbose');
  // Stack traces in users' TypeScript point at .ts lines (before any user file loads).
  if (verbose) process.setSourceMapsEnabled(true);
  let parser: Argv<GlobalOptions> = globalOptions(yargs(args))
    .scriptName('entity-migrate')
    .strict()
    .demandCommand(1, 'Name a command: entity-migrate --help lists them')
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .env(false)
    .exitProcess(false)
    .fail((message, error) => {
      failure = error ?? new UsageError(message);
    });
  for (const command of COMMANDS) {
    parser = parser.command(command.command, command.describe, command.builder, async (argv) => {
      verbose = Boolean(argv.verbose);
      const code = await command.run(argv as never, io);
      exitCode = typeof code === 'number' ? code : 0;
    });
  }
  let helpText: string | undefined;
  try {
    await parser.parseAsync(args, {}, (_error, _argv, output) => {
      helpText = output;
    });
  } catch (error) {
    failure ??= error;
  }
  if (failure) {
    io.stderr(formatError(failure, verbose, io.color));
    if (failure instanceof UsageError) io.stderr('Run entity-migrate --help for usage.');
    return 1;
  }
  if (helpText) io.stdout(helpText);
  return exitCode;
}

/** Wrong flags or arguments: yargs' own message. */
class UsageError extends Error {}
