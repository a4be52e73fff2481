/**
 * PostgreSQL, an enum type shared by two columns (one `enumName`): it survives dropping one of
 * them and goes with the last, the downgrades bring columns and type back; a value added to it is
 * added once; a removed value survives a partial index that filters on it. Needs PostgreSQL.
 */
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { withProject, type TestProject } from './helpers/project';

const typeExists = (project: TestProject) =>
  withConnection(project.db, async (ds) => (await ds.query(`SELECT 1 FROM pg_type WHERE typname = 'shared_status'`)).length === 1);

test('dropping the columns that share an enum type drops the type with the last one, and downgrades restore both', async () => {
  await withProject(await createPostgresDatabase(), undefined, async (project) => {
    project.writeConfig({ entities: [] });
    const status = `{ name: 'status', type: 'enum', enum: ['draft', 'live'], enumName: 'shared_status', isNullable: true }`;
    project.writeRevision(
      'aaaa00000001',
      null,
      `await op.createTable({ name: 'a', columns: [{ name: 'id', type: 'integer', isPrimary: true }, ${status}] });
  await op.createTable({ name: 'b', columns: [{ name: 'id', type: 'integer', isPrimary: true }, ${status}] });`,
      `await op.dropTable('b');\n  await op.dropTable('a');`,
      'tables',
    );
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.dropColumn('a', ${status});`, `await op.addColumn('a', ${status});`, 'drop a.status');
    project.writeRevision('cccc00000003', 'bbbb00000002', `await op.dropColumn('b', ${status});`, `await op.addColumn('b', ${status});`, 'drop b.status');

    expect((await project.cli('upgrade', 'bbbb')).stderr).toBe('');
    expect(await typeExists(project)).toBe(true);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await typeExists(project)).toBe(false);
    const down = await project.cli('downgrade', 'base');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
  });
});

test('a value added to an enum type shared by two columns is added once', async () => {
  await withProject(await createPostgresDatabase(), undefined, async (project) => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    const entity = (values: string[]) => `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('status_change')
export class StatusChange {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'enum', enum: ${JSON.stringify(values)}, enumName: 'order_status', nullable: true }) fromStatus!: string;
  @Column({ type: 'enum', enum: ${JSON.stringify(values)}, enumName: 'order_status' }) toStatus!: string;
}
`;
    project.write('entities/status-change.ts', entity(['pending', 'paid', 'shipped']));
    expect((await project.cli('revision', '--autogenerate', '-m', 'status changes')).code).toBe(0);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    await withConnection(project.db, (ds) => ds.query(`INSERT INTO status_change ("fromStatus", "toStatus") VALUES ('pending', 'paid')`));

    // A new file name: modules load once per path in-process.
    project.remove('entities/status-change.ts');
    project.write('entities/status-change-v2.ts', entity(['pending', 'paid', 'on_hold', 'shipped']));
    const revision = await project.cli('revision', '--autogenerate', '-m', 'on hold');
    expect(revision.code).toBe(0);
    expect(project.read(revision.stdout.trim()).match(/enumName: 'order_status'/g)?.length).toBeGreaterThanOrEqual(2);
    const up = await project.cli('upgrade', 'head');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const labels = await withConnection(project.db, (ds) =>
      ds.query(`SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'order_status' ORDER BY e.enumsortorder`),
    );
    expect(labels.map((r: { enumlabel: string }) => r.enumlabel)).toEqual(['pending', 'paid', 'on_hold', 'shipped']);
    const check = await project.cli('check');
    expect(check.stdout).toContain('No changes detected');
    // The downgrade removes the value from the type both columns use, in one rebuild, rows kept.
    const down = await project.cli('downgrade', '-1');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const restored = await withConnection(project.db, (ds) =>
      ds.query(`SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'order_status' ORDER BY e.enumsortorder`),
    );
    expect(restored.map((r: { enumlabel: string }) => r.enumlabel)).toEqual(['pending', 'paid', 'shipped']);
    const rows = await withConnection(project.db, (ds) => ds.query(`SELECT "fromStatus", "toStatus" FROM status_change`));
    expect(rows).toEqual([{ fromStatus: 'pending', toStatus: 'paid' }]);
    expect((await project.cli('downgrade', 'base')).code).toBe(0);
  });
});

test('an enum value removed from a column that a partial index filters on keeps the index', async () => {
  await withProject(await createPostgresDatabase(), undefined, async (project) => {
    project.writeConfig({ entities: [] });
    project.writeRevision(
      'aaaa00000001',
      null,
      `await op.createTable({ name: 'orders', columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'status', type: 'enum', enum: ['pending', 'paid'], default: "'pending'" },
  ], indices: [{ name: 'idx_orders_open', columnNames: ['id'], where: "status = 'pending'" }] });
  await op.bulkInsert('orders', [{ id: 1, status: 'pending' }, { id: 2, status: 'paid' }]);`,
      `await op.dropTable('orders');`,
      'orders',
    );
    project.writeRevision(
      'bbbb00000002',
      'aaaa00000001',
      `await op.alterColumn('orders', 'status', { enum: ['pending', 'on_hold', 'paid'] });`,
      `await op.alterColumn('orders', 'status', { enum: ['pending', 'paid'] });`,
      'on hold',
    );
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const down = await project.cli('downgrade', '-1');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const index = await withConnection(project.db, (ds) => ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_orders_open'`));
    expect(index[0].indexdef).toContain("WHERE (status = 'pending'::orders_status_enum)");
    const rows = await withConnection(project.db, (ds) => ds.query(`SELECT id, status FROM orders ORDER BY id`));
    expect(rows).toEqual([{ id: 1, status: 'pending' }, { id: 2, status: 'paid' }]);
  });
});
