import { quotePath, quoteString, quoteWith } from '../sql-text';

const quoteIdentifier = (name: string): string => quoteWith('"', name);

/**
 * A serial or identity column's sequence does not move when rows are inserted with explicit keys:
 * set it to the largest key, so that the next row the application inserts gets a free one.
 */
export function postgresAdvanceKeySequences(table: string, columns: readonly string[]): string[] {
  const path = quotePath(quoteIdentifier, table);
  return columns.map((column) => {
    const quoted = quoteIdentifier(column);
    return `SELECT setval(pg_get_serial_sequence(${quoteString(path)}, ${quoteString(column)}), (SELECT MAX(${quoted}) FROM ${path}))`;
  });
}
