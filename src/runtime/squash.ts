/**
 * `squash REV`: base..REV become one revision with REV's id, so that a database at REV or later
 * keeps working unchanged and a new database runs one revision instead of many. It is a baseline
 * (runtime/baseline.ts) of a scratch database upgraded to REV: the schema is read back from there,
 * not re-derived from the old revisions' code.
 *
 * The squash revision's file exports `squashes` (the ids it replaced) and `squashedChecksum` (the
 * checksum REV's old file had, which databases that ran it recorded: `status` must not call the
 * revision changed on them). A database recorded at a replaced revision is refused by every
 * command that reads the heads, with the way forward (Migrator.readHeads).
 */
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DataSource, type QueryRunner } from 'typeorm';
import { loadAutogenerate } from '../autogenerate/load';
import type { DatabaseSchema } from '../autogenerate/from-database';
import type { Dialect } from '../dialects';
import { EntityMigrateError, RevisionGraphError, StateError } from '../errors';
import { inDataSourceSchema, localTableName, renamedTablePath } from '../ops/table-path';
import type { ColumnSpec, Op, OpOf, Row, TableSpec } from '../ops/types';
import type { Revision } from '../script/revision';
import type { RevisionGraph } from '../script/revision-graph';
import { singleHead } from '../script/plan';
import { writeRevision } from '../script/write-revision';
import { moveFilesAside } from './baseline';

export interface SquashOptions {
  message: string;
  /** Delete the replaced files instead of moving them to `<migrationsDir>/squashed/`. */
  delete?: boolean;
  /** Accept losing raw `op.execute` calls (refused otherwise, with their list). */
  dropDataOps?: boolean;
}

/** A data op one of the squashed revisions ran, and what the squash did with it. */
export interface SquashedDataOp {
  revision: string;
  kind: 'bulkInsert' | 'bulkDelete' | 'execute';
  /** The table (bulk ops) or the first 60 characters of the SQL (execute). */
  target: string;
  outcome: string;
}

export interface SquashResult {
  file: string;
  revision: string;
  /** The revisions replaced, oldest first. */
  replaced: string[];
  /** Where the old files went (empty with `delete`). */
  movedFiles: string[];
  deletedFiles: string[];
  dataOps: SquashedDataOp[];
  tables: number;
  views: number;
  /** What the squashed revisions made that the squash does not create (their raw statements' triggers, functions...). */
  notAdopted: string[];
}

/** What squash needs of the migrator whose revisions it replaces. */
export interface SquashSubject {
  readonly cwd: string;
  readonly migrationsDir: string;
  readonly versionsDir: string;
  graph(): RevisionGraph;
  reload(): void;
  connect(): Promise<DataSource>;
  dialect(): Dialect;
}

/** A migrator with the same revisions on the scratch database. */
export interface SquashScratch {
  readonly dataSource: DataSource;
  connect(): Promise<DataSource>;
  ownTables(): string[];
  dialect(): Dialect;
  upgrade(target: string, options: { onOp: (op: Op, revision: string) => void }): Promise<unknown>;
  close(): Promise<void>;
}

/** Where replaced revision files go. */
export function squashedDir(migrationsDir: string): string {
  return join(migrationsDir, 'squashed');
}

/** The revisions base..REV, checked to be one line that nothing else branches from. */
export function squashPlan(graph: RevisionGraph, target: string): { target: Revision; chain: Revision[] } {
  const head = target === 'head' ? singleHead(graph) : graph.resolve(target);
  const refuse = (why: string) => new RevisionGraphError('SQUASH_REFUSED', `Cannot squash base..${head.id}: ${why}`);
  const chain: Revision[] = [];
  for (let rev: Revision | undefined = head; rev; rev = rev.downRevisions.length === 0 ? undefined : graph.get(rev.downRevisions[0])) {
    if (rev.downRevisions.length > 1) {
      throw refuse(`${rev.id} (${graph.show(rev.file)}) is a merge revision; squash a single line of revisions`);
    }
    chain.unshift(rev);
  }
  if (chain.length < 2) throw refuse(`${head.id} is the base revision, there is nothing to squash into it`);
  const inChain = new Set(chain.map((r) => r.id));
  const branch = graph
    .all()
    .find((r) => !inChain.has(r.id) && r.downRevisions.some((parent) => inChain.has(parent) && parent !== head.id));
  if (branch) {
    const parent = branch.downRevisions.find((p) => inChain.has(p))!;
    throw refuse(`${branch.id} (${graph.show(branch.file)}) branches from ${parent}, which the squash would remove; squash up to ${parent} or merge the branch first`);
  }
  return { target: head, chain };
}

/**
 * Squash base..`target` into one revision with `target`'s id. Everything is checked before the
 * scratch database is made; the revision files change only once the new revision is rendered,
 * and are put back if writing or loading it fails.
 */
