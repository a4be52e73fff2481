import yargs, { type Argv } from 'yargs';
import type { CliCommand } from './command';
import { baselineCommand } from './commands/baseline';
import { branchesCommand } from './commands/branches';
import { checkCommand } from './commands/check';
import { currentCommand } from './commands/current';
import { downgradeCommand } from './commands/downgrade';
import { headsCommand } from './commands/heads';
import { historyCommand } from './commands/history';
import { importTypeormCommand } from './commands/import-typeorm';
import { initCommand } from './commands/init';
import { mergeCommand } from './commands/merge';
import { revisionCommand } from './commands/revision';
import { showCommand } from './commands/show';
import { squashCommand } from './commands/squash';
import { stampCommand } from './commands/stamp';
import { statusCommand } from './commands/status';
import { upgradeCommand } from './commands/upgrade';
import { verifyCommand } from './commands/verify';
import { InterruptedError } from '../errors';
import { globalOptions, type GlobalOptions } from './global-options';
import { formatError, processIo, type CliIo } from './io';
import { usageError, type UsageContext } from './usage-error';
import { asksForVersion, packageVersion } from './version';

/**
 * A command with its own argv type erased: the list holds commands of different argv types, and
 * each gets back (in `run`) the argv its own builder made.
 */
interface AnyCommand {
  command: CliCommand['command'];
  describe: string;
  builder: (yargs: Argv<GlobalOptions>) => Argv<GlobalOptions>;
  run: (argv: never, io: CliIo) => Promise<number | void>;
}

const COMMANDS: AnyCommand[] = [
  initCommand,
  revisionCommand,
  upgradeCommand,
  downgradeCommand,
  currentCommand,
  historyCommand,
  headsCommand,
  branchesCommand,
  showCommand,
  stampCommand,
  mergeCommand,
  checkCommand,
  statusCommand,
  verifyCommand,
  baselineCommand,
  importTypeormCommand,
  squashCommand,
];

/**
 * Run the CLI with `args` (without `node` and the script) and return the exit code.
 * Never calls process.exit, so tests can run it in-process.
 *
 * Parsing and validation finish before any command starts: yargs' handler only records which
 * command to run, so a mistyped flag (`downgrade base --sq`) is refused before anything is touched
 * (yargs may validate a command's strictness after its async handler has run).
 */
export async function main(args: string[], io: CliIo = processIo()): Promise<number> {
  let verbose = args.includes('--verbose');
  // Stack traces in users' TypeScript point at .ts lines (before any user file loads).
  if (verbose) process.setSourceMapsEnabled(true);
  if (asksForVersion(args)) {
    io.stdout(packageVersion());
    return 0;
  }
  let failure: unknown;
  let chosen: { command: AnyCommand; argv: GlobalOptions } | undefined;
  let parser: Argv<GlobalOptions> = globalOptions(yargs(args))
    .scriptName('entity-migrate')
    .strict()
    .demandCommand(1, 'Name a command: entity-migrate --help lists them')
    .help()
    .alias('h', 'help')
    .version(false)
    .option('version', { type: 'boolean', describe: 'Print the version and exit' })
    .wrap(Math.min(110, process.stdout.columns || 100))
    .env(false)
    .exitProcess(false)
    .fail((message, error) => {
      // yargs' own errors (YError) are usage mistakes too; anything else is a real failure.
      failure ??= error && error.name !== 'YError' ? error : usageError(message ?? error?.message ?? '', usageContext(args));
    });
  for (const command of COMMANDS) {
    parser = parser.command(command.command, command.describe, command.builder, (argv) => {
      chosen = { command, argv };
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
  if (!failure && chosen) {
    verbose = Boolean(chosen.argv.verbose);
    try {
      const code = await chosen.command.run(chosen.argv as never, io);
      return typeof code === 'number' ? code : 0;
    } catch (error) {
      failure = error;
    }
  }
  if (failure) {
    io.stderr(formatError(failure, verbose, io.color));
    return failure instanceof InterruptedError ? failure.exitCode : 1;
  }
  if (helpText) io.stdout(helpText);
  return 0;
}

declare module 'yargs' {
  interface Argv<T> {
    /** The options declared so far (`key`: every flag; `alias`: flag → its aliases). Public in yargs 17, missing from its types. */
    getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> };
  }
}

function commandName(command: AnyCommand): string {
  return String(command.command).split(' ')[0]!;
}

/** What the arguments named, for a usage error's suggestion (only built when one is printed). */
function usageContext(args: readonly string[]): UsageContext {
  const flagsOf = (command?: AnyCommand): string[] => {
    const y = globalOptions(yargs([])).help().version(false).option('version', { type: 'boolean' });
    const options = (command ? command.builder(y) : y).getOptions();
    const positionals = command ? [...String(command.command).matchAll(/[<[]([\w-]+)/g)].map((m) => m[1]) : [];
    return [...Object.keys(options.key), ...Object.values(options.alias).flat()].filter((f) => !positionals.includes(f));
  };
  const names = COMMANDS.map(commandName);
  const named = args.find((a) => names.includes(a));
  const command = COMMANDS.find((c) => commandName(c) === named);
  return {
    args,
    commands: names,
    command: command && { name: commandName(command), usage: String(command.command), flags: flagsOf(command) },
    globalFlags: flagsOf(),
  };
}
