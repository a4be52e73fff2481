import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createMigrator, type StepReport } from 'typeorm-entity-migrate';

/** `migrations/` at the project root, from src/database (sources) or dist/database (build). */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/**
 * Brings the database to the newest revision when the app starts, before it serves anything.
 * Every instance may do this at once: one runs the revisions, the others wait for its lock and
 * then find nothing to do. Set `MIGRATE_ON_START=false` to leave it to a deploy step.
 */
@Injectable()
export class SchemaMigrator implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchemaMigrator.name);
  /** Revisions this instance applied at startup (empty when another instance had done it). */
  applied: StepReport[] = [];
  heads: string[] = [];

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.MIGRATE_ON_START === 'false') return;
    const migrator = await createMigrator({ dataSource: this.dataSource, migrationsDir: MIGRATIONS_DIR });
    try {
      const result = await migrator.upgrade('head', {
        onStep: (step) => this.logger.log(`applied ${step.revision} (${step.message}) in ${step.durationMs} ms`),
      });
      this.applied = result.steps;
      this.heads = result.heads;
      this.logger.log(result.steps.length ? `database upgraded to ${result.heads.join(', ')}` : `database already at ${result.heads.join(', ')}`);
    } finally {
      await migrator.close(); // leaves Nest's DataSource open
    }
  }
}
