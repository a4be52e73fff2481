/**
 * Column comparison that ignores spelling differences the database introduces: the same default
 * written as `now()` or `CURRENT_TIMESTAMP`, with or without a `::type` cast, a number quoted or
 * not, a uuid default reported as a "generated uuid" column. TypeORM compares these as text and
 * reports a change every time (TypeORM #3076, #10038, #9750, #5132, #5901, #9233, #10418).
 */
import { keyGeneration } from '../ops/key-generation';
import type { ColumnSpec } from '../ops/types';

/** Function defaults that mean "generate a uuid", however the database or entity spells them. */
const UUID_FUNCTIONS = new Set(['uuid_generate_v4()', 'gen_random_uuid()', 'uuid()']);

/** Spellings of "the current timestamp" (PostgreSQL and SQLite store whichever was written). */
const NOW_SPELLINGS = new Set(['now()', 'current_timestamp', 'transaction_timestamp()', "datetime('now')"]);

/** Strip one pair of outer parentheses: SQLite stores `DEFAULT (0)` text as written. */
function stripParens(text: string): string {
  let s = text;
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  return s;
}

function balanced(s: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && !quoted;
}

/** Remove trailing casts (`'[]'::jsonb`, `'x'::character varying`, `'{}'::text[]`). */
function stripCasts(text: string): string {
  return text.replace(/(::\s*"?[a-z_][a-z0-9_ ."]*"?(\(\d+(,\s*\d+)?\))?(\[\])*)+$/i, '').trim();
}

/** A default as comparable text, or `undefined` for "no default". */
export function normalizeDefault(value: ColumnSpec['default']): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return String(value);
  let s = stripCasts(stripParens(value.trim()));
  s = stripParens(s);
  if (/^null$/i.test(s)) return undefined;
  // A quoted number ('1.5000') and a bare one (1.5000) are the same default for numeric columns.
  const quotedNumber = /^'(-?\d+(\.\d+)?)'$/.exec(s);
  if (quotedNumber) s = quotedNumber[1];
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s));
  const lower = s.toLowerCase();
  if (NOW_SPELLINGS.has(lower)) return 'now()';
  if (/^current_timestamp\(\d?\)$/.test(lower) || /^now\(\)$/.test(lower)) return 'now()';
  if (UUID_FUNCTIONS.has(lower)) return 'uuid()';
  // TRUE and FALSE are 1 and 0 where booleans are integers (SQLite, MySQL's tinyint(1)); PostgreSQL
  // refuses an integer default on a boolean column, so there the two never meet.
  if (lower === 'true' || lower === 'false') return lower === 'true' ? '1' : '0';
  // Function calls and keywords are case-insensitive; string literals and quoted names are not.
  return lowerOutsideQuotes(s);
}

/** `COALESCE('A', "Name")` → `coalesce('A', "Name")`. */
export function lowerOutsideQuotes(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else {
      if (ch === "'" || ch === '"') quote = ch;
      out += ch.toLowerCase();
    }
  }
  return out;
}

/** The properties that decide whether two column definitions differ, in a canonical form. */
export interface ColumnShape {
  type: string;
  length: string;
  precision?: number;
  scale?: number;
  isArray: boolean;
  isNullable: boolean;
  isPrimary: boolean;
  isUnique: boolean;
  default?: string;
  generated?: string;
  comment: string;
  enum: string;
  enumName?: string;
  charset?: string;
  collation?: string;
  onUpdate?: string;
  asExpression?: string;
  generatedType?: string;
  unsigned: boolean;
}

export function columnShape(spec: ColumnSpec): ColumnShape {
  let def = normalizeDefault(spec.default);
  let generated: string | undefined;
  if (spec.isGenerated) {
    if (spec.generationStrategy === 'uuid') {
      // "Generated uuid" and "default uuid_generate_v4()" are the same column in the database.
      def = 'uuid()';
    } else {
      generated = keyGeneration(spec) ?? spec.generationStrategy;
    }
  }
  return {
    type: spec.type.toLowerCase(),
    length: spec.length === undefined ? '' : String(spec.length),
    precision: spec.precision ?? undefined,
    scale: spec.scale,
    isArray: spec.isArray ?? false,
    isNullable: spec.isNullable ?? false,
    isPrimary: spec.isPrimary ?? false,
    isUnique: spec.isUnique ?? false,
    default: def,
    generated,
    comment: spec.comment ?? '',
    enum: (spec.enum ?? []).join('\u0000'),
    enumName: spec.enumName,
    charset: spec.charset,
    collation: spec.collation,
    onUpdate: spec.onUpdate,
    asExpression: spec.asExpression,
    generatedType: spec.generatedType,
    unsigned: spec.unsigned ?? false,
  };
}

/** Names of the {@link ColumnShape} properties that differ. */
export function shapeDifferences(a: ColumnSpec, b: ColumnSpec): (keyof ColumnShape)[] {
  const sa = columnShape(a);
  const sb = columnShape(b);
  return (Object.keys(sa) as (keyof ColumnShape)[]).filter((k) => sa[k] !== sb[k]);
}

/** The {@link ColumnShape} properties that make a column another type. */
const TYPE_PROPERTIES: readonly (keyof ColumnShape)[] = ['type', 'length', 'precision', 'scale', 'isArray', 'enum', 'enumName'];

/**
 * Whether `b` is of another type than `a`. A default is then written for the new type, so a
 * spelling that compares equal (`true` and `1`) is still a change to make.
 */
export function changesType(a: ColumnSpec, b: ColumnSpec): boolean {
  return shapeDifferences(a, b).some((k) => TYPE_PROPERTIES.includes(k));
}

export function sameColumn(a: ColumnSpec, b: ColumnSpec): boolean {
  return shapeDifferences(a, b).length === 0;
}
