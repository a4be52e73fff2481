/**
 * CLI, post-write hooks (issue 12 §3): any command runs on a new revision file (`{file}` is its
 * path; the project's node_modules/.bin is on the PATH), and in a TS config a function does; a
 * failing or missing hook, or a bare name entity-migrate does not know (`'biome'`), is a warning
 * that shows its output, and the revision is written and its path printed all the same.
 * The built CLI in child processes; needs PostgreSQL and SQLite.
 */
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

describe.each(Object.entries(DIALECTS))('post-write hooks on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'hooks');

  test('commands run with {file}; failing, missing and unknown hooks are warnings with their output; the revision stays', async () => {
    // A formatter installed in the project, found on the PATH as an npm script would find it.
    const tool = project.write('node_modules/.bin/stamp-format', '#!/bin/sh\n[ "$1" = "--write" ] || exit 9\necho "// formatted by stamp-format" >> "$2"\n');
    chmodSync(tool, 0o755);
    project.writeConfig({
      postWriteHooks: [
        'stamp-format --write {file}',
        `node -e "console.error('lint: 2 problems in ' + process.argv[1]); process.exit(2)"`,
        'no-such-formatter-xyz --fix {file}',
        'biome',
      ],
    });
    const result = await project.spawn('revision', '-m', 'first');
    expect(result.code).toBe(0);
    const [file] = readdirSync(project.versionsDir).filter((f) => f.endsWith('.ts'));
    expect(result.stdout).toBe(`${join('migrations', 'versions', file!)}\n`);
    expect(project.read(`migrations/versions/${file}`)).toContain('// formatted by stamp-format');

    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(3);
    expect(result.stderr).toContain(`warning: post-write hook 'node -e`);
    expect(result.stderr).toMatch(/failed \(exit 2\); the revision is written\n {2}lint: 2 problems in \S+first\.ts\n/);
    expect(result.stderr).toMatch(/post-write hook 'no-such-formatter-xyz --fix \{file\}' on \S+ failed: command not found \(exit 127\); the revision is written\n {2}.*not found/);
    expect(result.stderr).toContain("post-write hook 'biome' on");
    expect(result.stderr).toContain("is not a hook entity-migrate knows (prettier); write the command with {file} for the revision's path, e.g. 'biome format --write {file}'");
  });

  test('a TS config may give functions: one that throws is a warning, the next still runs', async () => {
    project.write(
      'entity-migrate.config.ts',
      [
        `import { appendFileSync } from 'node:fs';`,
        `export default {`,
        `  url: process.env.TEST_DATABASE_URL,`,
        `  postWriteHooks: [`,
        `    async function refuse(): Promise<void> { throw new Error('formatter crashed'); },`,
        `    (file: string) => appendFileSync(file, '// touched by a function hook\\n'),`,
        `  ],`,
        `};`,
        ``,
      ].join('\n'),
    );
    const result = await project.spawn('revision', '-m', 'second');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: post-write hook 'function refuse' on \S+second\.ts threw: formatter crashed; the revision is written\n$/);
    const [file] = readdirSync(project.versionsDir).filter((f) => f.endsWith('.ts'));
    expect(project.read(`migrations/versions/${file}`)).toContain('// touched by a function hook');
  });

  test('a JSON config with a hook that is not a string or function is refused in one line', async () => {
    project.writeConfig({ postWriteHooks: ['prettier', 42] });
    const result = await project.spawn('revision', '-m', 'third');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: entity-migrate\.config\.json: "postWriteHooks" must be a list of commands .* or functions, got an array\n$/);
    expect(readdirSync(project.versionsDir).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });
});
