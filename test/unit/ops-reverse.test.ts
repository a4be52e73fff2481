/**
 * Ops: every op's inverse (what a generated downgrade runs), the ops that have none and say why,
 * and how each dialect is picked, quotes names and writes literals. No database.
 */
import { dialectFor } from '../../src/dialects';
import { reverseOp, reverseOps } from '../../src/ops/reverse';
import type { Op } from '../../src/ops/types';

describe('the inverse of an op (reverseOp / reverseOps)', () => {
  const email = { name: 'email', type: 'varchar', length: '255', isNullable: false };

  test('the downgrade is the reversed list of reversed ops', () => {
    const table = { name: 't', columns: [{ name: 'id', type: 'integer', isPrimary: true }] };
    const up: Op[] = [
      { kind: 'createTable', table },
      { kind: 'addColumn', table: 't', column: email },
      { kind: 'renameTable', from: 'audit.t', to: 'u' },
    ];
    expect(reverseOps(up)).toEqual([
      { kind: 'renameTable', from: 'audit.u', to: 't' },
      { kind: 'dropColumn', table: 't', column: email },
      { kind: 'dropTable', table },
    ]);
  });

  test('createExclusion and dropExclusion reverse into each other; a createTable carries its exclusions both ways', () => {
    const exclusion = { name: 'XCL_booking_room', expression: 'USING gist ("room" WITH =)', deferrable: 'INITIALLY IMMEDIATE' };
    const create: Op = { kind: 'createExclusion', table: 'booking', exclusion };
    expect(reverseOp(create)).toEqual({ kind: 'dropExclusion', table: 'booking', exclusion });
    expect(reverseOp(reverseOp(create))).toEqual(create);
    const table = { name: 'booking', columns: [{ name: 'room', type: 'integer' }], exclusions: [exclusion] };
    expect(reverseOp({ kind: 'dropTable', table })).toEqual({ kind: 'createTable', table });
  });

  test("a key's generation reverses as a whole, with no property left undefined (serial ↔ identity, identity → plain)", () => {
    const serial = { name: 'id', type: 'integer', isGenerated: true, generationStrategy: 'increment' as const, isPrimary: true };
    const toIdentity: Op = { kind: 'alterColumn', table: 'item', column: 'id', changes: { generationStrategy: 'identity', generatedIdentity: 'ALWAYS' }, existing: serial };
    const back = reverseOp(toIdentity);
    expect(back).toMatchObject({ kind: 'alterColumn', changes: { isGenerated: true, generationStrategy: 'increment' } });
    expect(Object.values((back as Extract<Op, { kind: 'alterColumn' }>).changes)).not.toContain(undefined);
    const plain = { name: 'id', type: 'integer', isPrimary: true };
    const toIdentityFromPlain: Op = { kind: 'alterColumn', table: 'item', column: 'id', changes: { isGenerated: true, generationStrategy: 'identity', generatedIdentity: 'BY DEFAULT' }, existing: plain };
    expect((reverseOp(toIdentityFromPlain) as Extract<Op, { kind: 'alterColumn' }>).changes).toEqual({ isGenerated: false });
  });

  test('alterColumn reverses to the existing values, and reversing twice gives it back', () => {
    const op: Op = { kind: 'alterColumn', table: 't', column: 'email', changes: { name: 'mail', length: '320' }, existing: email };
    const back = reverseOp(op);
    expect(back).toEqual({
      kind: 'alterColumn',
      table: 't',
      column: 'mail',
      changes: { name: 'email', length: '255' },
      existing: { ...email, name: 'mail', length: '320' },
    });
    expect(reverseOp(back)).toMatchObject({ column: 'email', changes: { name: 'mail', length: '320' } });
  });

  test.each<[Op, string]>([
    [{ kind: 'dropTable', table: 'user' }, 'dropTable cannot be reversed: table "user" was dropped by name'],
    [{ kind: 'dropColumn', table: 'user', column: 'age' }, 'column "user.age" was dropped by name'],
    [{ kind: 'alterColumn', table: 'user', column: 'age', changes: { type: 'bigint' } }, 'pass options.existing'],
    [{ kind: 'dropExclusion', table: 'booking', exclusion: 'XCL_booking_room' }, 'exclusion constraint "XCL_booking_room" on "booking" was dropped by name; pass its full ExclusionSpec'],
    [{ kind: 'execute', sql: 'SELECT 1' }, 'execute cannot be reversed'],
    [{ kind: 'bulkDelete', table: 'user', rows: { where: { id: 1 } } }, 'by a where clause'],
  ])('%j is irreversible with a clear message', (op, message) => {
    expect(() => reverseOp(op)).toThrow(message);
    expect(() => reverseOp(op)).toThrow(expect.objectContaining({ code: 'OP_INVALID' }));
  });
});

describe('the dialect of a data source (dialectFor)', () => {
  test.each([
    ['postgres', 'postgres'],
    ['better-sqlite3', 'sqlite'],
    ['sqlite', 'sqlite'],
    ['mariadb', 'mysql'],
    ['mysql', 'mysql'],
  ])('%s → %s', (type, name) => {
    expect(dialectFor({ options: { type } } as never).name).toBe(name);
  });

  test('an unsupported driver names its type', () => {
    expect(() => dialectFor({ options: { type: 'oracle' } } as never)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_DRIVER', message: expect.stringContaining('"oracle"') }),
    );
  });

  test('each dialect quotes names and writes literals its own way', () => {
    const pg = dialectFor({ options: { type: 'postgres' } } as never);
    expect(pg.quoteTableName('audit.event')).toBe('"audit"."event"');
    expect(pg.literal("it's")).toBe("'it''s'");
    expect(pg.literal(null)).toBe('NULL');
    expect(pg.literal(true)).toBe('TRUE');
    expect(pg.literal({ a: 1 })).toBe(`'{"a":1}'`);
    expect(pg.literal(new Date('2026-01-02T03:04:05.678Z'))).toBe("'2026-01-02T03:04:05.678Z'");
    const my = dialectFor({ options: { type: 'mysql' } } as never);
    expect(my.quoteTableName('db.t`x')).toBe('`db`.`t``x`');
    expect(my.beginStatement).toBe('START TRANSACTION;');
  });
});
