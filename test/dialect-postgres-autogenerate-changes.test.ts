/**
 * PostgreSQL, autogenerate through the CLI for changes the evolution test does not walk through: column and
 * table comments, a partial index's predicate, scalar → array, an identity column, a view, a
 * removed enum value (flagged destructive), in a non-default schema. Each: autogenerate → upgrade
 * → check empty, then verify proves every revision up, down and up again.
 *
 * The partial index has an explicit name: TypeORM's builder compares such an index without its
 * predicate, so the changed `where` is found by our own pass. Needs PostgreSQL.
 */
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { withProject } from './helpers/project';
import { withoutChangeSummary } from './helpers/round-trip';

const v1 = `
import { Column, Entity, Index, PrimaryGeneratedColumn, ViewEntity, ViewColumn } from 'typeorm';

@Entity({ name: 'item', schema: 'shop', comment: 'things we sell' })
@Index('IX_item_live_name', ['name'], { where: "status = 'live'" })
export class Item {
  @PrimaryGeneratedColumn('increment') id!: number;
  @Column({ length: 40, comment: 'shown to buyers' }) name!: string;
  @Column({ type: 'text', nullable: true }) tags!: string | null;
  @Column({ type: 'enum', enum: ['draft', 'live', 'retired'], enumName: 'item_status', default: 'draft' }) status!: string;
}

@ViewEntity({ name: 'live_item', schema: 'shop', expression: "SELECT id, name FROM shop.item WHERE status = 'live'" })
export class LiveItem {
  @ViewColumn() id!: number;
  @ViewColumn() name!: string;
}
`;

const v2 = v1
  .replace("comment: 'things we sell'", "comment: 'things we sell, and sold'")
  .replace("comment: 'shown to buyers'", "comment: 'shown to every buyer'")
  .replace(`{ where: "status = 'live'" }`, `{ where: "status <> 'draft'" }`)
  .replace("@Column({ type: 'text', nullable: true }) tags!: string | null;", "@Column({ type: 'text', array: true, nullable: true }) tags!: string[] | null;")
  .replace("enum: ['draft', 'live', 'retired']", "enum: ['draft', 'live']")
  .replace("@PrimaryGeneratedColumn('increment') id!: number;", "@PrimaryGeneratedColumn('increment') id!: number;\n  @Column({ type: 'integer', generated: 'identity', generatedIdentity: 'BY DEFAULT' }) serial!: number;")
  .replace("SELECT id, name FROM shop.item WHERE status = 'live'", "SELECT id, name, status FROM shop.item WHERE status = 'live'")
  .replace('@ViewColumn() name!: string;', '@ViewColumn() name!: string;\n  @ViewColumn() status!: string;')
  .replace(/class (Item|LiveItem)\b/g, 'class $1V2');

test('comments, partial index, array, identity, view and enum changes round-trip', async () => {
  await withProject(await createPostgresDatabase(), 'pg-changes', async (project) => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/v1.ts', v1);
    const first = await project.cli('revision', '--autogenerate', '-m', 'v1');
    expect(withoutChangeSummary(first.stderr)).toBe('');
    const firstFile = project.read(first.stdout.trim());
    expect(firstFile).toContain("await op.createSchema('shop');");
    expect(firstFile).toContain("comment: 'things we sell'");
    expect(firstFile).toContain('where: "status = \'live\'"');
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect((await project.cli('check')).code).toBe(0);
    await withConnection(project.db, (ds) => ds.query(`INSERT INTO shop.item (name, tags, status) VALUES ('kept', 'a', 'live')`));

    // jest caches modules by path: the next version is a new file.
    project.remove('entities/v1.ts');
    project.write('entities/v2.ts', v2);
    const second = await project.cli('revision', '--autogenerate', '-m', 'v2');
    expect(second.code).toBe(0);
    const secondFile = project.read(second.stdout.trim());
    expect(secondFile).toContain("await op.setTableComment('shop.item', 'things we sell, and sold'");
    expect(secondFile).toMatch(/alterColumn\('shop\.item', 'name', \{ comment: 'shown to every buyer' \}/);
    expect(secondFile).toMatch(/alterColumn\('shop\.item', 'tags', \{ isArray: true \}/);
    expect(secondFile).toContain('// DESTRUCTIVE:');
    expect(secondFile).toMatch(/dropIndex\('shop\.item', \{ name: 'IX_item_live_name'/);
    expect(secondFile).toContain(`createIndex('shop.item', { name: 'IX_item_live_name', columnNames: ['name'], where: "status <> 'draft'" })`);
    expect(second.stderr).toContain('retired');
    expect((await project.cli('upgrade', 'head')).stderr).toBe('');
    const check = await project.cli('check');
    expect(check.stdout).toContain('No changes detected');
    expect(check.code).toBe(0);
    const rows = await withConnection(project.db, (ds) => ds.query('SELECT name, tags, status FROM shop.item'));
    expect(rows).toEqual([{ name: 'kept', tags: ['a'], status: 'live' }]);

    const verify = await project.cli('verify');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });
});
