/** Autogenerate's public surface: compare entities with the database, render the result. */
export { compareSchema, type CompareOptions } from './compare';
export { ignoredTables } from './orphans';
export { renderRevision, renderOps, renderSummary, describeOp, type RenderedRevision } from './render';
export { parseRenameHint, hintText } from './passes/renames';
export { runsOutsideTransaction } from './passes/postgres-extras';
export type { AutogenerateResult, ConfirmRename, DestructiveChange, RenameCandidate, RenameHint } from './types';
