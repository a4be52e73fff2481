/**
 * Autogenerate's comparison of column defaults: spellings that must compare equal (and ones that
 * must not), a generated uuid column against a uuid function default, and which spelling-only
 * changes the false-diffs pass drops from an alter. No database.
 */
import { lowerOutsideQuotes, normalizeDefault, sameColumn } from '../../src/autogenerate/normalize';
import { filterFalseDiffs } from '../../src/autogenerate/passes/false-diffs';
import { parseRenameHint } from '../../src/autogenerate/passes/renames';
import type { Op } from '../../src/ops/types';

test.each([
  ['now()', 'CURRENT_TIMESTAMP'],
  ['NOW()', 'now()'],
  ["'[]'::jsonb", "'[]'"],
  ["'1.5000'", '1.5'],
  ['(0)', '0'],
  ["NULL::character varying", undefined],
  ['uuid_generate_v4()', 'gen_random_uuid()'],
  ["'{}'::text[]", "'{}'"],
  ['LOCALTIMESTAMP', 'localtimestamp'],
  ['GEN_RANDOM_UUID()', 'gen_random_uuid()'],
  ["COALESCE(NULL, 'A')", "coalesce(null, 'A')"],
  ["timezone('utc', NOW())", "TIMEZONE('utc', now())"],
  // Booleans that are integers (SQLite, MySQL's tinyint(1)).
  ['TRUE', '1'],
  ['false', '0'],
])('%s ≡ %s', (a, b) => {
  expect(normalizeDefault(a)).toBe(normalizeDefault(b));
});

test.each([
  ["'a'", "'A'"],
  ['1', '2'],
  ["'now()'", 'now()'.toUpperCase() + 'x'],
  // Case matters inside string literals and quoted names, wherever they are.
  ["COALESCE(NULL, 'A')", "coalesce(null, 'a')"],
  ['"MyFunc"()', '"myfunc"()'],
  // A quoted 'true' is text on SQLite, not the boolean.
  ["'true'", '1'],
])('%s ≢ %s', (a, b) => {
  expect(normalizeDefault(a)).not.toBe(normalizeDefault(b));
});

test('a generated uuid column equals one with a uuid function default', () => {
  expect(
    sameColumn(
      { name: 'id', type: 'uuid', isGenerated: true, generationStrategy: 'uuid', isNullable: false },
      { name: 'id', type: 'uuid', default: 'uuid_generate_v4()', isNullable: false },
    ),
  ).toBe(true);
});

test('--rename FROM:TO is parsed, and refused without the colon', () => {
  expect(parseRenameHint('user.name:full_name')).toEqual({ from: 'user.name', to: 'full_name' });
  expect(() => parseRenameHint('nocolon')).toThrow(/FROM:TO/);
});

test('lowerOutsideQuotes leaves string literals and quoted names as written', () => {
  expect(lowerOutsideQuotes(`CONCAT('It''S', "Col", X)`)).toBe(`concat('It''S', "Col", x)`);
});

test('a default that only changes spelling is dropped from an alter, unless the column changes type', () => {
  const existing = { name: 'c', type: 'boolean', default: 'true', isNullable: false };
  const alter = (changes: object): Op => ({ kind: 'alterColumn', table: 't', column: 'c', changes, existing });
  // `true` and `1` compare equal (integer booleans), but an integer column needs `1` written.
  expect(filterFalseDiffs({ ops: [alter({ type: 'integer', default: '1' })], destructive: [] }).ops).toEqual([alter({ type: 'integer', default: '1' })]);
  expect(filterFalseDiffs({ ops: [alter({ default: 'TRUE', isNullable: true })], destructive: [] }).ops).toEqual([alter({ isNullable: true })]);
});
