/**
 * Autogenerate's passes, in the order they run. Each fixes one way in which TypeORM's diff (the
 * schema builder's calls, as ops, plus the tables no entity describes) is wrong or unsafe to run.
 * The order matters where a comment says why.
 */
import { exclusionChangesPass } from './exclusion-changes';
import { falseDiffsPass } from './false-diffs';
import { includeExcludePass } from './include-exclude';
import { indexPredicatesPass } from './index-predicates';
import { newSchemasPass } from './new-schemas';
import { newTableIndexesPass } from './new-table-indexes';
import { orderingPass } from './ordering';
import type { Pass } from './pass';
import { renamesPass } from './renames';
import { safeAlterPass } from './safe-alter';
import { uuidDefaultsPass } from './uuid-defaults';

export const PASSES: readonly Pass[] = [
  // Before false-diffs: a restored default is compared like any other.
  uuidDefaultsPass,
  falseDiffsPass,
  indexPredicatesPass,
  exclusionChangesPass,
  // Before renames: a table left out is neither half of a rename.
  includeExcludePass,
  renamesPass,
  // After renames: a rename's follow-up alter is checked like any other.
  safeAlterPass,
  orderingPass,
  // Last: they add to, or rewrite, the ordered list's creates.
  newTableIndexesPass,
  newSchemasPass,
];

export type { Pass, PassContext, PassState } from './pass';
