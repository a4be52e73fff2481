/**
 * CLI: every command answers --help, and wrong usage is one line with exit 1. In-process CLI;
 * needs SQLite.
 */
import { createSqliteDatabase } from './helpers/databases';
import { projectPerSuite } from './helpers/project';

const COMMANDS = ['init', 'revision', 'upgrade', 'downgrade', 'current', 'history', 'heads', 'show', 'stamp', 'merge', 'check', 'status', 'verify', 'baseline', 'import-typeorm', 'squash', 'edit', 'list-templates', 'ensure-version'];

const project = projectPerSuite(createSqliteDatabase);

test.each(COMMANDS)('%s --help prints the command\'s usage', async (command) => {
  const result = await project.cli(command, '--help');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`entity-migrate ${command}`);
  expect(result.stdout).toContain('--config');
  expect(result.stderr).toBe('');
});

test('the top-level help lists every command', async () => {
  const result = await project.cli('--help');
  expect(result.code).toBe(0);
  for (const command of COMMANDS) expect(result.stdout).toContain(`entity-migrate ${command}`);
});

test('an unknown command or flag is one error line and exit 1', async () => {
  const unknown = await project.cli('frobnicate');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toBe("error: unknown command 'frobnicate' (entity-migrate --help lists the commands)\n");
  const missing = await project.cli('revision');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe('error: Missing required argument: message (entity-migrate revision --help shows the usage)\n');
});

test('no config: one line that says where it looked and what to run', async () => {
  const result = await project.cli('current');
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain('entity-migrate init');
});
