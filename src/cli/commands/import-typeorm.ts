import { displayPath } from '../../display-path';
import type { ImportTypeormResult } from '../../runtime/import-typeorm';
import { defineCommand } from '../command';
import type { CliIo } from '../io';
import { withMigrator } from '../with-migrator';

export const importTypeormCommand = defineCommand({
  command: 'import-typeorm',
  describe: "Write one revision per TypeORM migration class (the DataSource's migrations) and stamp the database at the last one TypeORM has run",
  builder: (y) =>
    y.option('drop-typeorm-table', {
      type: 'boolean',
      default: false,
      describe: "Drop TypeORM's migrations table once the database is stamped (alone, after an import: just drop it)",
    }),
  run: (argv, io) =>
    // Entities are not needed: the revisions run the migration classes, which import what they use.
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const result = await migrator.importTypeorm({ dropTypeormTable: argv['drop-typeorm-table'] });
      if (!argv.quiet) printImport(result, io);
    }),
});

function printImport(result: ImportTypeormResult, io: CliIo): void {
  for (const m of result.imported) {
    io.stdout(`Wrote ${displayPath(m.file, io.cwd)} (${m.name}${m.applied ? ', run by TypeORM' : ''})`);
  }
  if (result.imported.length > 0) {
    const table = result.typeormTable;
    if (result.stamped) io.stdout(`Stamped ${result.stamped}, the last migration TypeORM's table ${table} records`);
    else if (result.typeormTableExists) io.stdout(`TypeORM's table ${table} records no migration: the database stays at base`);
    else io.stdout(`No TypeORM migrations table (${table}) in the database: the database stays at base`);
    io.stdout(result.pending > 0 ? `${result.pending} pending: run with entity-migrate upgrade head` : 'Nothing pending');
  }
  if (result.droppedTypeormTable) io.stdout(`Dropped TypeORM's table ${result.typeormTable}`);
  else if (result.typeormTableExists) io.stdout(`TypeORM's table ${result.typeormTable} is left as it is (--drop-typeorm-table drops it)`);
  else if (result.imported.length === 0) io.stdout(`No TypeORM migrations table (${result.typeormTable}) to drop`);
}
