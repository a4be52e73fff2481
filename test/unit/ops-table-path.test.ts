/**
 * Ops: the one schema-qualified-name splitter (src/ops/table-path.ts), TypeORM's rule: schema
 * before the first dot. No database.
 */
import { bareTableName, renamedTablePath, splitTableName } from '../../src/ops/table-path';

test('a bare name has no schema; a qualified one splits at the dot', () => {
  expect(splitTableName('event')).toEqual({ name: 'event' });
  expect(splitTableName('audit.event')).toEqual({ schema: 'audit', name: 'event' });
  expect(bareTableName('audit.event')).toBe('event');
  expect(bareTableName('event')).toBe('event');
});

test('a dotted table name stays whole under its schema, as TypeORM\'s buildTableName wrote it', () => {
  expect(splitTableName('audit.a.b')).toEqual({ schema: 'audit', name: 'a.b' });
  expect(renamedTablePath('audit.a.b', 'c')).toBe('audit.c');
});

test('a renamed table stays in its schema', () => {
  expect(renamedTablePath('audit.event', 'log')).toBe('audit.log');
  expect(renamedTablePath('event', 'log')).toBe('log');
});
