/**
 * SQLite keeps a check's expression and a partial index's predicate as they were written, so a
 * database built by hand says `size > 0` where TypeORM writes `"size" > 0`: one rule in two
 * spellings. They are compared with simple identifiers unquoted, whitespace runs folded and
 * whitespace next to a parenthesis or comma dropped; string literals are left as they are.
 */
import type { QueryRunner } from 'typeorm';
import type { IndexPredicate } from '../dialect';

const TOKEN = /('(?:[^']|'')*')|"([A-Za-z_][A-Za-z0-9_]*)"|`([A-Za-z_][A-Za-z0-9_]*)`|\[([A-Za-z_][A-Za-z0-9_]*)\]|(\s+)/g;

/** `"size"  >  0` → `size > 0`; `lower( name )` → `lower(name)`; `'a  "b"'` stays. */
export function writtenForm(text: string): string {
  const trimmed = text.trim();
  const besidePunctuation = (offset: number, length: number) => /[(),]/.test(trimmed[offset - 1] ?? '') || /[(),]/.test(trimmed[offset + length] ?? '');
  return trimmed.replace(TOKEN, (whole, literal?: string, double?: string, back?: string, bracket?: string, space?: string, offset?: number) =>
    literal ?? double ?? back ?? bracket ?? (space !== undefined ? (besidePunctuation(offset!, space.length) ? '' : ' ') : whole),
  );
}

export async function sameWrittenGeneratedExpression(_queryRunner: QueryRunner, _table: string, _column: string, a: string, b: string): Promise<boolean> {
  return writtenForm(a) === writtenForm(b);
}

export async function sameWrittenCheck(_queryRunner: QueryRunner, _table: string, a: string, b: string): Promise<boolean> {
  return writtenForm(a) === writtenForm(b);
}

export async function sameWrittenPredicate(_queryRunner: QueryRunner, _table: string, a: IndexPredicate, b: IndexPredicate): Promise<boolean> {
  return writtenForm(a.where) === writtenForm(b.where);
}
