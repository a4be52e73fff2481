/**
 * Which PostgreSQL column defaults TypeORM reads back exactly (a literal with casts after it, or
 * no cast at all) and which it breaks by cutting casts out of the middle. No database.
 */
import { readsExactly } from '../../src/dialects/postgres/default-expressions';

test.each(["'draft'::character varying", "'{}'::text[]", `'{a,"b c"}'::text[]`, "'it''s'::text", 'now()', '0', "'-1'::integer", 'CURRENT_TIMESTAMP'])(
  '%s is read exactly',
  (stored) => expect(readsExactly(stored)).toBe(true),
);

test.each(["ARRAY['a'::text]", 'ARRAY[]::integer[]', 'md5((random())::text)', "(now() + '1 day'::interval)", "nextval('seq'::regclass)"])(
  '%s is not',
  (stored) => expect(readsExactly(stored)).toBe(false),
);
