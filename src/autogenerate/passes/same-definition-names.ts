/**
 * A constraint or index whose name alone differs is no change. A database built by hand or by
 * another tool names its constraints its own way (`team_pkey`, `team_name_key`, `idx_team_name`,
 * `fk_member_team`), where TypeORM's naming strategy says `PK_…`, `UQ_…`, `IDX_…`, `FK_…`, `CHK_…`.
 * TypeORM's schema builder matches indices, uniques, foreign keys and checks by name, so each such
 * one comes out as a drop of the live one + a create of the same definition under TypeORM's name;
 * and MySQL's unique index on one column, dropped, as an `isUnique` alter of that column. Here a
 * drop and a create of the same table that say the same thing are both removed (the alter loses
 * its `isUnique`), unless the config asks for `strictNames`; names that differ only in case or
 * quoting are the same name even then.
 *
 * Compared as the database stores each kind: an index by its columns in order, uniqueness,
 * predicate (the dialect's stored form), method, spatial/fulltext and parser; a unique by its
 * columns and deferrability; a foreign key by its column pairs, referenced table, actions
 * (RESTRICT = NO ACTION where the dialect says so) and deferrability; a check by its expression
 * (the dialect's `sameCheck`); a primary key by its columns.
 *
 * A pair whose columns are altered, renamed, added or dropped by another op stays: TypeORM
 * recreates the constraints around such a change, and keeping the pair keeps that safe.
 */
import type { QueryRunner } from 'typeorm';
import { splitTableName } from '../../ops/table-path';
import type { ForeignKeySpec, IndexSpec, Op, OpOf, ReferentialAction, UniqueSpec } from '../../ops/types';
import { predicatesDiffer } from './index-predicates';
import { changedColumns, involvedColumns } from './constraint-columns';
import { checksDiffer } from './named-checks';
import { carryFindings, type Pass, type PassContext, type PassState } from './pass';

type Drop = OpOf<'dropIndex' | 'dropUnique' | 'dropForeignKey' | 'dropCheck' | 'dropPrimaryKey'>;
type Create = OpOf<'createIndex' | 'createUnique' | 'createForeignKey' | 'createCheck' | 'createPrimaryKey'>;

const CREATE_OF: Record<Drop['kind'], Create['kind']> = {
  dropIndex: 'createIndex',
  dropUnique: 'createUnique',
  dropForeignKey: 'createForeignKey',
  dropCheck: 'createCheck',
  dropPrimaryKey: 'createPrimaryKey',
};

const isDrop = (op: Op): op is Drop => op.kind in CREATE_OF;

