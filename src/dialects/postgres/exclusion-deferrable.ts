/**
 * TypeORM's PostgreSQL introspection reads an exclusion constraint as `pg_get_constraintdef`
 * without its leading `EXCLUDE`, and never fills `deferrable`: a DEFERRABLE constraint comes back
 * with ` DEFERRABLE` (and ` INITIALLY DEFERRED`) at the end of its expression. A drop op carrying
 * that would show the clause as expression text and compare unlike the entity's
 * `{ expression, deferrable }`; here the clause moves back into `deferrable`.
 *
 * TypeORM 0.3's TableExclusion has no `deferrable` (its `clone()`, which the recorded builder calls
 * go through, would lose it): there the clause stays in the expression, which 0.3 writes back
 * after EXCLUDE as it is, so the constraint still round-trips.
 */
import type { Table } from 'typeorm';

/** What PostgreSQL appends, always last, to a deferrable constraint's definition. */
const DEFERRABLE_CLAUSE = /\s+DEFERRABLE(\s+INITIALLY DEFERRED)?\s*$/;

/** Splits the DEFERRABLE clause off the tables' exclusion expressions, in place. */
export function fixExclusionDeferrable(tables: readonly Table[]): void {
  for (const table of tables) {
    for (const exclusion of table.exclusions) {
      const match = DEFERRABLE_CLAUSE.exec(exclusion.expression ?? '');
      if (!match || !('deferrable' in exclusion) || exclusion.deferrable) continue;
      exclusion.expression = exclusion.expression!.slice(0, match.index);
      exclusion.deferrable = match[1] ? 'INITIALLY DEFERRED' : 'INITIALLY IMMEDIATE';
    }
  }
}
