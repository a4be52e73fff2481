/**
 * `import-typeorm`: move a project over from TypeORM's migrations. One revision per migration
 * class, in TypeORM's order, as a linear chain on the current head; the database is stamped at the
 * revision of the last migration TypeORM's table records, so the pending ones run with
 * `upgrade head`. Everything is checked before any file is written, and the files written are
 * removed again if a later step fails.
 */
import { rmSync } from 'node:fs';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import { displayPath } from '../display-path';
import { ConfigError, EntityMigrateError, StateError } from '../errors';
import { loadTypeormMigrations, migrationsSourceOf, type TypeormMigrationClass } from '../load/typeorm-migrations';
import { inDataSourceSchema } from '../ops/table-path';
import type { Revision } from '../script/revision';
import type { RevisionGraph } from '../script/revision-graph';
import { typeormMigrationRevision } from '../script/typeorm-migration-revision';
import { newRevisionId, type NewRevision } from '../script/write-revision';
import { typeormMigrationOrder } from '../typeorm-internals';

export interface ImportTypeormOptions {
  /** Drop TypeORM's migrations table once the database is stamped (it is left alone by default). */
  dropTypeormTable?: boolean;
}

export interface ImportedMigration {
  /** TypeORM's name for the migration; the revision's message. */
  name: string;
  revision: string;
  file: string;
  /** TypeORM's table records it as run. */
  applied: boolean;
}

export interface ImportTypeormResult {
  /** The revisions written, in order (none when only TypeORM's table was dropped). */
  imported: ImportedMigration[];
  /** The revision the database was stamped at; undefined: it stays where it was (base). */
  stamped: string | undefined;
  /** Imported migrations TypeORM has not run: `upgrade head` runs them. */
  pending: number;
  /** TypeORM's migrations table, as found (schema-qualified where the data source sets a schema). */
  typeormTable: string;
  typeormTableExists: boolean;
  droppedTypeormTable: boolean;
}

/** What the import needs of the migrator. */
export interface ImportSubject {
  readonly cwd: string;
  readonly versionsDir: string;
  readonly dataSource: DataSource;
  graph(): RevisionGraph;
  connect(): Promise<DataSource>;
  dialect(): Dialect;
  /** The revisions the version table records. */
  current(): Promise<{ id: string }[]>;
  createRevision(spec: Omit<NewRevision, 'downRevisions'> & { downRevisions?: string[] }): string;
  reload(): void;
  /** Stamp under the migration lock; `verifyRecorded` sees the version table's rows first and may refuse. */
  stamp(target: string, options: { verifyRecorded?: (recorded: readonly string[]) => void }): Promise<unknown>;
}

interface PlannedMigration extends TypeormMigrationClass {
  name: string;
  instance: MigrationInterface;
  applied: boolean;
}

export async function importTypeorm(subject: ImportSubject, options: ImportTypeormOptions = {}): Promise<ImportTypeormResult> {
  const graph = subject.graph(); // a missing versions folder first, before anything loads
  const source = migrationsSourceOf(subject.dataSource, subject.cwd);
  const migrations = orderAsTypeorm(await loadTypeormMigrations(source, subject.cwd), source.origin);
  const names = new Set(migrations.map((m) => m.name));
  const earlier = graph.all().filter((r) => names.has(r.message));

  await subject.connect();
  const typeormTable = typeormTablePath(subject.dataSource, subject.dialect());
  const applied = await withQueryRunner(subject.dataSource, (qr) => appliedNames(qr, subject.dialect(), typeormTable));
  const base = { typeormTable, typeormTableExists: applied !== undefined };

  if (earlier.length === migrations.length && options.dropTypeormTable) {
    // Imported before: the flag alone is the user saying TypeORM's table can go now.
    return { ...base, imported: [], stamped: undefined, pending: 0, droppedTypeormTable: await dropTable(subject, typeormTable, applied !== undefined) };
  }
  if (earlier.length > 0) {
    const first = earlier[0]!;
    throw new StateError(
      'IMPORT_REFUSED',
      `revision ${first.id} (${displayPath(first.file, subject.cwd)}) already imports TypeORM migration ${first.message}: import-typeorm runs once${earlier.length === migrations.length ? ' (--drop-typeorm-table alone drops TypeORM\'s table)' : ''}`,
    );
  }
  const recorded = (await subject.current()).map((r) => r.id);
  if (recorded.length > 0) throw alreadyVersioned(recorded);
  const planned = markApplied(migrations, applied ?? [], typeormTable);
  const lastApplied = planned.filter((m) => m.applied).length;
  const heads = graph.heads();
  if (heads.length > 1) {
    throw new StateError('IMPORT_REFUSED', `the revisions have ${heads.length} heads (${heads.map((h) => h.id).join(', ')}); merge them before import-typeorm continues the chain`);
  }
  if (heads.length === 1 && lastApplied > 0) {
    // Stamping inside the new chain would record the revisions below it as run, and they were not.
    throw new StateError(
      'IMPORT_REFUSED',
      `the versions folder already has revisions (head ${heads[0]!.id}) that this database has not run, and TypeORM has run ${lastApplied} of its migrations: stamping would mark those revisions as run; import before writing revisions, or move them away first`,
    );
  }

  const written: string[] = [];
  try {
    const imported = writeChain(subject, planned, heads[0], written);
    const stamped = lastApplied > 0 ? imported[lastApplied - 1]!.revision : undefined;
    if (stamped) {
      await subject.stamp(stamped, {
        verifyRecorded: (now) => {
          if (now.length > 0) throw alreadyVersioned(now);
        },
      });
    }
    const droppedTypeormTable = options.dropTypeormTable ? await dropTable(subject, typeormTable, applied !== undefined) : false;
    return { ...base, imported, stamped, pending: planned.length - lastApplied, droppedTypeormTable };
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    subject.reload();
    throw error;
  }
}

