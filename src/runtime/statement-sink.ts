import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { StatementSink } from '../ops/execution';

/**
 * Live mode: statements run on the query runner, inside whatever transaction it holds. A failing
 * statement surfaces as TypeORM's QueryFailedError, which carries the SQL (`error.query`).
 */
export class LiveSink implements StatementSink {
  readonly offline = false;
  constructor(
    private readonly queryRunner: QueryRunner,
    private readonly dialect: Dialect,
  ) {}

  async query(sql: string, params?: unknown[]): Promise<unknown[]> {
    const result: unknown = await this.queryRunner.query(sql, params);
    return Array.isArray(result) ? result : [];
  }

  async viaQueryRunner(fn: (queryRunner: QueryRunner) => Promise<unknown>): Promise<void> {
    await fn(this.queryRunner);
  }

  async queryMany(statements: readonly string[]): Promise<void> {
    if (statements.length === 0) return;
    if (this.dialect.capabilities.multiStatementQueries) {
      // No parameters: the driver sends the text as one simple query, statements in order.
      await this.queryRunner.query(statements.map(unterminated).join(';\n'));
      return;
    }
    for (const sql of statements) await this.queryRunner.query(unterminated(sql));
  }
}

function unterminated(sql: string): string {
  return sql.trim().replace(/;$/, '');
}

/**
 * Offline mode (`--sql`): nothing is executed; every statement is collected as text. TypeORM's
 * schema methods run in its SQL-in-memory mode, which reads the schema to know what exists: the
 * live one (a read-only connection is enough), or, with no connection (a detached runner, see
 * typeorm-internals/detached-runner.ts), the tables the script's revisions made, those before
 * its range replayed first under `discarding`.
 */
export class OfflineSink implements StatementSink {
  readonly offline = true;
  readonly statements: string[] = [];
  private readonly tracker: { observe(statement: string): void } | undefined;
  /** Replaying: statements shape what the runner knows, and are not part of the script. */
  private discarding = false;

  constructor(
    private readonly queryRunner: QueryRunner,
    private readonly dialect: Dialect,
  ) {
    this.tracker = dialect.trackOfflineScript?.(queryRunner);
  }

  private record(statement: string): void {
    if (!this.discarding) this.statements.push(statement);
    this.tracker?.observe(statement);
  }

  /**
   * Run `fn` (the revisions before a script's range) for what it leaves in the runner's table cache
   * and the dialect's tracker, writing nothing to the script.
   */
  async discard<T>(fn: () => Promise<T>): Promise<T> {
    this.discarding = true;
    try {
      return await fn();
    } finally {
      this.discarding = false;
    }
  }

  async query(sql: string, params?: unknown[]): Promise<unknown[]> {
    this.record(terminate(inlineParams(sql, params ?? [], this.dialect)));
    return [];
  }

  async viaQueryRunner(fn: (queryRunner: QueryRunner) => Promise<unknown>): Promise<void> {
    this.queryRunner.enableSqlMemory();
    try {
      await fn(this.queryRunner);
      for (const q of this.queryRunner.getMemorySql().upQueries) {
        this.record(terminate(inlineParams(q.query, q.parameters ?? [], this.dialect)));
      }
    } finally {
      this.queryRunner.disableSqlMemory();
    }
  }

  async queryMany(statements: readonly string[]): Promise<void> {
    for (const sql of statements) await this.query(sql);
  }

  /** Record a comment line in the script (revision headers). */
  comment(text: string): void {
    if (!this.discarding) this.statements.push(`-- ${text.replace(/\n/g, ' ')}`);
  }
}

function terminate(sql: string): string {
  const trimmed = sql.trim();
  return trimmed.endsWith(';') ? trimmed : `${trimmed};`;
}

/** Quoted strings and identifiers, which hold no placeholders, or a placeholder. */
const PLACEHOLDERS = {
  numbered: /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\$(\d+)/g,
  positional: /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\?/g,
};

/** Replace the dialect's placeholders (`$1` or `?`) with literals, outside quoted strings and identifiers. */
function inlineParams(sql: string, params: unknown[], dialect: Dialect): string {
  if (params.length === 0) return sql;
  let next = 0;
  return sql.replace(PLACEHOLDERS[dialect.placeholders], (match: string) => {
    if (match.startsWith("'") || match.startsWith('"') || match.startsWith('`')) return match;
    const value = match === '?' ? params[next++] : params[Number(match.slice(1)) - 1];
    return dialect.literal(value);
  });
}