/** `"IDX_a"`, `` `idx_a` `` and `idx_a` are one name: the database folded or kept the case of the same word. */
const sameName = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && foldName(a) === foldName(b);
const foldName = (name: string) => name.replace(/^["`[]|["`\]]$/g, '').toLowerCase();

function nameOf(op: Drop | Create): string | undefined {
  switch (op.kind) {
    case 'dropIndex':
    case 'createIndex':
      return typeof op.index === 'string' ? op.index : op.index.name;
    case 'dropUnique':
    case 'createUnique':
      return typeof op.unique === 'string' ? op.unique : op.unique.name;
    case 'dropForeignKey':
    case 'createForeignKey':
      return typeof op.foreignKey === 'string' ? op.foreignKey : op.foreignKey.name;
    case 'dropCheck':
    case 'createCheck':
      return typeof op.check === 'string' ? op.check : op.check.name;
    case 'dropPrimaryKey':
    case 'createPrimaryKey':
      return op.name;
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const deferral = (value: string | undefined) => (value ?? '').trim().toUpperCase();

/** Everything an index is but its name and predicate (compared apart: the database may rewrite it). */
const indexShape = (i: IndexSpec) =>
  JSON.stringify([i.columnNames, !!i.isUnique, !!i.isSpatial, !!i.isFulltext, !!i.isNullFiltered, i.parser ?? '', i.type ?? '']);

const uniqueShape = (u: UniqueSpec) => JSON.stringify([[...u.columnNames].sort(), deferral(u.deferrable)]);

function foreignKeyShape(fk: ForeignKeySpec, ctx: PassContext): string {
  const action = (a: ReferentialAction | undefined) => (a === undefined || (a === 'RESTRICT' && ctx.dialect.capabilities.restrictIsNoAction) ? 'NO ACTION' : a);
  const { schema, name } = splitTableName(fk.referencedTableName);
  const pairs = fk.columnNames.map((c, i) => `${c}\u0000${fk.referencedColumnNames[i] ?? ''}`).sort();
  return JSON.stringify([pairs, schema ?? fk.referencedSchema ?? ctx.scope.defaultSchema ?? '', name, action(fk.onDelete), action(fk.onUpdate), deferral(fk.deferrable)]);
}

/** Whether `drop` and `create` (of the matching kinds, on one table) define the same thing. */
async function sameDefinition(drop: Drop, create: Create, ctx: PassContext, queryRunner: () => QueryRunner): Promise<boolean> {
  if (drop.kind === 'dropPrimaryKey' && create.kind === 'createPrimaryKey') return sameList(drop.columnNames, create.columnNames);
  if (drop.kind === 'dropIndex' && create.kind === 'createIndex' && typeof drop.index !== 'string') {
    return indexShape(drop.index) === indexShape(create.index) && !(await predicatesDiffer(queryRunner(), ctx, drop.table, drop.index, create.index));
  }
  if (drop.kind === 'dropUnique' && create.kind === 'createUnique' && typeof drop.unique !== 'string') return uniqueShape(drop.unique) === uniqueShape(create.unique);
  if (drop.kind === 'dropForeignKey' && create.kind === 'createForeignKey' && typeof drop.foreignKey !== 'string') {
    return foreignKeyShape(drop.foreignKey, ctx) === foreignKeyShape(create.foreignKey, ctx);
  }
  if (drop.kind === 'dropCheck' && create.kind === 'createCheck' && typeof drop.check !== 'string') {
    return !(await checksDiffer(queryRunner(), ctx, drop.table, drop.check.expression, create.check.expression));
  }
  return false;
}

/** The one column a dropped unique (constraint, or unique plain index) covers; undefined otherwise. */
function soleUniqueColumn(drop: Drop): string | undefined {
  if (drop.kind === 'dropUnique' && typeof drop.unique !== 'string' && drop.unique.columnNames.length === 1 && !drop.unique.deferrable) {
    return drop.unique.columnNames[0];
  }
  if (drop.kind !== 'dropIndex' || typeof drop.index === 'string') return undefined;
  const { columnNames, isUnique, where, isSpatial, isFulltext, type } = drop.index;
  return columnNames.length === 1 && isUnique && !where?.trim() && !isSpatial && !isFulltext && !type ? columnNames[0] : undefined;
}

/** The names the entities give a unique on `column` of `table` alone (for strictNames). */
function declaredUniqueNames(ctx: PassContext, table: string, column: string): string[] {
  const metadata = ctx.dataSource.entityMetadatas.find((m) => m.tablePath === table);
  if (!metadata) return [];
  const alone = (columns: readonly { databaseName: string }[]) => columns.length === 1 && columns[0]!.databaseName === column;
  return [
    ...metadata.uniques.filter((u) => alone(u.columns)).map((u) => u.name),
    ...metadata.indices.filter((i) => i.isUnique && alone(i.columns)).map((i) => i.name),
    ctx.dataSource.namingStrategy.uniqueConstraintName(metadata.tableName, [column]),
  ];
}

export async function withoutNameOnlyChanges(state: PassState, ctx: PassContext): Promise<PassState> {
  const replacements = new Map<Op, readonly Op[]>();
  const remove = (op: Op) => replacements.set(op, []);
  let opened: QueryRunner | undefined;
  const queryRunner = () => (opened ??= ctx.dataSource.createQueryRunner());
  const namesMatch = (a: string | undefined, b: string | undefined) => !ctx.strictNames || sameName(a, b);
  try {
    // A unique on one column, dropped under its own name, and that column's `isUnique` asked for.
    for (const drop of state.ops.filter(isDrop)) {
      const column = soleUniqueColumn(drop);
      if (column === undefined) continue;
      const alter = state.ops.find(
        (op): op is OpOf<'alterColumn'> =>
          op.kind === 'alterColumn' && op.table === drop.table && op.column === column && op.changes.isUnique === true && !op.existing?.isUnique && !replacements.has(op),
      );
      if (!alter || !declaredUniqueNames(ctx, drop.table, column).some((name) => namesMatch(nameOf(drop), name))) continue;
      const { isUnique: _same, ...changes } = alter.changes;
      remove(drop);
      replacements.set(alter, Object.keys(changes).length > 0 ? [{ ...alter, changes }] : []);
    }

    const kept = state.ops.flatMap((op) => replacements.get(op) ?? [op]);
    const changed = changedColumns(kept);
    for (const drop of state.ops.filter(isDrop)) {
      if (replacements.has(drop) || involvedColumns(drop).some((c) => changed.has(c))) continue;
      for (const create of state.ops) {
        if (create.kind !== CREATE_OF[drop.kind] || create.table !== drop.table || replacements.has(create)) continue;
        const [from, to] = [nameOf(drop), nameOf(create as Create)];
        // The same name is the builder's own recreate (false-diffs and the same-name passes decide those).
        if ((from !== undefined && from === to) || !namesMatch(from, to)) continue;
        if (!(await sameDefinition(drop, create as Create, ctx, queryRunner))) continue;
        remove(drop);
        remove(create);
        break;
      }
    }
  } finally {
    await opened?.release();
  }
  if (replacements.size === 0) return state;
  return { ops: state.ops.flatMap((op) => replacements.get(op) ?? [op]), destructive: carryFindings(state.destructive, replacements) };
}

export const sameDefinitionNamesPass: Pass = { name: 'same-definition-names', run: withoutNameOnlyChanges };
