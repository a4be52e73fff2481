/**
 * A column's key generation changed in place (see ops/key-generation.ts): serial ↔ identity,
 * `GENERATED ALWAYS` ↔ `BY DEFAULT`, or either added to or taken from a plain column. TypeORM's
 * changeColumn does nothing for these but serial ↔ plain, and even then leaves a new sequence at 1,
 * so the first insert collided with the rows already there.
 *
 * The rows stay; only where new keys come from changes. A new sequence (identity or serial) starts
 * past both the largest key and the old sequence's position, so no key is handed out twice (not
 * even one a deleted row had). Each step is plain SQL that reads nothing from the client, so an
 * offline (`--sql`) script does the same. The serial sequence is named as TypeORM names it, which
 * is also the name PostgreSQL gives an identity's sequence.
 */
import type { Table } from 'typeorm';
import type { KeyGeneration } from '../../ops/key-generation';
import { postgresRunner } from '../../typeorm-internals';
import type { QueryRunner } from 'typeorm';
import { quotePath, quoteString, quoteWith } from '../sql-text';

const quoteIdentifier = (name: string): string => quoteWith('"', name);

/** A serial's sequence has the column's integer type, as `serial` / `bigserial` make it. */
const SEQUENCE_TYPES: Readonly<Record<string, string>> = {
  smallint: 'smallint', int2: 'smallint', integer: 'integer', int: 'integer', int4: 'integer', bigint: 'bigint', int8: 'bigint',
};

const identityClause = (generation: KeyGeneration): string => (generation === 'identity ALWAYS' ? 'ALWAYS' : 'BY DEFAULT');

/** The statements that take `column` (of type `type`) of `table` from one generation to another. */
export function keyGenerationStatements(
  queryRunner: QueryRunner,
  table: Table,
  column: string,
  type: string,
  from: KeyGeneration,
  to: KeyGeneration,
): string[] {
  const runner = postgresRunner(queryRunner);
  const target = runner.escapePath(table);
  const quoted = quoteIdentifier(column);
  const alter = `ALTER TABLE ${target} ALTER COLUMN ${quoted}`;
  const sequencePath = runner.buildSequencePath(table, column);
  const sequenceName = sequencePath.split('.').pop()!;
  const sequence = quotePath(quoteIdentifier, sequencePath);
  /** A sequence beside the serial one, in its schema: `<sequence>_<suffix>`. */
  const beside = (suffix: string) => quotePath(quoteIdentifier, `${sequencePath}_${suffix}`);
  const identitySequence = `pg_get_serial_sequence(${quoteString(target)}, ${quoteString(column)})`;
  /** Move `next` (an expression naming a sequence) past the largest key and `carried`'s position. */
  const startPast = (next: string, carried?: string) =>
    `SELECT setval(${next}, GREATEST(COALESCE(MAX(${quoted}), 0)${carried ? `, COALESCE(pg_sequence_last_value(${carried}), 0)` : ''}) + 1, false) FROM ${target}`;
  const createSerialSequence = (path: string) => `CREATE SEQUENCE ${path}${SEQUENCE_TYPES[type.toLowerCase()] ? ` AS ${SEQUENCE_TYPES[type.toLowerCase()]}` : ''}`;
  const serialDefault = [`ALTER SEQUENCE ${sequence} OWNED BY ${target}.${quoted}`, `${alter} SET DEFAULT nextval(${quoteString(sequence)})`];

  if (from.startsWith('identity') && to.startsWith('identity')) return [`${alter} SET GENERATED ${identityClause(to)}`];
  const statements: string[] = [];
  if (from === 'serial') {
    statements.push(`${alter} DROP DEFAULT`);
    if (to === 'none') return [...statements, `DROP SEQUENCE ${sequence}`];
    // The identity's sequence takes the serial's name: the old one steps aside (and stops
    // belonging to the column, or pg_get_serial_sequence would still name it) until it is read.
    const old = beside('old');
    statements.push(
      `ALTER SEQUENCE ${sequence} OWNED BY NONE`,
      `ALTER SEQUENCE ${sequence} RENAME TO ${quoteIdentifier(`${sequenceName}_old`)}`,
      `${alter} ADD GENERATED ${identityClause(to)} AS IDENTITY`,
      startPast(identitySequence, `${quoteString(old)}::regclass`),
      `DROP SEQUENCE ${old}`,
    );
    return statements;
  }
  if (from === 'none') {
    if (to === 'serial') return [createSerialSequence(sequence), startPast(quoteString(sequence)), ...serialDefault];
    return [`${alter} ADD GENERATED ${identityClause(to)} AS IDENTITY`, startPast(identitySequence)];
  }
  // From an identity.
  if (to === 'none') return [`${alter} DROP IDENTITY`];
  const next = beside('new');
  return [
    createSerialSequence(next),
    startPast(quoteString(next), `${identitySequence}::regclass`),
    `${alter} DROP IDENTITY`,
    `ALTER SEQUENCE ${next} RENAME TO ${quoteIdentifier(sequenceName)}`,
    ...serialDefault,
  ];
}
