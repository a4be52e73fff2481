/**
 * `import-typeorm`: a TypeORM project with three migration classes (TypeScript files found by a
 * glob), two of them run by TypeORM itself, moves over to revisions: stamped at the second, the
 * third pending; upgrade, downgrade base (TypeORM's downs) and upgrade again; TypeORM's table left
 * alone until asked. In-process CLI; needs PostgreSQL, SQLite and MariaDB.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createMysqlDatabase, createPostgresDatabase, DIALECTS, tableNames, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

const MIGRATIONS: Record<string, string> = {
  'src/migrations/1700000000001-CreateA.ts': `
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateA1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE a (id integer NOT NULL PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE a');
  }
}
`,
  // Written with TypeORM's schema API rather than SQL, and exported by default.
  'src/migrations/1700000000002-AddLabel.ts': `
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export default class AddLabel1700000000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('a', new TableColumn({ name: 'label', type: 'varchar', length: '50', isNullable: true }));
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('a', 'label');
  }
}
`,
  'src/migrations/1700000000003-CreateB.ts': `
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateB1700000000003 implements MigrationInterface {
  name = 'CreateB1700000000003';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE b (id integer NOT NULL PRIMARY KEY, a_id integer)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE b');
  }
}
`,
};
const FILES = Object.keys(MIGRATIONS);
const NAMES = ['CreateA1700000000001', 'AddLabel1700000000002', 'CreateB1700000000003'];

function writeTypeormProject(project: TestProject, config: Record<string, unknown> = { migrations: ['src/migrations/*.ts'] }): void {
  for (const [file, text] of Object.entries(MIGRATIONS)) project.write(file, text);
  project.writeConfig(config);
}

/** What `typeorm migration:run` does, with only the migrations in `files` in the DataSource. */
async function runWithTypeorm(project: TestProject, files: string[]): Promise<void> {
  const migrations = files.map((file) => {
    const mod = require(join(project.dir, file)) as Record<string, Function>;
    return Object.values(mod).find((value) => typeof value === 'function')!;
  });
  const ds = new DataSource({ ...project.db.options, migrations } as DataSourceOptions);
  await ds.initialize();
  try {
    await ds.runMigrations();
  } finally {
    await ds.destroy();
  }
}

