/**
 * Every failure a user can cause is an EntityMigrateError with a stable `code`.
 * Library code throws these; only the CLI turns them into one printed line and an exit code.
 */
export type ErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'LOAD_FAILED'
  | 'CONNECTION_FAILED'
  | 'UNSUPPORTED_DRIVER'
  | 'REVISION_INVALID'
  | 'DUPLICATE_REVISION'
  | 'MISSING_DOWN_REVISION'
  | 'REVISION_CYCLE'
  | 'MULTIPLE_BASES'
  | 'DUPLICATE_BRANCH_LABEL'
  | 'MULTIPLE_HEADS'
  | 'UNKNOWN_REVISION'
  | 'AMBIGUOUS_REVISION'
  | 'INVALID_TARGET'
  | 'REVISION_FAILED'
  | 'NOT_AT_HEAD'
  | 'DROP_REFUSED'
  | 'RENAME_UNMATCHED'
  | 'LOCK_TIMEOUT'
  | 'CHECKSUM_MISMATCH'
  | 'OP_INVALID'
  | 'FOREIGN_KEY_VIOLATION'
  | 'TEMPLATE_NOT_FOUND'
  | 'FILE_EXISTS'
  | 'VERIFY_FAILED'
  | 'INTERRUPTED'
  | 'UNSUPPORTED_NAME'
  | 'UNBUILDABLE_INDEX'
  | 'UNSUPPORTED_ENTITY'
  | 'NO_ENTITIES'
  | 'DUPLICATE_ENTITY_TABLE'
  | 'DUPLICATE_ENTITY_COLUMN'
  | 'VERSIONS_NOT_FOUND'
  | 'HISTORY_EXISTS'
  | 'NOTHING_TO_ADOPT'
  | 'NO_TYPEORM_MIGRATIONS'
  | 'TYPEORM_MIGRATION_INVALID'
  | 'IMPORT_REFUSED'
  | 'SQUASH_REFUSED'
  | 'SQUASHED_REVISION'
  | 'ANCESTOR_RECORDED'
  | 'BLOCKING_OPS';

export class EntityMigrateError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Config file missing, unreadable or malformed. */
export class ConfigError extends EntityMigrateError {}

/** A user module (config, data source, entity, revision) could not be loaded. */
export class LoadError extends EntityMigrateError {
  constructor(message: string, readonly file: string, options?: { cause?: unknown }) {
    super('LOAD_FAILED', message, options);
  }
}

/** The database could not be reached or refused the login. */
export class ConnectionError extends EntityMigrateError {}

/** The revision files do not form a valid graph, or a target does not resolve. */
export class RevisionGraphError extends EntityMigrateError {}

/** A revision's upgrade or downgrade threw; schema and version table were rolled back. */
export class RevisionFailedError extends EntityMigrateError {
  constructor(
    message: string,
    readonly revision: string,
    readonly file: string,
    readonly sql: string | undefined,
    options?: { cause?: unknown },
  ) {
    super('REVISION_FAILED', message, options);
  }
}

/** The migration lock (or, on SQLite, the database) stayed taken for longer than the lock timeout. */
export class LockTimeoutError extends EntityMigrateError {}

/** An op was called with arguments that cannot be executed. */
export class OpError extends EntityMigrateError {}

/** The database is not where the command needs it to be (e.g. autogenerate while not at head). */
export class StateError extends EntityMigrateError {}

/**
 * The command was stopped by SIGINT (Ctrl-C) or SIGTERM after it cleaned up what it had made; the
 * CLI exits with the shell's code for that signal (130, 143).
 */
export class InterruptedError extends EntityMigrateError {
  readonly exitCode: number;
  constructor(readonly signal: 'SIGINT' | 'SIGTERM', message: string) {
    super('INTERRUPTED', message);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}
