/**
 * TypeORM reads what the catalog cannot tell it (generated-column expressions, the views it
 * manages) from its typeorm_metadata table. A baseline's upgrade records both there, so a database
 * built from the baseline has rows a hand-made database lacks; stamping a baseline writes the same
 * rows on the adopted database, and `check` then tells the same on both: no false drop+add of a
 * generated column the entity declares alike (without the row TypeORM reads its expression as empty). In-process CLI; needs PostgreSQL and SQLite.
 */
import { DIALECTS, withConnection, type TestDatabase } from './helpers/databases';
import { TestProject, projectPerTest } from './helpers/project';

const TABLE: Record<'postgres' | 'sqlite', string> = {
  postgres: `CREATE TABLE gadget (id serial PRIMARY KEY, name text NOT NULL, shout text GENERATED ALWAYS AS (lower(name)) STORED)`,
  sqlite: `CREATE TABLE "gadget" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" text NOT NULL, "shout" text GENERATED ALWAYS AS (lower(name)) STORED)`,
};

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('gadget')
export class Gadget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', generatedType: 'STORED', asExpression: 'lower(name)', nullable: true })
  shout!: string | null;
}
`;

async function checkOps(project: TestProject): Promise<string[]> {
  const result = await project.cli('check', '--json');
  expect(result.stderr).toBe('');
  const { ops } = JSON.parse(result.stdout) as { ops: { kind: string; table?: string; view?: string | { name: string } }[] };
  return ops.map((op) => `${op.kind} ${op.table ?? (typeof op.view === 'string' ? op.view : op.view?.name)}`).sort();
}

async function metadataRows(db: TestDatabase): Promise<string[]> {
  return withConnection(db, async (ds) =>
    ((await ds.query(`SELECT * FROM typeorm_metadata`)) as { type: string; name: string }[]).map((r) => `${r.type} ${r.name}`).sort(),
  );
}

describe.each(Object.entries(DIALECTS))('baseline and typeorm_metadata on %s', (name, createDatabase) => {
  const original = projectPerTest(createDatabase, 'adopted');
  const fresh = projectPerTest(createDatabase, 'fresh');

  test('the adopted database gets the rows the upgrade writes, and check says the same on both', async () => {
    await withConnection(original.db, async (ds) => {
      await ds.query(TABLE[name as 'postgres' | 'sqlite']);
      await ds.query(`CREATE VIEW gadget_names AS SELECT name FROM gadget`);
    });
    original.writeConfig();
    const baseline = await original.cli('baseline', '-m', 'baseline');
    expect(baseline.code).toBe(0);
    expect(baseline.stderr).toContain("Recorded in TypeORM's metadata table, as the baseline's upgrade does: view gadget_names, generated column gadget.shout");
    const [file] = original.revisionFiles();

    fresh.write(`migrations/versions/${file}`, original.read(`migrations/versions/${file}`));
    fresh.writeConfig();
    expect((await fresh.cli('upgrade', 'head')).code).toBe(0);

    expect(await metadataRows(original.db)).toEqual(['GENERATED_COLUMN shout', 'VIEW gadget_names']);
    expect(await metadataRows(fresh.db)).toEqual(await metadataRows(original.db));

    for (const project of [original, fresh]) {
      project.write('entities/gadget.ts', ENTITY);
      project.writeConfig({ entities: ['entities/*.ts'] });
    }
    // The generated column matches the entity (no drop+add); TypeORM leaves a view no entity
    // declares alone, on both.
    expect(await checkOps(original)).toEqual([]);
    expect(await checkOps(fresh)).toEqual(await checkOps(original));
  });
});
