/**
 * PostgreSQL exclusion constraints (`@Exclusion`) round-trip as typed ops (createExclusion,
 * dropExclusion, and `exclusions` in createTable/dropTable). They used to pass through as raw SQL
 * and createTable left them out, so `check` reported `! raw SQL: ALTER TABLE … ADD CONSTRAINT
 * "XCL_…"` on every run after upgrade. A changed one (same name, new expression or DEFERRABLE
 * clause, which TypeORM's builder does not compare) is a drop + create; the same one spelled the
 * way PostgreSQL stores it is no diff. On a database without them the ops refuse, naming the table.
 * Needs PostgreSQL (and SQLite for the refusal).
 */
import { TableExclusion } from 'typeorm';
import { createPostgresDatabase, createSqliteDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { openHarness } from './helpers/ops-harness';
import { withProject, type TestProject } from './helpers/project';

/** TypeORM 1.x has `@Exclusion(…, { deferrable })`; 0.3's decorator takes no options. */
const DEFERRABLE = 'deferrable' in new TableExclusion({});

interface Version {
  area: string;
  code: string;
  slot?: 'INITIALLY DEFERRED' | 'INITIALLY IMMEDIATE';
}

const V1: Version = { area: 'USING gist ("area" WITH &&)', code: 'USING btree ("code" WITH =) WHERE ("slot" > 0)', slot: 'INITIALLY DEFERRED' };
const V2: Version = { area: 'USING gist ("area" WITH ~=)', code: 'USING btree (lower("code") WITH =)', slot: 'INITIALLY IMMEDIATE' };

/** An unnamed exclusion (name hashed from its expression), a named one, and a deferrable one where TypeORM has it. */
const entity = (n: number, v: Version) => `
import { Column, Entity, Exclusion, PrimaryGeneratedColumn } from 'typeorm';

@Entity('booking')
@Exclusion(${JSON.stringify(v.area)})
@Exclusion('XCL_booking_code', ${JSON.stringify(v.code)})
${DEFERRABLE && v.slot ? `@Exclusion('XCL_booking_slot', 'USING btree ("slot" WITH =)', { deferrable: '${v.slot}' })` : ''}
export class BookingV${n} {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'box' }) area!: string;
  @Column() code!: string;
  @Column() slot!: number;
}
`;

interface Constraint {
  name: string;
  definition: string;
}

/** The exclusion constraints of a table (`booking`), as PostgreSQL has them. */
const exclusions = (db: TestDatabase, table = 'booking'): Promise<Constraint[]> =>
  withConnection(db, (ds) =>
    ds.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype = 'x' ORDER BY conname`,
      [table],
    ),
  );

async function pendingOps(project: TestProject): Promise<{ kind: string; table: string; exclusion?: { name: string } }[]> {
  const result = await project.cli('check', '--json');
  return JSON.parse(result.stdout).ops;
}

/** What V1 looks like once PostgreSQL stored it (the unnamed one's name is TypeORM's hash). */
function expectV1(found: Constraint[]): void {
  const byDefinition = Object.fromEntries(found.map((c) => [c.definition, c.name]));
  expect(Object.keys(byDefinition).sort()).toEqual(
    [
      'EXCLUDE USING btree (code WITH =) WHERE ((slot > 0))',
      'EXCLUDE USING gist (area WITH &&)',
      ...(DEFERRABLE ? ['EXCLUDE USING btree (slot WITH =) DEFERRABLE INITIALLY DEFERRED'] : []),
    ].sort(),
  );
  expect(byDefinition['EXCLUDE USING btree (code WITH =) WHERE ((slot > 0))']).toBe('XCL_booking_code');
  expect(byDefinition['EXCLUDE USING gist (area WITH &&)']).toMatch(/^XCL_[0-9a-f]{26}$/);
}

describe('exclusion constraints on PostgreSQL', () => {
  test('autogenerate on an empty database → upgrade → check is empty; downgrade and upgrade again restore them', async () => {
    await withProject(await createPostgresDatabase(), 'exclusion', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/booking.ts', entity(1, V1));
      expect((await project.cli('revision', '--autogenerate', '-m', 'bookings')).code).toBe(0);
      const [file] = project.revisionFiles();
      const source = project.read(`migrations/versions/${file}`);
      expect(source).toContain(`{ name: 'XCL_booking_code', expression: 'USING btree ("code" WITH =) WHERE ("slot" > 0)' },`);
      expect(source).not.toContain('op.execute');

      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expectV1(await exclusions(project.db));
      expect(await pendingOps(project)).toEqual([]);

      expect((await project.cli('downgrade', 'base')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expectV1(await exclusions(project.db));
      expect((await project.cli('check')).code).toBe(0);
      const verify = await project.cli('verify');
      expect({ code: verify.code, stderr: verify.stderr }).toEqual({ code: 0, stderr: '' });
    });
  });

  test('a changed exclusion (expression, DEFERRABLE clause) is a drop + create that applies and reverses', async () => {
    await withProject(await createPostgresDatabase(), 'exclusion', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entity(1, V1));
      expect((await project.cli('revision', '--autogenerate', '-m', 'bookings')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      const v1 = await exclusions(project.db);

      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entity(2, V2));
      const ops = await pendingOps(project);
      const named = (name: string) => ops.filter((o) => o.exclusion?.name === name).map((o) => o.kind);
      expect(named('XCL_booking_code')).toEqual(['dropExclusion', 'createExclusion']);
      if (DEFERRABLE) expect(named('XCL_booking_slot')).toEqual(['dropExclusion', 'createExclusion']);
      // The unnamed one gets a new name from its new expression: TypeORM's builder drops and creates it.
      expect(ops.filter((o) => !/^XCL_booking_/.test(o.exclusion?.name ?? '')).map((o) => o.kind)).toEqual(['dropExclusion', 'createExclusion']);
      expect(ops.every((o) => o.table === 'booking')).toBe(true);

      expect((await project.cli('revision', '--autogenerate', '-m', 'changed')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect(await pendingOps(project)).toEqual([]);
      const v2 = await exclusions(project.db);
      expect(v2.map((c) => c.definition)).toContain('EXCLUDE USING btree (lower((code)::text) WITH =)');
      expect(v2.map((c) => c.definition)).toContain('EXCLUDE USING gist (area WITH ~=)');
      if (DEFERRABLE) expect(v2.map((c) => c.definition)).toContain('EXCLUDE USING btree (slot WITH =) DEFERRABLE');

      expect((await project.cli('downgrade', '-1')).code).toBe(0);
      expect(await exclusions(project.db)).toEqual(v1);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect(await exclusions(project.db)).toEqual(v2);
      const verify = await project.cli('verify');
      expect({ code: verify.code, stderr: verify.stderr }).toEqual({ code: 0, stderr: '' });
    });
  });

  test('a DEFERRABLE exclusion no entity declares is dropped visibly, and the downgrade makes it DEFERRABLE again', async () => {
    await withProject(await createPostgresDatabase(), 'exclusion', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.writeRevision(
        'aaaa00000001',
        null,
        `await op.createTable({
    name: 'room',
    columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'slot', type: 'integer' }],
    exclusions: [{ name: 'XCL_room_slot', expression: 'USING btree ("slot" WITH =)', deferrable: 'INITIALLY DEFERRED' }],
  });`,
        `await op.dropTable('room');`,
        'rooms',
      );
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      const created = await withConnection(project.db, (ds) => ds.query(`SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'XCL_room_slot'`));
      expect(created).toEqual([{ definition: 'EXCLUDE USING btree (slot WITH =) DEFERRABLE INITIALLY DEFERRED' }]);

      project.write(
        'entities/room.ts',
        `import { Column, Entity, PrimaryColumn } from 'typeorm';
