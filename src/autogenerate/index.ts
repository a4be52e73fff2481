/** Autogenerate's public surface: compare entities with the database, render the result. */
export { compareSchema, type CompareOptions } from './compare';
export { ignoredTables } from './orphans';
export { databaseSchema, renderDatabaseSchema, type DatabaseSchema, type DatabaseSchemaOptions } from './from-database';
export { renderRevision, renderOps, renderSummary, type RenderedRevision } from './render';
export { describeOp } from '../ops/describe';
export { parseRenameHint, hintText } from './passes/renames';
export type { AutogenerateResult, BlockingChange, ConfirmRename, DestructiveChange, RenameCandidate, RenameHint } from './types';
