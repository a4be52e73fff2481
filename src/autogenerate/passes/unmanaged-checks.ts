/**
 * Check constraints where TypeORM's schema builder skips them (MySQL/MariaDB: "MySql does not
 * support check constraints", though both servers enforce them). An entity's `@Check`s were never
 * created there, and a changed or removed one never noticed. Here the entities' checks are
 * compared with the live ones (the dialect's `unmanagedChecks`) by name: a missing one is created,
 * one no entity declares is dropped (with its definition, for the downgrade), and one whose
 * expression changed is dropped and created again, expressions compared as the server stores them.
 * A live check that says what a declared one says under another name stands for it.
 * Checks of tables this diff creates travel in their createTable, and those of a table it drops in
 * its dropTable (TypeORM's loaded table has none), so the downgrade creates them again.
 */
import type { CheckSpec, Op } from '../../ops/types';
import { findTable, withLiveTables } from './live-tables';
import { checksDiffer } from './named-checks';
import { replaceOps, type Pass, type PassContext, type PassState } from './pass';

export async function unmanagedChecks(state: PassState, ctx: PassContext): Promise<PassState> {
  const read = ctx.dialect.introspection.unmanagedChecks?.bind(ctx.dialect.introspection);
  if (!read) return state;
  const entities = ctx.dataSource.entityMetadatas.filter((m) => m.synchronize && m.tableType !== 'view' && m.tableType !== 'entity-child');
  const dropped = state.ops.flatMap((op) => (op.kind === 'dropTable' && typeof op.table !== 'string' ? [op.table.name] : []));
  if (entities.length === 0 && dropped.length === 0) return state;
  return withLiveTables(ctx, [...entities.map((m) => m.tablePath), ...dropped], async (queryRunner, tables) => {
    const live = await read(queryRunner, tables);
    // A dropped table's checks go into its definition, so that the downgrade creates them again.
    const base = replaceOps(state, (op) => {
      if (op.kind !== 'dropTable' || typeof op.table === 'string') return op;
      const loaded = findTable(tables, op.table.name);
      const checks = loaded && live.get(loaded.name);
      return checks?.length ? { ...op, table: { ...op.table, checks } } : op;
    });
    // Drops first, creates last, as the builder orders its own constraints.
    const drops: Op[] = [];
    const creates: Op[] = [];
    for (const metadata of entities) {
      const table = findTable(tables, metadata.tablePath);
      if (!table) continue;
      const existing = live.get(table.name) ?? [];
      const declared = metadata.checks.map((check) => ({ name: check.name, expression: check.expression }));
      const same = (live: CheckSpec, wanted: CheckSpec) => checksDiffer(queryRunner, ctx, metadata.tablePath, live.expression, wanted.expression).then((differ) => !differ);
      const undeclared = existing.filter((check) => !declared.some((wanted) => wanted.name === check.name));
      for (const wanted of declared) {
        const found = existing.find((check) => check.name === wanted.name);
        if (found && (await same(found, wanted))) continue;
        // Under another name (a reworded unnamed check hashes anew, a hand-made one has its own):
        // no change unless names count (see same-definition-names.ts).
        const renamed = found || ctx.strictNames ? undefined : await findAsync(undeclared, (check) => same(check, wanted));
        if (renamed) {
          undeclared.splice(undeclared.indexOf(renamed), 1);
          continue;
        }
        if (found) drops.push({ kind: 'dropCheck', table: metadata.tablePath, check: found });
        creates.push({ kind: 'createCheck', table: metadata.tablePath, check: wanted });
      }
      for (const check of undeclared) drops.push({ kind: 'dropCheck', table: metadata.tablePath, check });
    }
    return drops.length + creates.length === 0 ? base : { ...base, ops: [...drops, ...base.ops, ...creates] };
  });
}

async function findAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<T | undefined> {
  for (const item of items) if (await test(item)) return item;
  return undefined;
}

export const unmanagedChecksPass: Pass = { name: 'unmanaged-checks', run: unmanagedChecks };
