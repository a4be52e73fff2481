/**
 * Autogenerate's passes, in the order they run. Each fixes one way in which TypeORM's diff (the
 * schema builder's calls, as ops, plus the tables no entity describes) is wrong or unsafe to run.
 * The order matters where a comment says why.
 */
import { exclusionChangesPass } from './exclusion-changes';
import { falseDiffsPass } from './false-diffs';
import { generatedExpressionsPass } from './generated-expressions';
import { includeExcludePass } from './include-exclude';
import { indexPredicatesPass } from './index-predicates';
import { mergeColumnAltersPass } from './merge-column-alters';
import { namedChecksPass } from './named-checks';
import { newSchemasPass } from './new-schemas';
import { newTableIndexesPass } from './new-table-indexes';
import { onlinePass } from './online';
import { orderingPass } from './ordering';
import type { Pass } from './pass';
import { renamesPass } from './renames';
import { safeAlterPass } from './safe-alter';
import { sameDefinitionNamesPass } from './same-definition-names';
import { storedDefaultsPass } from './stored-defaults';
import { unbuildableIndexesPass } from './unbuildable-indexes';
import { uuidDefaultsPass } from './uuid-defaults';

export const PASSES: readonly Pass[] = [
  // First: the passes after it see one alter per column.
  mergeColumnAltersPass,
  // Before false-diffs: a restored default is compared like any other.
  uuidDefaultsPass,
  // Before false-diffs, which drops the alters this one leaves without a change.
  storedDefaultsPass,
  falseDiffsPass,
  // After the column alters are merged, before safe-alter turns an expression change into drop + add.
  generatedExpressionsPass,
  // After false-diffs: the column alters left are real, and keep the constraints on their columns
  // recreated; the builder's same-name recreates are settled there. Before the same-name passes:
  // their drop + create of one name must not be paired with other ops here.
  sameDefinitionNamesPass,
  indexPredicatesPass,
  exclusionChangesPass,
  namedChecksPass,
  // Before renames: a table left out is neither half of a rename.
  includeExcludePass,
  renamesPass,
  // After renames: a rename's follow-up alter is checked like any other.
  safeAlterPass,
  orderingPass,
  // Last: they add to, or rewrite, the ordered list's creates.
  newTableIndexesPass,
  // After new-table-indexes: a concurrent index it leaves is on a table that exists.
  onlinePass,
  newSchemasPass,
  // On the final ops: refuses the revision rather than changing it.
  unbuildableIndexesPass,
];

export type { Pass, PassContext, PassState } from './pass';