@Entity('room')
export class Room {
  @PrimaryColumn() id!: number;
  @Column() slot!: number;
}
`,
      );
      const check = await project.cli('check');
      expect(check.code).toBe(2);
      expect(check.stdout).toMatch(/^ {2}- exclusion XCL_room_slot on room: USING btree \(slot WITH =\) DEFERRABLE INITIALLY DEFERRED$/m);
      expect((await project.cli('revision', '--autogenerate', '-m', 'no slot exclusion')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect((await project.cli('check')).code).toBe(0);
      expect(await withConnection(project.db, (ds) => ds.query(`SELECT conname FROM pg_constraint WHERE conname = 'XCL_room_slot'`))).toEqual([]);
      expect((await project.cli('downgrade', '-1')).code).toBe(0);
      expect(
        await withConnection(project.db, (ds) => ds.query(`SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'XCL_room_slot'`)),
      ).toEqual(created);
    });
  });

  test('a renamed table gets its unnamed exclusion under the name the new table hashes to', async () => {
    await withProject(await createPostgresDatabase(), 'exclusion', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entity(1, V1));
      expect((await project.cli('revision', '--autogenerate', '-m', 'bookings')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      const before = await exclusions(project.db);

      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entity(2, V1).replace("@Entity('booking')", "@Entity('reservation')"));
      expect((await project.cli('revision', '--autogenerate', '-m', 'reservations', '--rename', 'booking:reservation')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect(await pendingOps(project)).toEqual([]);
      const after = await exclusions(project.db, 'reservation');
      // The same constraints; only the generated name follows the table.
      expect(after.map((c) => c.definition).sort()).toEqual(before.map((c) => c.definition).sort());
      expect(after.find((c) => c.definition.includes('gist'))?.name).not.toBe(before.find((c) => c.definition.includes('gist'))?.name);
      expect((await project.cli('downgrade', '-1')).code).toBe(0);
      expect(await exclusions(project.db)).toEqual(before);
    });
  });

  test('upgrade --sql prints them (in CREATE TABLE, and a drop + create on the table the script created), and the script runs', async () => {
    await withProject(await createPostgresDatabase(), 'exclusion', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entity(1, V1));
      expect((await project.cli('revision', '--autogenerate', '-m', 'bookings', '--rev-id', 'aaaa00000001')).code).toBe(0);
      project.writeRevision(
        'aaaa00000002',
        'aaaa00000001',
        `await op.dropExclusion('booking', 'XCL_booking_code');
  await op.createExclusion('booking', { name: 'XCL_booking_code', expression: ${JSON.stringify(V2.code)} });`,
        `await op.dropExclusion('booking', 'XCL_booking_code');
  await op.createExclusion('booking', { name: 'XCL_booking_code', expression: ${JSON.stringify(V1.code)} });`,
        'code',
      );
      const script = await project.cli('upgrade', 'head', '--sql');
      expect(script.code).toBe(0);
      expect(script.stdout).toContain(`CONSTRAINT "XCL_booking_code" EXCLUDE USING btree ("code" WITH =) WHERE ("slot" > 0)`);
      expect(script.stdout).toContain(`ALTER TABLE "booking" DROP CONSTRAINT "XCL_booking_code"`);
      expect(script.stdout).toContain(`ALTER TABLE "booking" ADD CONSTRAINT "XCL_booking_code" EXCLUDE USING btree (lower("code") WITH =)`);
      if (DEFERRABLE) expect(script.stdout).toContain(`CONSTRAINT "XCL_booking_slot" EXCLUDE USING btree ("slot" WITH =) DEFERRABLE INITIALLY DEFERRED`);

      await withConnection(project.db, (ds) => ds.query(script.stdout));
      expect((await exclusions(project.db)).find((c) => c.name === 'XCL_booking_code')?.definition).toBe(
        'EXCLUDE USING btree (lower((code)::text) WITH =)',
      );
      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entity(2, { ...V1, code: V2.code }));
      expect(await pendingOps(project)).toEqual([]);
    });
  });
});

describe('exclusion constraints on a database without them (SQLite)', () => {
  test('createExclusion, dropExclusion and a createTable with exclusions refuse in one line naming the table', async () => {
    const db = await createSqliteDatabase();
    const h = await openHarness(db);
    try {
      const columns = [{ name: 'id', type: 'integer', isPrimary: true }];
      await expect(h.op.createTable({ name: 'room', columns, exclusions: [{ expression: 'USING btree ("id" WITH =)' }] })).rejects.toThrow(
        'table "room": exclusion constraints (EXCLUDE) are not supported by this database',
      );
      await h.op.createTable({ name: 'room', columns });
      await expect(h.op.createExclusion('room', { expression: 'USING btree ("id" WITH =)' })).rejects.toThrow(/^table "room": exclusion constraints/);
      await expect(h.op.dropExclusion('room', 'XCL_room')).rejects.toThrow(/^table "room": exclusion constraints/);
      expect(await h.table('room')).toMatchObject({ name: 'room' });
    } finally {
      await h.close();
      await db.drop();
    }
  });
});
