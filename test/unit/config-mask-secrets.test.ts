/**
 * Config: one maskSecrets (src/config/mask-url.ts) for the CLI's error lines and the loader's
 * driver messages, so no password reaches the terminal. It masks what either of the two former
 * copies masked. No database.
 */
import { maskSecrets } from '../../src/config/mask-url';

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
