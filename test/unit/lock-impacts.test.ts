/**
 * Which alterations rewrite a table and which only touch the catalog, per dialect (no database):
 * the lock report's rules for the cases the integration test (test/lock-report) does not build.
 */
import { mysqlDialect } from '../../src/dialects/mysql';
import { postgresDialect } from '../../src/dialects/postgres';
import { sqliteDialect } from '../../src/dialects/sqlite';
import { isBlocking } from '../../src/ops/lock-impact';
import type { ColumnSpec, Op } from '../../src/ops/types';

const alter = (existing: ColumnSpec, changes: Partial<ColumnSpec>): Op => ({ kind: 'alterColumn', table: 'orders', column: existing.name, existing, changes });
const work = (dialect: typeof postgresDialect, op: Op) => dialect.locking.impacts(op).map((i) => i.work);

describe('PostgreSQL', () => {
  const varchar = (length?: string): ColumnSpec => ({ name: 'code', type: 'character varying', ...(length && { length }) });
  test.each([
    ['varchar made longer', alter(varchar('20'), { length: '40' }), 'none'],
    ['varchar made unlimited', alter(varchar('20'), { length: '' }), 'none'],
    ['varchar to text', alter(varchar('20'), { type: 'text', length: undefined }), 'none'],
    ['varchar made shorter', alter(varchar('40'), { length: '20' }), 'rewrite'],
    ['integer to bigint', alter({ name: 'qty', type: 'integer' }, { type: 'bigint' }), 'rewrite'],
    ['numeric given more precision', alter({ name: 'p', type: 'numeric', precision: 10, scale: 2 }, { precision: 12 }), 'none'],
    ['numeric given more scale', alter({ name: 'p', type: 'numeric', precision: 10, scale: 2 }, { scale: 3 }), 'rewrite'],
    ['enum value added in place', alter({ name: 's', type: 'enum', enum: ['a', 'c'] }, { enum: ['a', 'b', 'c'] }), 'none'],
    ['enum value removed', alter({ name: 's', type: 'enum', enum: ['a', 'b'] }, { enum: ['a'] }), 'rewrite'],
    ['NOT NULL set', alter({ name: 'qty', type: 'integer', isNullable: true }, { isNullable: false }), 'scan'],
    ['default changed', alter({ name: 'qty', type: 'integer' }, { default: '1' }), 'none'],
    ['made unique', alter({ name: 'qty', type: 'integer' }, { isUnique: true }), 'build'],
  ])('%s', (_what, op, expected) => {
    expect(work(postgresDialect, op)).toEqual([expected]);
  });

  test.each([
    ['a nullable column', { name: 'note', type: 'text', isNullable: true }, 'none'],
    ['a constant default', { name: 'flag', type: 'boolean', isNullable: false, default: 'false' }, 'none'],
    ['a volatile default', { name: 'token', type: 'uuid', default: 'gen_random_uuid()' }, 'rewrite'],
    ['NOT NULL without a default', { name: 'n', type: 'integer', isNullable: false }, 'scan'],
    ['a stored generated column', { name: 'g', type: 'integer', asExpression: 'qty * 2', generatedType: 'STORED' }, 'rewrite'],
  ] as [string, ColumnSpec, string][])('adding %s', (_what, column, expected) => {
    expect(work(postgresDialect, { kind: 'addColumn', table: 'orders', column })).toEqual([expected]);
  });

  test('a concurrent index blocks neither reads nor writes; a foreign key locks both tables while it validates', () => {
    const [concurrent] = postgresDialect.locking.impacts({ kind: 'createIndex', table: 'orders', index: { columnNames: ['code'], isConcurrent: true } });
    expect(isBlocking(concurrent)).toBe(false);
    const fk = postgresDialect.locking.impacts({
      kind: 'createForeignKey',
      table: 'orders',
      foreignKey: { columnNames: ['customer_id'], referencedTableName: 'customer', referencedColumnNames: ['id'] },
    });
    expect(fk.map((i) => [i.table, i.lock, i.work])).toEqual([
      ['orders', 'SHARE ROW EXCLUSIVE', 'scan'],
      ['customer', 'SHARE ROW EXCLUSIVE', 'scan'],
    ]);
  });
});

describe('MySQL/MariaDB', () => {
  test.each([
    ['varchar longer within one length byte', alter({ name: 'code', type: 'varchar', length: '20' }, { length: '60' }), 'ALGORITHM=INSTANT'],
    ['varchar longer across the length byte', alter({ name: 'code', type: 'varchar', length: '60' }, { length: '100' }), 'ALGORITHM=COPY, LOCK=SHARED'],
    ['varchar 255 → 300, charset unknown', alter({ name: 'code', type: 'varchar', length: '255' }, { length: '300' }), 'ALGORITHM=COPY, LOCK=SHARED'],
    ['varchar 255 → 300 in utf8mb4', alter({ name: 'code', type: 'varchar', length: '255', charset: 'utf8mb4' }, { length: '300' }), 'ALGORITHM=INSTANT'],
    ['varchar 255 → 300 in latin1', alter({ name: 'code', type: 'varchar', length: '255', charset: 'latin1' }, { length: '300' }), 'ALGORITHM=COPY, LOCK=SHARED'],
    ['varchar 300 → 400, charset unknown', alter({ name: 'code', type: 'varchar', length: '300' }, { length: '400' }), 'ALGORITHM=INSTANT'],
    ['int to bigint', alter({ name: 'qty', type: 'int' }, { type: 'bigint' }), 'ALGORITHM=COPY, LOCK=SHARED'],
    ['NOT NULL set', alter({ name: 'qty', type: 'int', isNullable: true }, { isNullable: false }), 'ALGORITHM=INPLACE, LOCK=NONE'],
  ])('%s', (_what, op, lock) => {
    expect(mysqlDialect.locking.impacts(op).map((i) => i.lock)).toEqual([lock]);
  });
});

describe('every dialect', () => {
  test.each([postgresDialect, sqliteDialect, mysqlDialect].map((d) => [d.name, d] as const))('%s: raw SQL is unknown, a new table locks nothing existing', (_name, dialect) => {
    expect(dialect.locking.impacts({ kind: 'execute', sql: 'UPDATE orders SET qty = 0' })).toEqual([expect.objectContaining({ work: 'unknown' })]);
    expect(dialect.locking.impacts({ kind: 'createTable', table: { name: 'fresh', columns: [{ name: 'id', type: 'integer', isPrimary: true }] } })).toEqual([]);
  });
});
