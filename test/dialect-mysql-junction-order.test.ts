/**
 * MariaDB, creation order on junction and new tables (see autogenerate-junction-order.test.ts):
 * an index the schema builder created apart from its new table was dropped apart in the downgrade,
 * before the table, and MariaDB refuses to drop an index a foreign key needs; a new table's
 * foreign key to a column made unique later in the revision was "incorrectly formed". Needs MariaDB.
 */
import { createMysqlDatabase } from './helpers/databases';
import { junctionRoundTrip, separateJunctionOps } from './helpers/junction-entities';
import { withProject } from './helpers/project';

test('junction tables and new foreign keys come after what they need, and round-trip on mariadb', async () => {
  await withProject(await createMysqlDatabase(), 'junction-order', async (project) => {
    const revision = await junctionRoundTrip(project);
    expect(separateJunctionOps(revision)).toEqual([]);
  });
});
