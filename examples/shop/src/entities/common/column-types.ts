/**
 * Column types that differ between the databases the shop runs on. SQLite has no enum type
 * (TypeORM keeps the values in a CHECK), and only PostgreSQL has arrays, jsonb and schemas.
 */
import type { ColumnType } from 'typeorm';
import { isPostgres, isSqlite } from '../../config/env';

export const ENUM: ColumnType = isSqlite ? 'simple-enum' : 'enum';
export const JSON_COLUMN: ColumnType = isPostgres ? 'jsonb' : 'simple-json';
/** The warehouse tables live in their own schema on PostgreSQL. */
export const INVENTORY_SCHEMA: string | undefined = isPostgres ? 'inventory' : undefined;
/** A timestamp without time zone (what TypeORM picks for a `Date` property). */
export const DATETIME: ColumnType = isPostgres ? 'timestamp' : 'datetime';
