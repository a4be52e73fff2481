/**
 * Online mode on MySQL/MariaDB (issue 11 §2, config `online: true`): each ALTER of a table that
 * exists asks InnoDB for an online algorithm, so the app's writes go on while it works:
 * `ALGORITHM=INSTANT` (a catalog change), else `ALGORITHM=INPLACE, LOCK=NONE` (built beside the
 * table, writes allowed), else, where the server refuses both for this operation (a foreign key
 * with foreign_key_checks on, a column type change), the statement runs as written, after a
 * warning naming the table and the op: the server's default algorithm may then block writes.
 *
 * Asking explicitly rather than trusting the default matters because the server silently picks a
 * locking algorithm when no online one applies; a refusal comes before any work is done (the
 * statement is checked first), so trying again costs one round trip.
 */
import type { ExecutionContext } from '../../ops/execution';
import { describeOp } from '../../ops/describe';
import type { OnlineKind, Op } from '../../ops/types';
import type { DialectOnline } from '../dialect';
import { driverFailures } from '../driver-error';
import { withQueriesIntercepted } from '../../typeorm-internals';

/**
 * Refusals that mean "not with this algorithm or lock" (and not a problem with the statement
 * itself): ER_ALTER_OPERATION_NOT_SUPPORTED (1845) and its _REASON form (1846); an algorithm or
 * lock the server does not know (1800, 1801: INSTANT before MySQL 8.0 / MariaDB 10.3).
 */
const REFUSED_ONLINE = new Set([1845, 1846, 1800, 1801]);

/** Ops that alter a table that exists; new tables, views, data and raw SQL run as written. */
const ALTERS_EXISTING_TABLE = new Set<Op['kind']>([
  'addColumn',
  'dropColumn',
  'renameColumn',
  'alterColumn',
  'createIndex',
  'dropIndex',
  'createUnique',
  'dropUnique',
  'createCheck',
  'dropCheck',
  'createForeignKey',
  'dropForeignKey',
  'createPrimaryKey',
  'dropPrimaryKey',
  'setTableComment',
]);

type Attempt = { clause: string; label: string };
const ATTEMPTS: readonly Attempt[] = [
  { clause: 'ALGORITHM=INSTANT', label: 'ALGORITHM=INSTANT' },
  { clause: 'ALGORITHM=INPLACE, LOCK=NONE', label: 'ALGORITHM=INPLACE, LOCK=NONE' },
];


/**
 * Tables an earlier op of the same revision created (per execution context, which is one per
 * revision): still empty, so nobody's writes wait on them and a fallback is not worth a warning.
 */
const createdInRevision = new WeakMap<ExecutionContext, Set<string>>();

/**
 * Autogenerate's online form (`revision --autogenerate --online`): the op kinds that take
 * `{ online: true }` are marked, and run as below whatever the config says at run time.
 */
export const mysqlOnline: DialectOnline = {
  mark: (op) => (isOnlineKind(op.kind) ? ({ ...op, online: true } as Op) : undefined),
};

const ONLINE_KINDS: ReadonlySet<string> = new Set<OnlineKind>(['createIndex', 'dropIndex', 'createUnique', 'dropUnique', 'createCheck', 'dropCheck', 'createForeignKey', 'dropForeignKey', 'alterColumn']);
const isOnlineKind = (kind: Op['kind']): kind is OnlineKind => ONLINE_KINDS.has(kind);

/** Whether `run` (the op's execution) should have its ALTERs made online: config `online`, or an op marked so. */
export function wantsOnlineAlters(op: Op, ctx: ExecutionContext): boolean {
  const marked = 'online' in op && op.online === true;
  if (!(ctx.online === true || marked) || ctx.sink.offline) return false;
  const created = createdInRevision.get(ctx) ?? new Set<string>();
  createdInRevision.set(ctx, created);
  if (op.kind === 'createTable') created.add(op.table.name);
  return ALTERS_EXISTING_TABLE.has(op.kind) && !created.has(opTable(op));
}

/**
 * Run `run` with every ALTER it sends through the query runner tried online first. The runner's
 * `query` is replaced for the op's duration (TypeORM's schema methods call it for each statement).
 */
export async function withOnlineAlters(op: Op, ctx: ExecutionContext, run: () => Promise<void>): Promise<void> {
  await withQueriesIntercepted(ctx.queryRunner, async (send, query, ...rest) => {
    const online = onlineForms(query);
    if (!online) return send(query, ...rest);
    const refusals: string[] = [];
    for (const attempt of ATTEMPTS) {
      try {
        return await send(online(attempt.clause), ...rest);
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal === undefined) throw error;
        refusals.push(refusal);
      }
    }
    ctx.onWarning?.(
      `online: ${describeOp(op)}: the server runs this ALTER of ${opTable(op)} neither INSTANT nor INPLACE with LOCK=NONE ` +
        `(${refusals[refusals.length - 1]}); ran with its default algorithm, which may block writes to ${opTable(op)} while it works`,
    );
    return send(query, ...rest);
  }, run);
}

/**
 * For an ALTER-like statement, a function giving it with an algorithm/lock clause; undefined for
 * anything else. `DROP INDEX … ON t` takes no such clause on MariaDB, so it becomes the
 * equivalent `ALTER TABLE t DROP INDEX …`.
 */
export function onlineForms(statement: string): ((clause: string) => string) | undefined {
  const sql = statement.trim().replace(/;$/, '').trimEnd();
  if (/^ALTER\s+TABLE\s/i.test(sql)) return (clause) => `${sql}, ${clause}`;
  if (/^CREATE\s+(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\s/i.test(sql)) return (clause) => `${sql} ${clause.replace(',', '')}`;
  const drop = /^DROP\s+INDEX\s+(`(?:[^`]|``)+`|\S+)\s+ON\s+(.+)$/is.exec(sql);
  if (drop) return (clause) => `ALTER TABLE ${drop[2]!.trim()} DROP INDEX ${drop[1]}, ${clause}`;
  return undefined;
}

/** The server's words when it refused the algorithm or lock asked for; undefined for any other failure. */
function refusalOf(error: unknown): string | undefined {
  const failure = driverFailures(error).find((f) => REFUSED_ONLINE.has(Number(f.errno)));
  return failure?.message.replace(/\s+/g, ' ').trim();
}

function opTable(op: Op): string {
  return 'table' in op && typeof op.table === 'string' ? op.table : 'the table';
}
