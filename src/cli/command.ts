import type { Argv } from 'yargs';
import type { GlobalOptions } from './global-options';
import type { CliIo } from './io';

/** One CLI verb: its yargs shape and what it does. Returns the exit code (default 0). */
export interface CliCommand<A = object> {
  command: string | string[];
  describe: string;
  builder: (yargs: Argv<GlobalOptions>) => Argv<A & GlobalOptions>;
  run: (argv: A & GlobalOptions, io: CliIo) => Promise<number | void>;
}

/** Helps type inference: `defineCommand({...})` checks `run` against `builder`. */
export function defineCommand<A>(command: CliCommand<A>): CliCommand<A> {
  return command;
}