/** TypeORM's order and names (its MigrationExecutor's own code), with each class's file kept. */
function orderAsTypeorm(classes: TypeormMigrationClass[], origin: string): Omit<PlannedMigration, 'applied'>[] {
  const byInstance = new Map<MigrationInterface, TypeormMigrationClass>();
  for (const loaded of classes) {
    let instance: MigrationInterface;
    try {
      instance = new (loaded.migrationClass as new () => MigrationInterface)();
    } catch (error) {
      throw new ConfigError('TYPEORM_MIGRATION_INVALID', `${displayPath(loaded.file)}: new ${loaded.migrationClass.name}() failed: ${messageOf(error)}`);
    }
    byInstance.set(instance, loaded);
  }
  try {
    return typeormMigrationOrder([...byInstance.keys()]).map((m) => ({ ...byInstance.get(m.instance)!, name: m.name, instance: m.instance }));
  } catch (error) {
    if (error instanceof EntityMigrateError) throw error;
    throw new ConfigError('TYPEORM_MIGRATION_INVALID', `"migrations" in ${origin}: ${messageOf(error)}`);
  }
}

/**
 * Which migrations TypeORM's table records. They must be the first ones in TypeORM's order (what
 * `migration:run` leaves); a gap, or a row no class matches, cannot be stamped as one revision.
 */
function markApplied(migrations: Omit<PlannedMigration, 'applied'>[], applied: readonly string[], table: string): PlannedMigration[] {
  const known = new Set(migrations.map((m) => m.name));
  const orphan = applied.find((name) => !known.has(name));
  if (orphan !== undefined) {
    throw new StateError('IMPORT_REFUSED', `TypeORM's table ${table} records migration ${orphan}, which no class in "migrations" has; add its class (or delete the row) before importing`);
  }
  const planned = migrations.map((m) => ({ ...m, applied: applied.includes(m.name) }));
  const gap = planned.findIndex((m) => !m.applied);
  const later = gap < 0 ? undefined : planned.slice(gap + 1).find((m) => m.applied);
  if (later) {
    throw new StateError(
      'IMPORT_REFUSED',
      `TypeORM's table ${table} records ${later.name} as run but not the earlier ${planned[gap]!.name}; a chain can only be stamped at a prefix: run or remove ${planned[gap]!.name} with TypeORM first`,
    );
  }
  return planned;
}

function writeChain(subject: ImportSubject, planned: PlannedMigration[], head: Revision | undefined, written: string[]): ImportedMigration[] {
  const imported: ImportedMigration[] = [];
  let parent = head?.id;
  for (const m of planned) {
    const spec = typeormMigrationRevision(subject.versionsDir, {
      name: m.name,
      className: m.migrationClass.name,
      file: m.file,
      exportName: m.exportName,
      outsideTransaction: m.instance.transaction === false,
    });
    const revision = newRevisionId();
    const file = subject.createRevision({ ...spec, revId: revision, downRevisions: parent === undefined ? [] : [parent] });
    written.push(file);
    imported.push({ name: m.name, revision, file, applied: m.applied });
    parent = revision;
  }
  return imported;
}

/** Where TypeORM keeps its table: `migrationsTableName` (default `migrations`) in the data source's schema. */
function typeormTablePath(dataSource: DataSource, dialect: Dialect): string {
  const name = (dataSource.options as { migrationsTableName?: unknown }).migrationsTableName;
  return inDataSourceSchema(typeof name === 'string' && name !== '' ? name : 'migrations', dataSource, dialect.capabilities);
}

/** The names TypeORM's table records; undefined when there is no such table. */
async function appliedNames(queryRunner: QueryRunner, dialect: Dialect, table: string): Promise<string[] | undefined> {
  if (!(await queryRunner.hasTable(table))) return undefined;
  const rows: { name: string }[] = await queryRunner.query(`SELECT name FROM ${dialect.quoteTableName(table)}`);
  return rows.map((r) => r.name);
}

async function dropTable(subject: ImportSubject, table: string, exists: boolean): Promise<boolean> {
  if (!exists) return false;
  await withQueryRunner(subject.dataSource, (qr) => qr.query(`DROP TABLE ${subject.dialect().quoteTableName(table)}`));
  return true;
}

async function withQueryRunner<T>(dataSource: DataSource, fn: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    return await fn(queryRunner);
  } finally {
    await queryRunner.release();
  }
}

function alreadyVersioned(recorded: readonly string[]): StateError {
  return new StateError(
    'IMPORT_REFUSED',
    `the database already records revision ${recorded.join(', ')} in the version table: import-typeorm only starts a history (run it on the database TypeORM migrated, before any upgrade)`,
  );
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
