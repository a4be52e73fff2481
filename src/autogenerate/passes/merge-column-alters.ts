/**
 * Several descriptions can share one table: a many-to-many junction table and an entity written
 * for it, or two entities with the same table name. Where they disagree on a column (`bigint` in
 * one, `integer` in the other; `jsonb` and `simple-json`), TypeORM's schema builder changes the
 * column once per description, each change undoing the one before, so one diff alters the column
 * twice and `check` never settles.
 *
 * Here the alters of one column become one net alter, from the column as it is to the column as
 * the last alter leaves it (TypeORM's entity order decides which description that is), and none
 * when that is where it started. A table created earlier in the same diff is created with the net
 * column instead of being altered right after.
 */
import type { ColumnSpec, Op, OpOf, TableSpec } from '../../ops/types';
import { applyChanges, columnChanges } from '../column-changes';
import { replaceOps, type Pass, type PassState } from './pass';

type AlterColumn = OpOf<'alterColumn'>;

/** Changes a createTable can take in its column list; keys, generation and the rest stay altered. */
const FOLDABLE = new Set<keyof ColumnSpec>([
  'type', 'length', 'width', 'precision', 'scale', 'isArray', 'isNullable', 'default', 'onUpdate', 'comment',
  'charset', 'collation', 'enum', 'enumName', 'unsigned', 'zerofill',
]);

const columnKey = (table: string, column: string) => `${table}\u0000${column}`;

interface Chain {
  first: AlterColumn;
  existing: ColumnSpec;
  final: ColumnSpec;
  count: number;
}

/** Each altered column's alters, in order: where it starts and where the last one leaves it. */
function alterChains(ops: readonly Op[]): Map<string, Chain> {
  const chains = new Map<string, Chain>();
  for (const op of ops) {
    if (op.kind !== 'alterColumn' || !op.existing) continue;
    const key = columnKey(op.table, op.column);
    const chain = chains.get(key);
    const final = applyChanges(op.existing, op.changes);
    if (chain) {
      chain.final = final;
      chain.count++;
    } else {
      chains.set(key, { first: op, existing: op.existing, final, count: 1 });
    }
  }
  return chains;
}

function foldable(chain: Chain): boolean {
  return (Object.keys(columnChanges(chain.existing, chain.final)) as (keyof ColumnSpec)[]).every((k) => FOLDABLE.has(k));
}

export function mergeColumnAlters(state: PassState): PassState {
  const chains = alterChains(state.ops);
  // Columns of tables this diff creates, as the createTable op wrote them.
  const created = new Set(
    state.ops.flatMap((op) => (op.kind === 'createTable' ? op.table.columns.map((c) => columnKey(op.table.name, c.name)) : [])),
  );
  const folded = new Set([...chains].filter(([key, chain]) => created.has(key) && foldable(chain)).map(([key]) => key));
  if (folded.size === 0 && [...chains.values()].every((c) => c.count === 1)) return state;

  return replaceOps(state, (op): Op | Op[] => {
    if (op.kind === 'createTable') {
      const table: TableSpec = op.table;
      if (!table.columns.some((c) => folded.has(columnKey(table.name, c.name)))) return op;
      const columns = table.columns.map((c) => {
        const chain = folded.has(columnKey(table.name, c.name)) ? chains.get(columnKey(table.name, c.name)) : undefined;
        return chain ? applyChanges(c, columnChanges(chain.existing, chain.final)) : c;
      });
      return { ...op, table: { ...table, columns } };
    }
    if (op.kind !== 'alterColumn' || !op.existing) return op;
    const key = columnKey(op.table, op.column);
    const chain = chains.get(key)!;
    if (folded.has(key)) return [];
    if (chain.count === 1) return op;
    if (op !== chain.first) return [];
    const changes = columnChanges(chain.existing, chain.final);
    return Object.keys(changes).length === 0 ? [] : { ...op, existing: chain.existing, changes };
  });
}

export const mergeColumnAltersPass: Pass = { name: 'merge-column-alters', run: mergeColumnAlters };
