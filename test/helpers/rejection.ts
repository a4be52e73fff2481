import type { EntityMigrateError } from '../../src/errors';

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<EntityMigrateError> {
  try {
    await promise;
  } catch (error) {
    return error as EntityMigrateError;
  }
  throw new Error('expected a rejection');
}
