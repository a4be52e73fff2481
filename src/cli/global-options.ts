import type { Argv } from 'yargs';
import { DEFAULTS } from '../config/settings';

/** Flags every command takes (DESIGN.md section 4). */
export interface GlobalOptions {
  config?: string;
  url?: string;
  verbose: boolean;
  quiet: boolean;
  'lock-timeout'?: number;
  'env-file'?: string;
}

export function globalOptions<T>(yargs: Argv<T>): Argv<T & GlobalOptions> {
  return yargs
    .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: entity-migrate.config.* or ormconfig.json)' })
    .option('url', { type: 'string', describe: 'Database URL; overrides DATABASE_URL and the config' })
    .option('env-file', { type: 'string', describe: 'Load this .env file (relative to the cwd) instead of the .env beside the config' })
    .option('verbose', { type: 'boolean', default: false, describe: "Show stack traces, SQL logging, and (revision --autogenerate) every op's locks" })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only what scripts need' })
    .option('lock-timeout', { type: 'number', describe: `Seconds to wait for another process's migration lock (default ${DEFAULTS.lockTimeout / 1000})` }) as Argv<
    T & GlobalOptions
  >;
}
