/**
 * Reading check constraints back as the database stores them, where TypeORM's regular expressions
 * go wrong: SQLite's CREATE TABLE text (cut at the first `),`, blind to line breaks) and
 * PostgreSQL's `CHECK (…)` definitions that span lines. No database.
 */
import { checkDefinitionExpression } from '../../src/dialects/postgres/check-expressions';
import { closingParenthesis } from '../../src/dialects/sql-text';
import { namedChecks } from '../../src/dialects/sqlite/loaded-checks';

describe('closingParenthesis', () => {
  test('skips parentheses in quoted text and comments', () => {
    const text = `(a = ')' AND "x)" <> 1 /* ) */ -- )\n OR f(b, c))`;
    expect(closingParenthesis(text, 0)).toBe(text.length - 1);
  });

  test('a doubled quote stays inside the string', () => {
    expect(closingParenthesis(`(a <> 'it''s )') + 1`, 0)).toBe(15);
  });

  test('SQLite [names] only when asked', () => {
    expect(closingParenthesis('([a)] > 0)', 0, true)).toBe(9);
    expect(closingParenthesis('(tags[1] > 0)', 0)).toBe(12);
  });

  test('-1 when it never closes', () => {
    expect(closingParenthesis('(a > (b)', 0)).toBe(-1);
  });
});

describe('SQLite: namedChecks', () => {
  const sql = [
    'CREATE TABLE "product" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL,',
    ` CONSTRAINT "CHK_nested" CHECK (coalesce(nullif("name", ''), 'x') <> 'y'),`,
    ` CONSTRAINT "CHK_multi" CHECK (\n  "id" > 0\n  AND "id" <> 5\n),`,
    ` CONSTRAINT "CHK_text" CHECK ("name" <> 'CONSTRAINT "fake" CHECK (1)'),`,
    ` CONSTRAINT "it""s" CHECK ("id" != 2))`,
  ].join('');

  test('reads every named check whole, as written between CHECK ( and )', () => {
    expect(namedChecks(sql)).toEqual([
      { name: 'CHK_nested', expression: `coalesce(nullif("name", ''), 'x') <> 'y'` },
      { name: 'CHK_multi', expression: '\n  "id" > 0\n  AND "id" <> 5\n' },
      { name: 'CHK_text', expression: `"name" <> 'CONSTRAINT "fake" CHECK (1)'` },
      { name: 'it"s', expression: '"id" != 2' },
    ]);
  });

  test('an unnamed column check (simple-enum) is not a named check', () => {
    expect(namedChecks(`CREATE TABLE "t" ("kind" varchar CHECK( "kind" IN ('a','b') ) NOT NULL)`)).toEqual([]);
  });
});

describe('PostgreSQL: checkDefinitionExpression', () => {
  test('takes off CHECK ( … ) like TypeORM does for one line', () => {
    expect(checkDefinitionExpression('CHECK ((price <> (0)::numeric))')).toBe('(price <> (0)::numeric)');
  });

  test('also when the definition spans lines', () => {
    expect(checkDefinitionExpression("CHECK (((name)::text <> 'two\nlines'::text))")).toBe("((name)::text <> 'two\nlines'::text)");
  });

  test('a flag after the expression goes; an expression without CHECK stays', () => {
    expect(checkDefinitionExpression('CHECK ((a > 0)) NOT VALID')).toBe('(a > 0)');
    expect(checkDefinitionExpression('(a > 0)')).toBe('(a > 0)');
  });
});
