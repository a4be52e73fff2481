import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package version, read from package.json when `--version` asks for it (not at every start:
 * src/cli and dist/cli both sit two levels below it).
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** `--version` anywhere before `--`, as yargs would read it. */
export function asksForVersion(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--version');
}
