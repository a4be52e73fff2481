/**
 * What a value in (or exported for) TypeORM's `entities` is, without loading TypeORM: asked when
 * resolving globs (entities.ts) and when naming entries in messages (entity-source.ts).
 */
import type { EntitySchema } from 'typeorm';

export type EntityValueKind = 'class' | 'function' | 'entity-schema' | 'schema-options' | 'other';

export function isEntitySchema(value: unknown): value is EntitySchema<unknown> {
  // TypeORM marks instances with @instanceof, which survives two TypeORM copies (where instanceof
  // fails), and checking it keeps us from loading TypeORM (~90 ms) for commands that never touch it.
  return typeof value === 'object' && value !== null && (value as { '@instanceof'?: symbol })['@instanceof'] === Symbol.for('EntitySchema');
}

/**
 * What `new EntitySchema(…)` takes, given bare: a `name` and a `columns` object. TypeORM ignores
 * these, in `entities` and in a glob's files alike.
 */
export function isSchemaOptions(value: unknown): value is { name: string; columns: object } {
  if (typeof value !== 'object' || value === null || isEntitySchema(value)) return false;
  const { name, columns } = value as { name?: unknown; columns?: unknown };
  return typeof name === 'string' && typeof columns === 'object' && columns !== null && !Array.isArray(columns);
}

export function entityValueKind(value: unknown): EntityValueKind {
  if (typeof value === 'function') return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  if (isEntitySchema(value)) return 'entity-schema';
  if (isSchemaOptions(value)) return 'schema-options';
  return 'other';
}
