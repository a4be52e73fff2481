import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { StatementSink } from '../ops/execution';
import { splitTableName } from '../ops/table-path';

/** Schemas a sink has made sure of: offline nothing is created, and the next table would ask again. */
const ensuredSchemas = new WeakMap<StatementSink, Set<string>>();

/**
 * A table entity-migrate keeps for itself (the version table, the history table): created on
 * first use with portable column types, so the same statement works on every dialect.
 */
export abstract class BookkeepingTable {
  /** Column definitions for CREATE TABLE. */
  protected abstract readonly columns: string;
  /** Columns added after the table's first release (name → definition), added to older tables in place. */
  protected readonly laterColumns: Readonly<Record<string, string>> = {};

  constructor(
    readonly table: string,
    protected readonly dialect: Dialect,
  ) {}

  async ensureTable(sink: StatementSink): Promise<void> {
    // A table of ours in a schema of its own (the data source's `schema`) is the first thing a fresh
    // database gets, before any revision could create that schema. Asked first, so that a role
    // without the right to create schemas is never refused one that exists.
    const { schema } = splitTableName(this.table);
    const ensured = ensuredSchemas.get(sink) ?? new Set<string>();
    if (schema !== undefined && this.dialect.capabilities.schemas && !ensured.has(schema)) {
      await sink.viaQueryRunner(async (qr) => {
        if (!(await qr.hasSchema(schema))) await unlessMadeMeanwhile(() => qr.createSchema(schema, true), () => qr.hasSchema(schema));
      });
      ensuredSchemas.set(sink, ensured.add(schema));
    }
    await unlessMadeMeanwhile(
      () => sink.query(`CREATE TABLE IF NOT EXISTS ${this.quoted} (${this.columns})`),
      async () => {
        let found = false;
        if (!sink.offline) {
          await sink.viaQueryRunner(async (qr) => {
            found = await this.exists(qr);
          });
        }
        return found;
      },
    );
    // Offline the table is not read: a script from this version makes the table with every column.
    if (!sink.offline) await this.addLaterColumns(sink);
  }

  /** A table made by an older release lacks the columns added since: add them (nullable, so the rows it holds stay valid). */
  private async addLaterColumns(sink: StatementSink): Promise<void> {
    for (const [name, definition] of Object.entries(this.laterColumns)) {
      const has = async () => {
        let found = false;
        await sink.viaQueryRunner(async (qr) => {
          found = await qr.hasColumn(this.table, name);
        });
        return found;
      };
      if (await has()) continue;
      await unlessMadeMeanwhile(() => sink.query(`ALTER TABLE ${this.quoted} ADD ${name} ${definition}`), has);
    }
  }

  exists(queryRunner: QueryRunner): Promise<boolean> {
    return queryRunner.hasTable(this.table);
  }

  protected get quoted(): string {
    return this.dialect.quoteTableName(this.table);
  }

  protected literal(value: unknown): string {
    return this.dialect.literal(value);
  }
}

/**
 * Create something of ours that another migrator may be creating at the same moment: one with
 * another version table holds another lock, yet shares the history table (and the schema).
 * PostgreSQL's IF NOT EXISTS does not see the other's uncommitted table and fails on a catalog key
 * (`pg_type_typname_nsp_index`) once it commits; what the other made is what we wanted.
 */
async function unlessMadeMeanwhile(create: () => Promise<unknown>, exists: () => Promise<boolean>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!(await exists().catch(() => false))) throw error;
  }
}