export async function squashRevisions(
  subject: SquashSubject,
  target: string,
  options: SquashOptions,
  onScratch: (dataSource: DataSource) => SquashScratch,
): Promise<SquashResult> {
  if (!options.message?.trim()) throw new EntityMigrateError('REVISION_INVALID', 'squash needs a message (-m "...")');
  const { target: head, chain } = squashPlan(subject.graph(), target);
  const aside = squashedDir(subject.migrationsDir);
  const clash = chain.map((r) => join(aside, basename(r.file))).find((file) => existsSync(file));
  if (clash) throw new EntityMigrateError('FILE_EXISTS', `${relative(subject.cwd, clash)} already exists: move it away before squashing`);

  const dataSource = await subject.connect();
  const scratch = await subject.dialect().createScratchDatabase(dataSource);
  const scratchMigrator = onScratch(new DataSource(scratch.options));
  let built: SquashedRevision;
  try {
    built = await buildOnScratch(scratchMigrator, head.id, options);
  } finally {
    await scratchMigrator.close();
    await scratch.drop();
  }

  const replaced = [...new Set([...chain.flatMap((r) => r.squashes ?? []), ...chain.map((r) => r.id)])];
  const rendered = renderSquash(built, chain);
  const moved = moveFilesAside(chain.map((r) => r.file), aside);
  let file: string | undefined;
  try {
    file = writeRevision(subject.versionsDir, subject.migrationsDir, {
      message: options.message,
      revId: head.id,
      downRevisions: [],
      ...rendered,
      squashes: { revisions: replaced, checksum: head.checksum },
    });
    subject.reload();
    subject.graph(); // the new file must load, and the chain after it must still hang on it
  } catch (error) {
    if (file) rmSync(file, { force: true });
    moved.undo();
    subject.reload();
    throw error;
  }
  if (options.delete) {
    for (const old of moved.moved) rmSync(old);
    rmEmptyDir(aside);
  }
  return {
    file,
    revision: head.id,
    replaced,
    movedFiles: options.delete ? [] : moved.moved,
    deletedFiles: options.delete ? chain.map((r) => r.file) : [],
    dataOps: built.dataOps,
    tables: built.tables,
    views: built.views,
    notAdopted: built.schema.notAdopted,
  };
}

interface SquashedRevision {
  /** What the scratch database holds at the revision (createSchema/createTable/createView, …). */
  schema: DatabaseSchema;
  /** The rows of each seeded table, as bulkInsert. */
  rows: Op[];
  /** Statements to run after the rows (PostgreSQL: sequences moved past inserted keys), upgrade only. */
  afterRows: Op[];
  dataOps: SquashedDataOp[];
  tables: number;
  views: number;
}

/** Upgrade the scratch database to `revision`, watching the data ops, and read back what it holds. */
async function buildOnScratch(scratch: SquashScratch, revision: string, options: SquashOptions): Promise<SquashedRevision> {
  const seen: { op: Op; revision: string }[] = [];
  await scratch.upgrade(revision, { onOp: (op, rev) => seen.push({ op, revision: rev }) });
  const dataSource = await scratch.connect();
  const { databaseSchema } = loadAutogenerate();
  // Every table the revisions built belongs in the squash: `include` / `exclude` limit what
  // autogenerate compares, not what the revisions made.
  const schema = await databaseSchema(dataSource, { ignoreTables: scratch.ownTables() });
  const dialect = scratch.dialect();
  const defaultSchema = await dialect.introspection.defaultSchema(dataSource);
  const local = (name: string) => localTableName(name, defaultSchema);

  const executes = seen.filter((s): s is { op: OpOf<'execute'>; revision: string } => s.op.kind === 'execute');
  if (executes.length > 0 && !options.dropDataOps) {
    const list = executes.map((s) => `${s.revision}: ${sqlHead(s.op.sql)}`).join('; ');
    throw new StateError(
      'SQUASH_REFUSED',
      `Cannot squash: ${executes.length} raw op.execute call(s) cannot be carried over (${list}); pass --drop-data-ops to drop them (the schema they made is in the squashed revision anyway; data they wrote is not)`,
    );
  }

  // The tables a bulk op touched, followed through later renames and drops to their name at REV.
  const seeded = new Map<string, string[]>(); // name at REV → revisions
  const dataOps: SquashedDataOp[] = [];
  const byTable = new Map<string, SquashedDataOp[]>();
  for (const { op, revision: rev } of seen) {
    if (op.kind === 'bulkInsert' || op.kind === 'bulkDelete') {
      const entry: SquashedDataOp = { revision: rev, kind: op.kind, target: op.table, outcome: '' };
      dataOps.push(entry);
      const name = local(op.table);
      byTable.set(name, [...(byTable.get(name) ?? []), entry]);
      seeded.set(name, [...(seeded.get(name) ?? []), rev]);
    } else if (op.kind === 'execute') {
      dataOps.push({ revision: rev, kind: 'execute', target: sqlHead(op.sql), outcome: 'dropped (--drop-data-ops)' });
    } else if (op.kind === 'renameTable') {
      const from = local(op.from);
      const to = local(renamedTablePath(op.from, op.to));
      for (const map of [seeded, byTable] as Map<string, unknown>[]) {
        if (map.has(from)) {
          map.set(to, map.get(from));
          map.delete(from);
        }
      }
    } else if (op.kind === 'dropTable') {
      const name = local(typeof op.table === 'string' ? op.table : op.table.name);
      for (const entry of byTable.get(name) ?? []) entry.outcome = `nothing carried: table ${name} was dropped before ${revision}`;
      seeded.delete(name);
      byTable.delete(name);
    }
  }

  // Carrying the rows each seeded table holds at REV (rather than replaying the bulk ops) brings
  // the seeds over with every later change applied: columns added with defaults, renames, rows
  // deleted or updated by later revisions.
  const rowOps: Op[] = [];
  const afterRows: Op[] = [];
  const created = schema.tables.map((t) => t.name);
  const order = [...seeded.keys()].sort((a, b) => created.indexOf(a) - created.indexOf(b));
  const queryRunner = dataSource.createQueryRunner();
  try {
    for (const name of order) {
      const table = schema.tables.find((t) => t.name === name);
      const entries = byTable.get(name) ?? [];
      if (!table) {
        for (const entry of entries) entry.outcome = `nothing carried: no table ${name} at ${revision}`;
        continue;
      }
      const path = inDataSourceSchema(name, dataSource, dialect.capabilities);
      const rows = await readRows(queryRunner, dialect, table, path);
      for (const entry of entries) {
        entry.outcome = rows.length > 0 ? `carried as the ${rows.length} row(s) ${name} holds at ${revision}` : `nothing carried: ${name} is empty at ${revision}`;
      }
      if (rows.length === 0) continue;
      rowOps.push({ kind: 'bulkInsert', table: name, rows });
      const keys = table.columns.filter((c) => c.isGenerated && (c.generationStrategy === 'increment' || c.generationStrategy === 'identity')).map((c) => c.name);
      for (const sql of keys.length > 0 ? (dialect.advanceKeySequences?.(path, keys) ?? []) : []) afterRows.push({ kind: 'execute', sql });
    }
  } finally {
    await queryRunner.release();
  }
  return { schema, rows: rowOps, afterRows, dataOps, tables: schema.tables.length, views: schema.views.length };
}

