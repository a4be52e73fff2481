/**
 * MariaDB, the first cut: the CLI loop (upgrade with the GET_LOCK migration lock, version and
 * history rows, --sql, downgrade) and autogenerate → upgrade → check on a small entity.
 * In-process CLI; needs MariaDB.
 */
import { createMysqlDatabase, tableNames, versionRows } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const project = projectPerTest(createMysqlDatabase, 'mysql');

test('upgrade, --sql and downgrade run a hand-written chain on MariaDB', async () => {
  project.writeConfig({ entities: [], type: 'mariadb' });
  project.writeRevision(
    'aaaa00000001',
    null,
    `await op.createTable({ name: 'alpha', columns: [{ name: 'id', type: 'int', isPrimary: true }, { name: 'label', type: 'varchar', length: '20' }] });`,
    `await op.dropTable('alpha');`,
    'alpha',
  );
  project.writeRevision(
    'bbbb00000002',
    'aaaa00000001',
    `await op.bulkInsert('alpha', [{ id: 1, label: 'one' }]);\n  await op.alterColumn('alpha', 'label', { length: '200' });`,
    `await op.alterColumn('alpha', 'label', { length: '20' });\n  await op.bulkDelete('alpha', [{ id: 1 }]);`,
    'seed and widen',
  );
  const script = await project.cli('upgrade', 'head', '--sql');
  expect(script.code).toBe(0);
  expect(script.stdout).toContain('START TRANSACTION;');
  expect(script.stdout).toMatch(/ALTER TABLE `alpha` MODIFY/);
  const up = await project.cli('upgrade', 'head');
  expect(up.stderr).toBe('');
  expect(up.code).toBe(0);
  expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
  expect((await project.cli('downgrade', 'base')).code).toBe(0);
  expect(await tableNames(project.db)).toEqual(['entity_migrate_history', 'entity_migrate_version']);
});

test('autogenerate, upgrade and check agree on MariaDB', async () => {
  project.writeConfig({ entities: ['entities/*.ts'], type: 'mariadb' });
  project.write(
    'entities/note.ts',
    `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('note')
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 80 }) title!: string;
  @Column({ default: false }) done!: boolean;
}
`,
  );
  expect((await project.cli('revision', '--autogenerate', '-m', 'notes')).code).toBe(0);
  expect((await project.cli('upgrade', 'head')).code).toBe(0);
  const check = await project.cli('check');
  expect(check.stdout).toContain('No changes detected');
  expect(check.code).toBe(0);
});