async function typeormRows(db: TestDatabase): Promise<string[]> {
  return withConnection(db, async (ds) => ((await ds.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[]).map((r) => r.name));
}

/** Tables of the app and TypeORM's, without ours (and TypeORM's metadata table, made by runMigrations). */
async function appTables(db: TestDatabase): Promise<string[]> {
  return (await tableNames(db)).filter((name) => !name.startsWith('entity_migrate_') && name !== 'typeorm_metadata');
}

async function columnsOf(db: TestDatabase, table: string): Promise<string[]> {
  return withConnection(db, async (ds) => {
    const qr = ds.createQueryRunner();
    try {
      return ((await qr.getTable(table))?.columns ?? []).map((c) => c.name).sort();
    } finally {
      await qr.release();
    }
  });
}

const ALL_DIALECTS = { ...DIALECTS, mariadb: () => createMysqlDatabase() };

describe.each(Object.entries(ALL_DIALECTS))('import-typeorm on %s', (dialect, createDatabase) => {
  const project = projectPerTest(createDatabase, 'import-typeorm');

  test('two of three run by TypeORM: stamped at the second, the third pending; up, down to base, up again', async () => {
    writeTypeormProject(project);
    await runWithTypeorm(project, FILES.slice(0, 2));
    expect(await typeormRows(project.db)).toEqual(NAMES.slice(0, 2));

    const imported = await project.cli('import-typeorm');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const files = project.revisionFiles();
    expect(files).toHaveLength(3);
    const revisions = files.map((file) => {
      const text = project.read(`migrations/versions/${file}`);
      return { file, text, id: /export const revision = '(\w+)'/.exec(text)![1]!, message: /export const message = '(\w+)'/.exec(text)![1]! };
    });
    // Files sort by random id; the chain is in TypeORM's order.
    const byName = NAMES.map((name) => revisions.find((r) => r.message === name)!);
    expect(byName.every(Boolean)).toBe(true);
    expect(byName[0]!.text).toContain('downRevision: string | null = null');
    expect(byName[1]!.text).toContain(`downRevision: string | null = '${byName[0]!.id}'`);
    expect(byName[2]!.text).toContain(`downRevision: string | null = '${byName[1]!.id}'`);
    expect(byName[0]!.text).toContain(`import { CreateA1700000000001 } from '../../src/migrations/1700000000001-CreateA';`);
    expect(byName[1]!.text).toContain(`import AddLabel1700000000002 from '../../src/migrations/1700000000002-AddLabel';`);
    expect(byName[2]!.text).toContain('await new CreateB1700000000003().down(queryRunner);');
    for (const r of byName) expect(imported.stdout).toContain(`migrations/versions/${r.file} (${r.message}`);
    expect(imported.stdout).toContain(`Stamped ${byName[1]!.id}, the last migration TypeORM's table migrations records`);
    expect(imported.stdout).toContain('1 pending: run with entity-migrate upgrade head');
    expect(imported.stdout).toContain("TypeORM's table migrations is left as it is");
    expect(await versionRows(project.db)).toEqual([byName[1]!.id]);

    const current = await project.cli('current');
    expect(current.stdout.trim()).toBe(byName[1]!.id);
    const history = await project.cli('history');
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(new RegExp(`${byName[1]!.id} -> ${byName[2]!.id} \\(head\\), CreateB1700000000003`));
    expect(history.stdout).toMatch(new RegExp(`${byName[0]!.id} -> ${byName[1]!.id} \\(current\\), AddLabel1700000000002`));

    // status: one pending, the one TypeORM never ran (exit 2 until it runs).
    const pending = await project.cli('status', '--no-check', '--json');
    expect(pending.code).toBe(2);
    const report = JSON.parse(pending.stdout) as { current: string[]; pending: { id: string; message: string }[] };
    expect(report.current).toEqual([byName[1]!.id]);
    expect(report.pending.map((p) => p.message)).toEqual(['CreateB1700000000003']);

    const up = await project.cli('upgrade', 'head');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await appTables(project.db)).toEqual(['a', 'b', 'migrations']);
    expect((await project.cli('status', '--no-check')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual([byName[2]!.id]);
    expect(await typeormRows(project.db)).toEqual(NAMES.slice(0, 2)); // TypeORM's table untouched

    const down = await project.cli('downgrade', 'base');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect(await appTables(project.db)).toEqual(['migrations']);
    expect(await versionRows(project.db)).toEqual([]);

    const again = await project.cli('upgrade', 'head');
    expect(again.code).toBe(0);
    expect(await appTables(project.db)).toEqual(['a', 'b', 'migrations']);
    expect(await columnsOf(project.db, 'a')).toEqual(['id', 'label']);

    // The chain goes on from the imported head.
    const next = await project.cli('revision', '-m', 'after import');
    expect(next.code).toBe(0);
    expect(project.read(next.stdout.trim())).toContain(`= '${byName[2]!.id}'`);

    const second = await project.cli('import-typeorm');
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain('already imports TypeORM migration CreateA1700000000001: import-typeorm runs once');
    expect(project.revisionFiles()).toHaveLength(4);

    const drop = await project.cli('import-typeorm', '--drop-typeorm-table');
    expect(drop.stderr).toBe('');
    expect(drop.code).toBe(0);
    expect(drop.stdout).toContain("Dropped TypeORM's table migrations");
    expect(await appTables(project.db)).toEqual(['a', 'b']);
    expect(project.revisionFiles()).toHaveLength(4);

    if (dialect === 'sqlite') expect(typeErrors(project)).toEqual([]);
  });

  test('no TypeORM table: everything pending, the database stays at base', async () => {
    writeTypeormProject(project);
    const imported = await project.cli('import-typeorm');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('No TypeORM migrations table (migrations) in the database: the database stays at base');
    expect(imported.stdout).toContain('3 pending');
    expect(await appTables(project.db)).toEqual([]);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await appTables(project.db)).toEqual(['a', 'b']);
  });

  test('a later migration run while an earlier one was not: refused naming both, nothing written', async () => {
    writeTypeormProject(project);
    await runWithTypeorm(project, [FILES[0]!, FILES[2]!]);
    const imported = await project.cli('import-typeorm');
    expect(imported.code).toBe(1);
    expect(imported.stderr.trim().split('\n')).toHaveLength(1);
    expect(imported.stderr).toContain("TypeORM's table migrations records CreateB1700000000003 as run but not the earlier AddLabel1700000000002");
    expect(project.revisionFiles()).toEqual([]);
    expect(await tableNames(project.db)).not.toContain('entity_migrate_version');
  });
});

describe.each(Object.entries(DIALECTS))('import-typeorm refusals on %s', (_dialect, createDatabase) => {
  const project = projectPerTest(createDatabase, 'import-typeorm-refusals');

  async function refused(...args: string[]): Promise<string> {
    const result = await project.cli(...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(project.revisionFiles()).toEqual([]);
    return result.stderr;
  }

  test('a glob that matches nothing', async () => {
    writeTypeormProject(project, { migrations: ['src/migration/*.ts'] });
    expect(await refused('import-typeorm')).toContain('"migrations" entry src/migration/*.ts in entity-migrate.config.json matched no file in');
  });

  test('no migrations option', async () => {
    writeTypeormProject(project, {});
    expect(await refused('import-typeorm')).toContain('entity-migrate.config.json sets no TypeORM "migrations"');
  });

  test('a file that exports no migration class', async () => {
    writeTypeormProject(project);
    project.write('src/migrations/helpers.ts', 'export const tableName = "a";\n');
    expect(await refused('import-typeorm')).toContain('src/migrations/helpers.ts exports no TypeORM migration class');
  });

  test('a class name without a timestamp: TypeORM\'s own error', async () => {
    writeTypeormProject(project);
    project.write('src/migrations/Extra.ts', 'export class Extra { async up(): Promise<void> {} async down(): Promise<void> {} }\n');
    expect(await refused('import-typeorm')).toContain('Extra migration name is wrong. Migration class name should have a JavaScript timestamp appended.');
  });

  test('a run migration no class has', async () => {
    writeTypeormProject(project);
    await runWithTypeorm(project, FILES.slice(0, 1));
    await withConnection(project.db, (ds) => ds.query(`INSERT INTO migrations (timestamp, name) VALUES (1600000000000, 'Gone1600000000000')`));
    expect(await refused('import-typeorm')).toContain("TypeORM's table migrations records migration Gone1600000000000, which no class in \"migrations\" has");
  });

  test('a database that already records a revision', async () => {
    writeTypeormProject(project);
    project.writeRevision('aaaa00000001', null, '', '', 'first');
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const result = await project.cli('import-typeorm');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the database already records revision aaaa00000001 in the version table');
    expect(project.revisionFiles()).toHaveLength(1);
  });

  test('revisions already written: chained on top when TypeORM ran nothing, refused when it ran some', async () => {
    writeTypeormProject(project);
    project.writeRevision('aaaa00000001', null, '', '', 'first');
    await runWithTypeorm(project, FILES.slice(0, 1));
    const refusedRun = await project.cli('import-typeorm');
    expect(refusedRun.code).toBe(1);
    expect(refusedRun.stderr).toContain('the versions folder already has revisions (head aaaa00000001) that this database has not run, and TypeORM has run 1 of its migrations');
    expect(project.revisionFiles()).toHaveLength(1);

    await withConnection(project.db, (ds) => ds.query('DELETE FROM migrations'));
    const chained = await project.cli('import-typeorm');
    expect(chained.code).toBe(0);
    const first = project.revisionFiles().map((f) => project.read(`migrations/versions/${f}`)).find((text) => text.includes("message = 'CreateA1700000000001'"))!;
    expect(first).toContain("downRevision: string | null = 'aaaa00000001'");
  });

  test('an unknown flag, before anything is read', async () => {
    writeTypeormProject(project);
    const result = await project.cli('import-typeorm', '--drop-typeorm');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown argument|unknown/i);
    expect(project.revisionFiles()).toEqual([]);
  });
});

describe('import-typeorm through the built CLI on postgres', () => {
  const project = projectPerTest(createPostgresDatabase, 'import-typeorm-spawned');
  beforeAll(() => ensureBuilt(), 120_000);

  test('classes listed in a data-source module are found by their files; transaction = false runs outside the transaction', async () => {
    for (const [file, text] of Object.entries(MIGRATIONS)) project.write(file, text);
    // PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction: why TypeORM has `transaction = false`.
    project.write(
      'src/migrations/1700000000004-IndexB.ts',
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IndexB1700000000004 implements MigrationInterface {
  transaction = false as const;
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX CONCURRENTLY b_a_id ON b (a_id)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX CONCURRENTLY b_a_id');
  }
}
`,
    );
    project.write(
      'src/data-source.ts',
      `import { DataSource } from 'typeorm';
import { CreateA1700000000001 } from './migrations/1700000000001-CreateA';
import AddLabel1700000000002 from './migrations/1700000000002-AddLabel';
import { CreateB1700000000003 } from './migrations/1700000000003-CreateB';
import { IndexB1700000000004 } from './migrations/1700000000004-IndexB';

export default new DataSource({
  type: 'postgres',
  url: process.env.TEST_DATABASE_URL,
  migrations: [IndexB1700000000004, CreateB1700000000003, AddLabel1700000000002, CreateA1700000000001],
});
`,
    );
    project.write('entity-migrate.config.json', JSON.stringify({ dataSource: './src/data-source.ts' }));
    await runWithTypeorm(project, FILES.slice(0, 2));

    const imported = await project.spawn('import-typeorm');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 pending');
    const indexRevision = project.revisionFiles().map((f) => project.read(`migrations/versions/${f}`)).find((text) => text.includes('IndexB1700000000004'))!;
    expect(indexRevision).toContain(`import { IndexB1700000000004 } from '../../src/migrations/1700000000004-IndexB';`);
    expect(indexRevision).toContain('await outsideTransaction(() => new IndexB1700000000004().up(queryRunner));');

    const up = await project.spawn('upgrade', 'head');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const indexes = await withConnection(project.db, (ds) => ds.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'b' AND indexname = 'b_a_id'`));
    expect(indexes).toHaveLength(1);
    const sql = await project.spawn('downgrade', 'base', '--sql');
    expect(sql.code).toBe(1);
    expect(sql.stderr).toContain('IndexB1700000000004 is a TypeORM migration: it runs its queries itself, so --sql cannot print it');
    const down = await project.spawn('downgrade', 'base');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect(await appTables(project.db)).toEqual(['migrations']);
  });
});

/** `tsc --strict` on the revision files written (the package's own types for its import). */
function typeErrors(project: TestProject): string[] {
  const root = join(__dirname, '..');
  const program = ts.createProgram(
    project.revisionFiles().map((file) => join(project.versionsDir, file)),
    {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      baseUrl: root,
      paths: { 'typeorm-entity-migrate': ['src/index.ts'], typeorm: ['node_modules/typeorm'] },
    },
  );
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
