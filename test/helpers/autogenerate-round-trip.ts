/**
 * The loop an entity set must survive, as a user runs it: `revision --autogenerate` on an empty
 * database → `upgrade head` → `check` finds nothing → `downgrade base` → `upgrade head` → `check`
 * finds nothing again.
 */
import type { TestProject } from './project';

/** Runs the loop on the project's entities; returns the revision file's source. */
export async function expectAutogenerateRoundTrip(project: TestProject): Promise<string> {
  const revision = await project.cli('revision', '--autogenerate', '-m', 'init');
  expect({ command: 'revision --autogenerate', ...revision, stdout: '' }).toEqual({ command: 'revision --autogenerate', code: 0, stdout: '', stderr: '' });
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
