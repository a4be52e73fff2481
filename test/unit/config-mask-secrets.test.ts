/**
 * Config: one maskSecrets (src/config/mask-url.ts) for the CLI's error lines and the loader's
 * driver messages, so no password reaches the terminal. It masks what either of the two former
 * copies masked. No database.
 */
import { describeTarget, maskSecrets, maskUrl, urlPasswords } from '../../src/config/mask-url';

test('a URL password is masked wherever the URL stands in the text', () => {
  expect(maskSecrets('connect to postgres://app:s3cret@db:5432/shop failed')).toBe('connect to postgres://app:***@db:5432/shop failed');
  expect(maskSecrets(`url "mysql://root:pw@localhost/test" refused`)).toBe(`url "mysql://root:***@localhost/test" refused`);
  expect(maskSecrets('two: postgres://a:x@h/1 and postgres://b:y@h/2')).toBe('two: postgres://a:***@h/1 and postgres://b:***@h/2');
});

test('a password with an unencoded / or quote is masked too (the loader\'s copy let those through)', () => {
  expect(maskSecrets('postgres://app:pa/ss@db/shop')).toBe('postgres://app:***@db/shop');
  expect(maskSecrets(`postgres://app:pa"ss@db/shop`)).toBe('postgres://app:***@db/shop');
});

test('a URL without a password, and host:port, are left alone', () => {
  expect(maskSecrets('postgres://app@db:5432/shop')).toBe('postgres://app@db:5432/shop');
  expect(maskSecrets('postgres://db:5432/shop')).toBe('postgres://db:5432/shop');
  expect(maskSecrets('sqlite:./blog.sqlite')).toBe('sqlite:./blog.sqlite');
});

test('given secrets are masked wherever they occur; empty ones are ignored', () => {
  expect(maskSecrets('password authentication failed (hunter2)', ['hunter2', undefined, ''])).toBe('password authentication failed (***)');
});

describe('an unencoded @ in a URL password (drivers split user info at the last @)', () => {
  const url = 'postgres://app:p@ss@Tail@db:5432/shop';

  test('maskUrl and describeTarget mask up to the last @', () => {
    expect(maskUrl(url)).toBe('postgres://app:***@db:5432/shop');
    expect(describeTarget({ type: 'postgres', url })).toBe('postgres://app:***@db:5432/shop');
    expect(maskUrl('mysql://root:a@b/c@host/db')).toBe('mysql://root:***@host/db');
  });

  test('maskSecrets masks up to the last @ of each URL in a text, and each URL on its own', () => {
    expect(maskSecrets(`cannot connect to ${url}: refused`)).toBe('cannot connect to postgres://app:***@db:5432/shop: refused');
    expect(maskSecrets(`"${url}" and postgres://b:y@h/2`)).toBe('"postgres://app:***@db:5432/shop" and postgres://b:***@h/2');
  });

  test('urlPasswords gives the password the driver uses, as written and decoded', () => {
    expect(urlPasswords(url)).toContain('p@ss@Tail');
    expect(urlPasswords('postgres://app:p%40ss@db/shop')).toEqual(expect.arrayContaining(['p%40ss', 'p@ss']));
    expect(urlPasswords('postgres://app@db/shop')).toEqual([]);
    expect(urlPasswords(undefined)).toEqual([]);
  });
});
