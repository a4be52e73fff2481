/**
 * Runtime: `verify` makes its scratch database from the data source's own options. Found on a NestJS
 * boilerplate whose data-source.ts reads `url: process.env.DATABASE_URL` next to host/port/… and
 * whose .env leaves `DATABASE_URL=` empty: TypeORM ignores an empty url (it connects with
 * host/port/database), so verify must too, not fail with a bare "Invalid URL" (leaving the scratch
 * database behind). In-process CLI; needs PostgreSQL.
 */
import { createPostgresDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { widgetEntitySource } from './helpers/widget-entity';

describe('verify on PostgreSQL', () => {
  const project = projectPerTest(createPostgresDatabase, 'verify-scratch');
  beforeEach(() => {
    project.write('entities/widget.ts', widgetEntitySource());
  });

  it('runs when the data source has an empty url beside host, port and database', async () => {
    const url = new URL(project.db.url);
    project.write(
      'data-source.ts',
      `import { DataSource } from 'typeorm';
export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.EMPTY_DATABASE_URL ?? '',
  host: ${JSON.stringify(url.hostname)},
  port: ${Number(url.port || 5432)},
  username: ${JSON.stringify(decodeURIComponent(url.username))},
  database: ${JSON.stringify(url.pathname.slice(1))},
  entities: [__dirname + '/entities/*{.ts,.js}'],
});
`,
    );
    project.write('entity-migrate.config.json', JSON.stringify({ dataSource: './data-source.ts' }));
    expect((await project.cli('revision', '--autogenerate', '-m', 'init')).code).toBe(0);

    const verify = await project.cli('verify');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });
});
