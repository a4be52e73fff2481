/**
 * The transpile cache holds compiled copies of users' TypeScript, a config with a password among
 * them: a copy must be no easier to read than its source. A source readable only by its owner
 * (0600) gives cache files readable only by the owner, and the cache folder we create is the
 * owner's alone. In-process (transpile) and through the built CLI (the real require hook).
 * Needs SQLite. POSIX file modes: skipped on Windows.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetTranspileCacheDir, transpile } from '../src/load/transpile';
import { ensureBuilt } from './helpers/spawn-cli';
import { SpawnedProject } from './helpers/spawned-project';

const posix = process.platform === 'win32' ? describe.skip : describe;
const PASSWORD = 'S3cret-Pa55-only-here';

/** Permission bits of every file under `dir`, keyed by name relative to it. */
function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = statSync(path).mode & 0o777;
  }
  return out;
}

/** The cache files whose text holds the password, with their modes. */
function filesWithPassword(cacheDir: string): Record<string, number> {
  const all = modes(cacheDir);
  return Object.fromEntries(Object.entries(all).filter(([name]) => {
    const path = join(cacheDir, name);
    return statSync(path).isFile() && readFileSync(path, 'utf8').includes(PASSWORD);
  }));
}

posix('transpile cache file modes', () => {
  let dir: string;
  const env = process.env.ENTITY_MIGRATE_CACHE_DIR;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-cache-mode-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (env === undefined) delete process.env.ENTITY_MIGRATE_CACHE_DIR;
    else process.env.ENTITY_MIGRATE_CACHE_DIR = env;
    resetTranspileCacheDir();
  });

  test('a 0600 source gives a 0600 cache file in a folder only its owner can open; a hit on an older 0644 copy tightens it', () => {
    const cacheDir = join(dir, 'cache', 'entity-migrate');
    process.env.ENTITY_MIGRATE_CACHE_DIR = cacheDir;
    resetTranspileCacheDir();
    const file = join(dir, 'entity-migrate.config.ts');
    const source = `export default { type: 'postgres', host: 'db', password: '${PASSWORD}', database: 'app' };\n`;
    writeFileSync(file, source, { mode: 0o600 });
    chmodSync(file, 0o600);

    expect(transpile(file, source)).toContain(PASSWORD);
    const written = filesWithPassword(cacheDir);
    expect(Object.values(written)).toEqual([0o600]);
    expect(statSync(cacheDir).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'cache')).mode & 0o077).toBe(0);

    // A copy left by an older entity-migrate (0644) is not read as it is.
    const [name] = Object.keys(written);
    chmodSync(join(cacheDir, name!), 0o644);
    expect(transpile(file, source)).toContain(PASSWORD);
    expect(filesWithPassword(cacheDir)).toEqual(written);
  });

  test('a source others may read keeps a cache file others may read (no needless change)', () => {
    const cacheDir = join(dir, 'cache');
    process.env.ENTITY_MIGRATE_CACHE_DIR = cacheDir;
    resetTranspileCacheDir();
    const file = join(dir, 'entity.ts');
    const source = `export const marker = '${PASSWORD}';\n`;
    writeFileSync(file, source);
    chmodSync(file, 0o644);
    transpile(file, source);
    const [mode] = Object.values(filesWithPassword(cacheDir));
    expect(mode! & 0o600).toBe(0o600);
  });
});

posix('through the CLI', () => {
  beforeAll(() => ensureBuilt(), 120_000);
  let project: SpawnedProject | undefined;
  afterEach(() => project?.remove());

  test('a 0600 TypeScript config holding a password: every cache file derived from it is 0600, and so is the cache folder', async () => {
    project = new SpawnedProject('cache-mode').write({
      'entity-migrate.config.ts': [
        `const password = '${PASSWORD}';`,
        `export default { type: 'better-sqlite3', database: 'app.sqlite', username: 'app', password, entities: [] };`,
        ``,
      ].join('\n'),
    });
    chmodSync(join(project.dir, 'entity-migrate.config.ts'), 0o600);
    const result = await project.cli('current');
    expect(result.stderr).toContain('at base');
    expect(result.code).toBe(0);
    const written = filesWithPassword(project.cacheDir);
    expect(Object.keys(written).length).toBeGreaterThan(0);
    for (const [name, mode] of Object.entries(written)) expect([name, mode.toString(8)]).toEqual([name, '600']);
    expect((statSync(project.cacheDir).mode & 0o777).toString(8)).toBe('700');
  });
});
