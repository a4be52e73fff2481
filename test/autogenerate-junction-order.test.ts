/**
 * Creation order on many-to-many junction tables and other new tables: what the schema builder
 * creates on a new table (a junction mapped by an entity too gets its indices apart) goes into
 * that table's `createTable`, and a new table's foreign key to a column the same revision adds or
 * makes unique waits for that change. Several many-to-many shapes (custom junction name,
 * self-referencing, two to the same table, bidirectional) are added to existing entities and go
 * through upgrade, `check`, downgrade and verify. Needs PostgreSQL and SQLite (MariaDB:
 * dialect-mysql-junction-order.test.ts).
 */
import { DIALECTS } from './helpers/databases';
import { junctionRoundTrip, separateJunctionOps } from './helpers/junction-entities';
import { withProject } from './helpers/project';

describe.each(Object.entries(DIALECTS))('junction tables and new foreign keys, on %s', (_name, createDatabase) => {
  test('come after what they need, and round-trip', async () => {
    await withProject(await createDatabase(), 'junction-order', async (project) => {
      const revision = await junctionRoundTrip(project);
      // Nothing runs on a junction table apart from its createTable (so nothing before it either).
      expect(separateJunctionOps(revision)).toEqual([]);
      expect(revision).toMatch(/name: 'IX_post_category_both'/);
    });
  });
});
