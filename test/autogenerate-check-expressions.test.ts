/**
 * Check expressions that TypeORM writes correctly but reads back wrong, through the whole loop:
 * autogenerate → upgrade → `check` → a second revision that rebuilds one table, changes a check
 * and drops a table with checks → upgrade → `check` → verify (down and up again, comparing schemas).
 *
 * - SQLite: TypeORM's reading cuts an expression at the first `),` and skips one written over
 *   several lines, so the next rebuild wrote a syntax error or silently lost the check (and `check`
 *   asked to create the lost one forever).
 * - PostgreSQL: a stored expression with a line break kept its `CHECK (` prefix, so the downgrade
 *   re-created `CHECK (CHECK (…))`; and an `IN (…)` on a varchar, written back as read, is worded
 *   anew, which verify took for a downgrade that did not restore the schema.
 * - Both: TypeORM matches checks by name, so a named check whose expression changed was no change.
 * Needs PostgreSQL and SQLite.
 */
import { DIALECTS, withConnection, type TestDatabase } from './helpers/databases';
import { withProject } from './helpers/project';

/** Checks that every dialect here can run; v2 rewords the unnamed one. */
const CHECKS = (version: 1 | 2) => [
  version === 1 ? '`"price" <> 0`' : '`"price" <> 1`',
  `'CHK_multi', \`
    "qty" > 0
    AND "qty" <> 5
  \``,
  `'CHK_nested', \`coalesce(nullif("name", ''), 'x') <> 'y'\``,
  `'CHK_newline', \`"name" <> 'two
lines'\``,
  `'CHK_in', \`"name" IN ('a', 'b', 'c') OR "qty" != 2\``,
  version === 1 ? `'CHK_rule', \`"qty" < 100\`` : `'CHK_rule', \`"qty" < 1000\``,
];

const entities = (version: 1 | 2) => `
import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

${CHECKS(version).map((c) => `@Check(${c})`).join('\n')}
@Entity('product')
export class Product${version} {
  @PrimaryGeneratedColumn() id!: number;
  @Column('numeric') price!: string;
  @Column('int') qty!: number;
  @Column('varchar', { length: 20 }) name!: string;
${version === 2 ? `  @Column('int', { nullable: true }) extra!: number | null;\n` : ''}}
${
  version === 1
    ? `
${CHECKS(1).slice(1).map((c) => `@Check(${c.replace(/'CHK_/, "'CHK_archive_")})`).join('\n')}
@Entity('archive')
export class Archive {
  @PrimaryGeneratedColumn() id!: number;
  @Column('int') qty!: number;
  @Column('varchar', { length: 20 }) name!: string;
}`
    : ''
}
`;

/** A table's named check constraints (name → definition), read from the catalog (not through TypeORM). */
async function checks(db: TestDatabase, table: string): Promise<Record<string, string>> {
  return withConnection(db, async (ds) => {
    if (db.dialect === 'postgres') {
      const rows = (await ds.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`, [
        table,
      ])) as { conname: string; def: string }[];
      return Object.fromEntries(rows.map((r) => [r.conname, r.def]));
    }
    const [row] = (await ds.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])) as { sql: string }[];
    // Each definition up to the next constraint (good enough to tell the checks and their numbers apart).
    return Object.fromEntries([...(row?.sql ?? '').matchAll(/CONSTRAINT "(CHK_[^"]*)" (CHECK[^]*?)(?=, CONSTRAINT|\)$)/g)].map((m) => [m[1], m[2]]));
  });
}

const checkNames = async (db: TestDatabase, table: string) => Object.keys(await checks(db, table)).sort();

describe.each(Object.entries(DIALECTS))('check expressions TypeORM reads back wrong, on %s', (_name, createDatabase) => {
  test('survive a table rebuild, a changed check, a dropped table, downgrade and verify', async () => {
    const db = await createDatabase();
    await withProject(db, 'check-expressions', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entities(1));
      expect(await project.cli('revision', '--autogenerate', '-m', 'checks')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0 });
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      const named = ['CHK_in', 'CHK_multi', 'CHK_nested', 'CHK_newline', 'CHK_rule'];
      expect(await checkNames(db, 'archive')).toEqual(named.map((n) => n.replace('CHK_', 'CHK_archive_')));

      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entities(2));
      expect(await project.cli('revision', '--autogenerate', '-m', 'rebuild and drop', '--allow-drop')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0, stderr: '' });
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      // The rebuilt (SQLite) or altered table kept every named check, and has the reworded one.
      const product = await checkNames(db, 'product');
      expect(product.filter((n) => named.includes(n))).toEqual(named);
      expect(product).toHaveLength(6);
      // The named check whose expression changed was changed.
      expect((await checks(db, 'product')).CHK_rule).toMatch(/1000/);

      // The downgrade re-creates the dropped table's checks from what was read back, and v1's
      // entities then see no change (the re-created expressions mean what they declare).
      expect(await project.cli('downgrade', '-1')).toMatchObject({ code: 0, stderr: '' });
      expect(await checkNames(db, 'archive')).toEqual(named.map((n) => n.replace('CHK_', 'CHK_archive_')));
      expect((await checks(db, 'product')).CHK_rule).not.toMatch(/1000/);
      const second = project.revisionFiles().find((f) => f.endsWith('_rebuild_and_drop.ts'))!;
      const secondSource = project.read(`migrations/versions/${second}`);
      project.remove(`migrations/versions/${second}`);
      project.remove('entities/v2.ts');
      project.write('entities/v1.ts', entities(1));
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      project.write(`migrations/versions/${second}`, secondSource);
      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entities(2));
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0 });

      const verify = await project.cli('verify');
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
    });
  });
});
