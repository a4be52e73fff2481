/**
 * A worker process: no HTTP server, just the Nest application context. Bootstrapping runs
 * `SchemaMigrator.onApplicationBootstrap`, so by the time `init()` resolves the database is at
 * head; then the worker reads the schema through its repositories and prints a one-line status.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { SchemaMigrator } from './database/schema-migrator.service';
import { ProjectsService } from './projects/projects.service';
import { UsersService } from './users/users.service';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn', 'log'] });
  try {
    const migrator = app.get(SchemaMigrator);
    const dataSource = app.get(DataSource);
    const users = app.get(UsersService);
    const projects = app.get(ProjectsService);
    const status = {
      event: 'ready',
      applied: migrator.applied.map((step) => step.revision),
      heads: migrator.heads,
      entityTables: dataSource.entityMetadatas.map((meta) => meta.tableName).sort(),
      users: await users.countUsers(),
      teams: (await users.teamsWithMembers()).length,
      openTasks: (await projects.openTasks()).length,
    };
    process.stdout.write(`${JSON.stringify(status)}\n`);
  } finally {
    await app.close();
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