/** Every row of `table`, in primary-key order, as values a bulkInsert writes back the same. */
async function readRows(queryRunner: QueryRunner, dialect: Dialect, table: TableSpec, path: string): Promise<Row[]> {
  const keys = table.columns.filter((c) => c.isPrimary).map((c) => dialect.quoteIdentifier(c.name));
  const orderBy = keys.length > 0 ? ` ORDER BY ${keys.join(', ')}` : '';
  const rows = (await queryRunner.query(`SELECT * FROM ${dialect.quoteTableName(path)}${orderBy}`)) as Row[];
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([name]) => !columns.get(name)?.asExpression) // generated columns are computed again
        .map(([name, value]) => [name, rowValue(value, columns.get(name), table.name)]),
    ),
  );
}

/**
 * A value as the driver returned it, made writable in a revision file. Drivers read a timestamp
 * without time zone (PostgreSQL `timestamp`, MySQL `datetime`) as that wall-clock time in the
 * process's time zone, so it is written back as that wall-clock time; a `timestamptz` is an instant.
 */
function rowValue(value: unknown, column: ColumnSpec | undefined, table: string): unknown {
  if (value instanceof Date) {
    if (/with time zone|timestamptz/i.test(column?.type ?? '')) return value.toISOString();
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    return (
      `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())} ` +
      `${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}.${pad(value.getMilliseconds(), 3)}`
    );
  }
  if (value instanceof Uint8Array) {
    throw new StateError('SQUASH_REFUSED', `Cannot squash: ${table}.${column?.name ?? '?'} holds binary data, which a revision file cannot carry; seed it from a file in a later revision instead`);
  }
  return value;
}

/** The new file's header and bodies: the downgrade reverses the schema and rows (bulkInsert's inverse is bulkDelete). */
function renderSquash(built: SquashedRevision, chain: readonly Revision[]) {
  const { renderDatabaseSchema } = loadAutogenerate();
  const first = chain[0].id;
  const last = chain[chain.length - 1].id;
  return renderDatabaseSchema(built.schema, [
    `Squash of ${chain.length} revisions, ${first}..${last}, made on ${new Date().toISOString()}:`,
    ...chain.map((r) => `  ${r.id} ${r.message}`),
    'It keeps the id of the last one: databases at it or later continue unchanged. Its upgrade',
    'builds the schema those revisions built (read back from a scratch database upgraded through',
    'them) and the rows their bulk ops left; the old files are in migrations/squashed/ unless deleted.',
  ], { data: built.rows, upgradeOnly: built.afterRows });
}

function sqlHead(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}...` : flat;
}

function rmEmptyDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (files squashed earlier), or gone: leave it.
  }
}
