/**
 * The round trip a user makes after writing entities, through the in-process CLI:
 * `revision --autogenerate` → `upgrade head` → `check`. Each step that fails throws with the
 * CLI's output, so a test states only what it expects of the revision and of `check`.
 * {@link expectAutogenerateRoundTrip} goes on: `downgrade base` → `upgrade head` → `check` again.
 */
import type { CliResult, TestProject } from './project';

function fail(step: string, result: CliResult): never {
  throw new Error(`${step} exited ${result.code}\n${result.stdout}${result.stderr}`);
}

/** `revision --autogenerate -m message` then `upgrade head`; the revision file's text. */
export async function autogenerateAndUpgrade(project: TestProject, message: string): Promise<string> {
  const revision = await project.cli('revision', '--autogenerate', '-m', message);
  if (revision.code !== 0) fail('revision --autogenerate', revision);
  const upgrade = await project.cli('upgrade', 'head');
  if (upgrade.code !== 0) fail('upgrade head', upgrade);
  return project.read(revision.stdout.trim());
}

/** What `check` still reports, one line per pending op (empty when entities and database agree). */
export async function pendingOps(project: TestProject): Promise<string[]> {
  const check = await project.cli('check');
  if (check.code === 0) return [];
  if (check.code !== 2) fail('check', check);
  return check.stdout
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim())
    // Under each op, check says what it locks (lines starting 'lock:'); the ops are the rest.
    .filter((line) => !line.startsWith('lock:'));
}

/**
 * `revision --autogenerate`'s stderr without the change summary it prints first (`Changes:` and an
 * indented line per op, as in the file's header): what is left are warnings.
 */
export function withoutChangeSummary(stderr: string): string {
  return stderr.replace(/^Changes:\n(?: {2}[+~!-] [^\n]*\n)+/m, '');
}

/**
 * The whole loop an entity set must survive: `revision --autogenerate` on an empty database →
 * `upgrade head` → `check` finds nothing → `downgrade base` → `upgrade head` → `check` finds
 * nothing. Returns the revision file's source.
 */
export async function expectAutogenerateRoundTrip(project: TestProject): Promise<string> {
  const revision = await project.cli('revision', '--autogenerate', '-m', 'init');
  expect({ command: 'revision --autogenerate', ...revision, stdout: '', stderr: withoutChangeSummary(revision.stderr) }).toEqual({ command: 'revision --autogenerate', code: 0, stdout: '', stderr: '' });
  for (const args of [['upgrade', 'head'], ['check'], ['downgrade', 'base'], ['upgrade', 'head'], ['check']]) {
    const { code, stderr, stdout } = await project.cli(...args);
    // The command and its output side by side, so a failure says which step and what it found.
    expect({ command: args.join(' '), code, stderr, pending: args[0] === 'check' ? stdout : '' }).toEqual({
      command: args.join(' '),
      code: 0,
      stderr: '',
      pending: args[0] === 'check' ? 'No changes detected: entities and database agree\n' : '',
    });
  }
  return project.read(revision.stdout.trim());
}
