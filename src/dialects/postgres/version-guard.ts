/**
 * PostgreSQL: the check that a revision left the version table holding exactly the heads it moved
 * to, as a statement of the revision's closing query instead of a read-back of its own. The move,
 * this check, the history row, COMMIT and the next BEGIN then travel in one round trip; when the
 * table holds anything else, the statement raises and PostgreSQL skips the COMMIT after it, so the
 * transaction is rolled back as with the read-back (see VersionStore.move).
 */
import { driverFailures } from '../driver-error';
import type { VersionGuard } from '../dialect';

/** Our own SQLSTATE (class "EM" is not PostgreSQL's), so the failure cannot be mistaken for another. */
const VERSION_TABLE_CHANGED = 'EMV01';
const FOUND_PREFIX = 'entity-migrate version table holds: ';

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export const postgresVersionGuard: VersionGuard = {
  statement(quotedTable, expected) {
    // COLLATE "C" sorts ids by code unit, as the JavaScript sort of `expected` does.
    const held = `(SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num COLLATE "C"), '') FROM ${quotedTable})`;
    const wanted = literal([...expected].sort().join(','));
    return (
      `DO $entity_migrate$ BEGIN IF ${held} <> ${wanted} THEN ` +
      `RAISE EXCEPTION USING ERRCODE = '${VERSION_TABLE_CHANGED}', MESSAGE = ${literal(FOUND_PREFIX)} || ${held}; ` +
      `END IF; END $entity_migrate$`
    );
  },

  found(error) {
    const failure = driverFailures(error).find((f) => f.code === VERSION_TABLE_CHANGED);
    if (!failure) return undefined;
    const held = failure.message.slice(failure.message.indexOf(FOUND_PREFIX) + FOUND_PREFIX.length);
    return held === '' ? [] : held.split(',');
  },
};
