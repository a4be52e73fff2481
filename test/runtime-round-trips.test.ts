/**
 * Runtime, PostgreSQL: what a plain revision costs in round trips to the server (issue 13 §1). A
 * revision's DDL is one query; its version move, the check of that move, its history row, its
 * COMMIT, the next revision's BEGIN and that transaction's lock timeout travel together as a
 * second one. Each round trip is client time no server work overlaps, so 500 revisions pay for
 * every one of them; this pins the count so a later change cannot add one unnoticed.
 */
import type { Logger } from 'typeorm';
import { createMigrator } from '../src';
import { createPostgresDatabase, versionRows } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const project = projectPerTest(createPostgresDatabase, 'round-trips');

/** Every query the migrator's connection sends, in order (TypeORM logs each `query` call once). */
function recordingLogger(queries: string[]): Logger {
  return {
    logQuery: (query) => void queries.push(query),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}

const createTable = (name: string) => `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`;

test('each plain revision after the first costs two queries: its DDL, then its bookkeeping with COMMIT and the next BEGIN', async () => {
  project.writeRevision('aaaa00000001', null, createTable('t1'), `await op.dropTable('t1');`, 'one');
  project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('t2'), `await op.dropTable('t2');`, 'two');
  project.writeRevision('cccc00000003', 'bbbb00000002', createTable('t3'), `await op.dropTable('t3');`, 'three');
  const queries: string[] = [];
  const migrator = await createMigrator({ dataSource: { ...project.db.options, logging: ['query'], logger: recordingLogger(queries) }, cwd: project.dir });
  try {
    await migrator.upgrade('head');
  } finally {
    await migrator.close();
  }
  expect(await versionRows(project.db)).toEqual(['cccc00000003']);

  // From the first revision's DDL to the last revision's closing (the lock's release follows).
  const lastClosing = queries.map((q) => q.includes('INSERT INTO "entity_migrate_history"')).lastIndexOf(true);
  const fromFirstDdl = queries.slice(queries.findIndex((q) => q.startsWith('CREATE TABLE "t1"')), lastClosing + 1);
  // t1, its closing; t2, its closing; t3, its closing (the last one without a next BEGIN).
  expect(fromFirstDdl).toHaveLength(6);
  expect(fromFirstDdl[2]).toMatch(/^CREATE TABLE "t2"/);
  expect(fromFirstDdl[4]).toMatch(/^CREATE TABLE "t3"/);
  const closing = fromFirstDdl[3]!.split(/;\n/).map((statement) => statement.trim());
  // The move, its check, the history row, COMMIT, the next BEGIN and its lock timeout, in that order.
  expect(closing.map((statement) => statement.split(' ').slice(0, 2).join(' '))).toEqual([
    'UPDATE "entity_migrate_version"',
    'DO $entity_migrate$',
    'INSERT INTO',
    'COMMIT',
    'BEGIN',
    'SET LOCAL',
  ]);
  expect(closing[0]).toBe(`UPDATE "entity_migrate_version" SET version_num = 'bbbb00000002' WHERE version_num = 'aaaa00000001'`);
  expect(closing[2]).toMatch(/^INSERT INTO "entity_migrate_history" .*'bbbb00000002'/);
  // The last revision's closing opens no transaction after its COMMIT.
  expect(fromFirstDdl[5]!.trim()).toMatch(/COMMIT;?$/);
});

test('with transactionMode all, each plain revision is one query, and the run records them all with its COMMIT', async () => {
  project.writeRevision('aaaa00000001', null, createTable('t1'), `await op.dropTable('t1');`, 'one');
  project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('t2'), `await op.dropTable('t2');`, 'two');
  project.writeRevision('cccc00000003', 'bbbb00000002', createTable('t3'), `await op.dropTable('t3');`, 'three');
  const queries: string[] = [];
  const migrator = await createMigrator({ dataSource: { ...project.db.options, logging: ['query'], logger: recordingLogger(queries) }, cwd: project.dir, transactionMode: 'all' });
  try {
    await migrator.upgrade('head');
  } finally {
    await migrator.close();
  }
  expect(await versionRows(project.db)).toEqual(['cccc00000003']);
  const fromFirstDdl = queries.slice(queries.findIndex((q) => q.startsWith('CREATE TABLE "t1"')));
  expect(fromFirstDdl.slice(0, 3).map((q) => q.slice(0, 17))).toEqual(['CREATE TABLE "t1"', 'CREATE TABLE "t2"', 'CREATE TABLE "t3"']);
  const closing = fromFirstDdl[3]!.split(/;\n/).map((statement) => statement.trim());
  expect(closing.map((statement) => statement.split(' ').slice(0, 2).join(' '))).toEqual([
    'INSERT INTO',
    'DO $entity_migrate$',
    'INSERT INTO',
    'INSERT INTO',
    'INSERT INTO',
    'COMMIT',
  ]);
  expect(closing[0]).toBe(`INSERT INTO "entity_migrate_version" (version_num) VALUES ('cccc00000003')`);
  expect(closing.slice(2, 5).map((statement) => /'(\w{4}0{7}\d)'/.exec(statement)?.[1])).toEqual(['aaaa00000001', 'bbbb00000002', 'cccc00000003']);
});
