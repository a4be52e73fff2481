import 'reflect-metadata';
import { DataSource, EntitySchema } from 'typeorm';
import { compareSchema } from '../src/autogenerate/compare';
import { renderRevision } from '../src/autogenerate/render';
import { applyOps } from '../test/fixtures/autogenerate/apply-ops';
import { createSqliteDatabase } from '../test/helpers/databases';

const A = new EntitySchema({ name: 'UA', tableName: 'user', columns: { id: { type: Number, primary: true, generated: true }, email: { type: String, unique: true } } });
const B = new EntitySchema({ name: 'UB', tableName: 'user', columns: { id: { type: Number, primary: true, generated: true }, email: { type: String } },
  indices: [{ name: 'IDX_user_email', columns: ['email'], unique: true }] });

test('uq', async () => {
  const db = await createSqliteDatabase();
  for (const e of [A, B, B]) {
    const ds = await new DataSource({ ...db.options, entities: [e] } as any).initialize();
    const r = await compareSchema(ds);
    console.log(renderRevision(r).upgradeBody);
    await applyOps(ds, r.ops);
    console.log(await ds.query(`PRAGMA index_list("user")`), await ds.query(`select sql from sqlite_master`));
    await ds.destroy();
  }
});
