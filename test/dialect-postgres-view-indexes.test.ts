/**
 * Indices on a PostgreSQL materialized view (`@Index` on a `@ViewEntity({ materialized: true })`),
 * found on TypeORM's own indices/index-types test set: the revision failed at upgrade with `Table
 * "user_view" does not exist`, because the index ops looked the view up as a table. Now the loop
 * holds: autogenerate → upgrade → check empty → downgrade base → upgrade → check empty, and the
 * indices are on the view. Needs PostgreSQL.
 */
import { DIALECTS, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { expectAutogenerateRoundTrip } from './helpers/round-trip';

const entities = `
import { Column, Entity, Index, PrimaryGeneratedColumn, ViewColumn, ViewEntity } from 'typeorm';

@Entity('member')
export class Member {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @Column() score!: number;
}

@Index(['id'], { unique: true })
@ViewEntity({ name: 'member_rank', materialized: true, expression: 'SELECT "id", "name", "score" FROM "member"' })
export class MemberRank {
  @ViewColumn() id!: number;
  @Index() @ViewColumn() name!: string;
  @ViewColumn() score!: number;
}
`;

describe('PostgreSQL: indices on a materialized view', () => {
  const project = projectPerTest(DIALECTS.postgres, 'view-indexes');

  test('round-trip, with the indices on the view', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/all.ts', entities);
    const revision = await expectAutogenerateRoundTrip(project);
    expect(revision).toContain("await op.createIndex('member_rank'");
    const indices = await withConnection(project.db, (ds) => ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'member_rank' ORDER BY indexdef`));
    expect((indices as { indexdef: string }[]).map((i) => i.indexdef.replace(/"IDX_\w+"/, 'IDX'))).toEqual([
      'CREATE INDEX IDX ON public.member_rank USING btree (name)',
      'CREATE UNIQUE INDEX IDX ON public.member_rank USING btree (id)',
    ]);
  });
});
