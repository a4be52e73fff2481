/**
 * entity-migrate: Alembic-style migrations for TypeORM.
 *
 * App startup:
 * ```ts
 * const migrator = await createMigrator({ dataSource, migrationsDir: 'migrations' });
 * await migrator.upgrade('head');
 * ```
 * Revision files import only the `MigrationContext` type from here.
 */
export { createMigrator, Migrator } from './runtime/migrator';
export type { MigratorOptions, CreateMigratorOptions, RunOptions, RunResult, RevisionInfo, StepReport, StampOptions } from './runtime/migrator';
export type { ImportTypeormOptions, ImportTypeormResult, ImportedMigration } from './runtime/import-typeorm';
export type { ConfirmDrop, DropConsent } from './runtime/table-drops';
export type { StatusOptions, StatusReport, PendingRevision, EntityComparison } from './runtime/status';
export type { LockReport, OpLocks, SizedImpact } from './runtime/lock-report';
export type { LockRetry } from './runtime/lock-wait';
export type { LockImpact, TableSize, TableWork } from './ops/lock-impact';
export type { ChangedRevision } from './runtime/history-store';
export type { VerifyOptions, VerifyReport } from './runtime/verify';
export type { TransactionMode, EntityMigrateConfig, DataSourceInput, DataSourceFactory, DataSourceFactoryResult, ResolvedSettings } from './config/types';
export { defineConfig } from './config/define-config';
export type { MigrationContext } from './script/migration-context';
export type { NewRevisionPlace } from './script/branches';
export { Operations } from './ops/operations';
export type * from './ops/types';
export type { DialectName } from './dialects';
export * from './errors';
