/**
 * Whether two exclusion constraints are the same once PostgreSQL stored them. It rewrites what it
 * is given (`USING btree ("code" WITH =)` reads back as `USING btree (code WITH =)`, a `WHERE`
 * gains parentheses and casts), so both go through it: each is added to an empty copy of the
 * table and read back with `pg_get_constraintdef`, its DEFERRABLE clause included.
 */
import type { QueryRunner } from 'typeorm';
import type { ExclusionSpec } from '../../ops/types';
import { onScratchCopy } from './scratch-copy';

/** The stored definition, or undefined when the copy refuses it (it names a column the table lacks). */
async function storedDefinition(queryRunner: QueryRunner, table: string, exclusion: ExclusionSpec): Promise<string | undefined> {
  const deferrable = exclusion.deferrable ? ` DEFERRABLE ${exclusion.deferrable}` : '';
  try {
    return await onScratchCopy(queryRunner, table, async (copy) => {
      await queryRunner.query(`ALTER TABLE ${copy} ADD CONSTRAINT "entity_migrate_exclusion" EXCLUDE ${exclusion.expression}${deferrable}`);
      const rows = (await queryRunner.query(
        `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'entity_migrate_exclusion' AND conrelid = '${copy}'::regclass`,
      )) as { definition: string }[];
      return rows[0]?.definition;
    });
  } catch {
    return undefined;
  }
}

export async function sameExclusion(queryRunner: QueryRunner, table: string, a: ExclusionSpec, b: ExclusionSpec): Promise<boolean> {
  const stored = await storedDefinition(queryRunner, table, a);
  return stored !== undefined && stored === (await storedDefinition(queryRunner, table, b));
}
