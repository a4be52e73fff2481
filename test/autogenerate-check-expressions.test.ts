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

/** The names of a table's check constraints, read from the catalog (not through TypeORM). */
async function checkNames(db: TestDatabase, table: string): Promise<string[]> {
  return withConnection(db, async (ds) => {
    if (db.dialect === 'postgres') {
      const rows = (await ds.query(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`, [table])) as { conname: string }[];
      return rows.map((r) => r.conname).sort();
    }
    const [row] = (await ds.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])) as { sql: string }[];
    return [...(row?.sql ?? '').matchAll(/CONSTRAINT "(CHK_[^"]*)" CHECK/g)].map((m) => m[1]).sort();
  });
}

describe.each(Object.entries(DIALECTS))('check expressions TypeORM reads back wrong, on %s', (_name, createDatabase) => {
  test('survive a table rebuild, a changed check, a dropped table, downgrade and verify', async () => {
    const db = await createDatabase();
    await withProject(db, 'check-expressions', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entities(1));
      expect(await project.cli('revision', '--autogenerate', '-m', 'checks')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0 });
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      const named = ['CHK_in', 'CHK_multi', 'CHK_nested', 'CHK_newline'];
      expect(await checkNames(db, 'archive')).toEqual(named.map((n) => n.replace('CHK_', 'CHK_archive_')));

      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entities(2));
      expect(await project.cli('revision', '--autogenerate', '-m', 'rebuild and drop', '--allow-drop')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0, stderr: '' });
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      // The rebuilt (SQLite) or altered table kept every named check, and has the reworded one.
      const product = await checkNames(db, 'product');
      expect(product.filter((n) => named.includes(n))).toEqual(named);
      expect(product).toHaveLength(5);

      // The downgrade re-creates the dropped table's checks from what was read back.
      expect(await project.cli('downgrade', '-1')).toMatchObject({ code: 0, stderr: '' });
      expect(await checkNames(db, 'archive')).toEqual(named.map((n) => n.replace('CHK_', 'CHK_archive_')));
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0 });

      const verify = await project.cli('verify');
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
    });
  });
});
