/**
 * A renamed table keeps its checks and gets the indices it gains. TypeORM's renameTable leaves a
 * check under its old name, but an unnamed check's generated name hashes the table's, so the
 * rename used to be followed by `- check CHK_<old> / + check CHK_<new>` on the next `check`; and
 * indices and uniques the renamed entity adds were lost with the createTable the rename replaces
 * (`+ index` right after upgrade). Both on every database. The rename now brings the checks to the
 * names the new table declares in the same revision (named checks stay) and creates what it adds.
 * Needs PostgreSQL and SQLite.
 */
import { DIALECTS, withConnection } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';
import { withoutChangeSummary } from './helpers/round-trip';

/** The renamed version also gains an index and a unique, which the createTable the rename replaces held. */
const booking = (table: string) => `
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('${table}')
@Check('"slot" > 0')
@Check('CHK_booking_code', '"code" <> \\'\\'')
${table === 'booking' ? '' : "@Index(['slot'])\n@Unique(['code', 'slot'])"}
export class Booking${table === 'booking' ? '' : 'V2'} {
  @PrimaryGeneratedColumn() id!: number;
  @Column() code!: string;
  @Column() slot!: number;
}
`;

async function pendingOps(project: TestProject): Promise<unknown[]> {
  const result = await project.cli('check', '--json');
  return JSON.parse(result.stdout).ops;
}

/** Both checks hold: the unnamed one on slot, the named one on code. */
async function rejectsBoth(project: TestProject, table: string): Promise<void> {
  for (const values of [`'a', 0`, `'', 1`]) {
    await expect(withConnection(project.db, (ds) => ds.query(`INSERT INTO ${table} (code, slot) VALUES (${values})`))).rejects.toThrow(/check/i);
  }
}

describe.each(Object.entries(DIALECTS))('renaming a table with checks, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'rename-table-checks');

  test('--rename booking:reservation: checks follow, check is empty after upgrade, downgrade restores them', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/booking.ts', booking('booking'));
    expect((await project.cli('revision', '--autogenerate', '-m', 'bookings')).code).toBe(0);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await pendingOps(project)).toEqual([]);

    // A new file per version: project.cli runs in this process, where a module loads once.
    project.remove('entities/booking.ts');
    project.write('entities/reservation.ts', booking('reservation'));
    const revision = await project.cli('revision', '--autogenerate', '-m', 'reservations', '--rename', 'booking:reservation');
    expect({ ...revision, stderr: withoutChangeSummary(revision.stderr) }).toMatchObject({ code: 0, stderr: '' });
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await pendingOps(project)).toEqual([]);
    await rejectsBoth(project, 'reservation');

    expect((await project.cli('downgrade', '-1')).code).toBe(0);
    await rejectsBoth(project, 'booking');
  });
});
