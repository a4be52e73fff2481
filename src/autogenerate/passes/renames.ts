/**
 * A dropped and an added column in one table (or a dropped and a created table) may be one
 * rename. TypeORM cannot tell, so we ask: a `--rename` hint answers ahead of time, otherwise the
 * injected `confirm` (a prompt on a TTY). Unanswered candidates stay drop + add and are flagged
 * destructive with the `--rename` that would turn them into a rename.
 */
import { EntityMigrateError } from '../../errors';
import type { ColumnSpec, Op, OpOf, TableSpec } from '../../ops/types';
import type { ConfirmRename, DestructiveChange, RenameCandidate, RenameHint } from '../types';
import { columnChanges } from '../column-changes';
import { columnShape } from '../normalize';
import { splitTableName } from '../../ops/table-path';
import { carryFindings, type Pass, type PassState } from './pass';

export interface RenameOptions {
  hints?: readonly RenameHint[];
  confirm?: ConfirmRename;
}

/** Types that hold the same values, so renaming between them keeps the data. */
const FAMILIES: string[][] = [
  ['character varying', 'varchar', 'text', 'character', 'char', 'nvarchar', 'varchar2'],
  ['smallint', 'integer', 'int', 'bigint', 'int2', 'int4', 'int8', 'tinyint', 'mediumint'],
  ['numeric', 'decimal', 'real', 'double precision', 'float', 'double'],
  ['timestamp', 'timestamp without time zone', 'timestamptz', 'timestamp with time zone', 'datetime'],
  ['json', 'jsonb', 'simple-json'],
];

function family(type: string): string {
  const t = type.toLowerCase();
  return FAMILIES.find((f) => f.includes(t))?.[0] ?? t;
}

export function compatibleColumns(a: ColumnSpec, b: ColumnSpec): boolean {
  return family(a.type) === family(b.type) && (a.isArray ?? false) === (b.isArray ?? false);
}

/** Parse `--rename A:B`. */
export function parseRenameHint(text: string): RenameHint {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) throw new EntityMigrateError('CONFIG_INVALID', `--rename expects FROM:TO (user.name:full_name or old_table:new_table), got "${text}"`);
  return { from: text.slice(0, at).trim(), to: text.slice(at + 1).trim() };
}

function hintMatches(hint: RenameHint, c: RenameCandidate): boolean {
  if (c.kind === 'table') return hint.from === c.from && (hint.to === c.to || hint.to === splitTableName(c.to).name);
  return hint.from === `${c.table}.${c.from}` && (hint.to === c.to || hint.to === `${c.table}.${c.to}`);
}

export function hintText(c: RenameCandidate): string {
  return c.kind === 'table' ? `--rename ${c.from}:${c.to}` : `--rename ${c.table}.${c.from}:${c.to}`;
}

function describe(c: RenameCandidate): string {
  return c.kind === 'table' ? `table ${c.from} → ${c.to}` : `column ${c.table}.${c.from} → ${c.to}`;
}

async function decide(c: RenameCandidate, options: RenameOptions): Promise<boolean | undefined> {
  const hints = options.hints ?? [];
  if (hints.some((h) => hintMatches(h, c))) return true;
  // A hint that names the old column/table with another target answers "not this one".
  const from = c.kind === 'table' ? c.from : `${c.table}.${c.from}`;
  if (hints.some((h) => h.from === from)) return false;
  return options.confirm ? options.confirm(c) : undefined;
}

function sameTableShape(a: TableSpec, b: TableSpec): boolean {
  if (a.columns.length !== b.columns.length) return false;
  return a.columns.every((col) => {
    const other = b.columns.find((o) => o.name === col.name);
    return other !== undefined && compatibleColumns(col, other);
  });
}

/** Alter ops for what differs besides the name, so the renamed column ends up as declared. */
function alterAfterRename(table: string, dropped: ColumnSpec, added: ColumnSpec): Op[] {
  const existing = { ...dropped, name: added.name };
  const changes = columnChanges(existing, added);
  const shapeA = columnShape(existing);
  const shapeB = columnShape(added);
  const differs = (Object.keys(shapeA) as (keyof typeof shapeA)[]).some((k) => shapeA[k] !== shapeB[k]);
  return differs && Object.keys(changes).length > 0 ? [{ kind: 'alterColumn', table, column: added.name, changes, existing }] : [];
}

/**
 * TypeORM's renameTable keeps checks and exclusion constraints under their old names, but a
 * generated name hashes the table's: the ones whose name the new table does not declare are made
 * as it declares them (with the create it replaces, they would be lost), and the old ones go.
 */
function namedConstraintsAfterRename(table: string, old: TableSpec, declared: TableSpec): Op[] {
  const differentlyNamed = <T extends { name?: string }>(from: readonly T[] | undefined, to: readonly T[] | undefined) =>
    (from ?? []).filter((c) => !(to ?? []).some((d) => d.name === c.name));
  return [
    ...differentlyNamed(old.checks, declared.checks).map((check): Op => ({ kind: 'dropCheck', table, check })),
    ...differentlyNamed(old.exclusions, declared.exclusions).map((exclusion): Op => ({ kind: 'dropExclusion', table, exclusion })),
    ...differentlyNamed(declared.checks, old.checks).map((check): Op => ({ kind: 'createCheck', table, check })),
    ...differentlyNamed(declared.exclusions, old.exclusions).map((exclusion): Op => ({ kind: 'createExclusion', table, exclusion })),
    ...newIndicesAfterRename(table, old, declared),
  ];
}

/**
 * The indices and uniques the new table declares on columns the old one had none on: they were
 * in the createTable the rename replaces. (Ones the old table had are carried over and renamed by
 * TypeORM, see carriedOver; ones it had and the new one drops are left to the next autogenerate,
 * which names them as TypeORM renamed them.)
 */
function newIndicesAfterRename(table: string, old: TableSpec, declared: TableSpec): Op[] {
  const key = (columns: readonly string[], unique?: boolean) => `${columns.join('\u0000')}\u0000${!!unique}`;
  const oldIndices = new Set((old.indices ?? []).map((i) => key(i.columnNames, i.isUnique)));
  const oldUniques = new Set((old.uniques ?? []).map((u) => key(u.columnNames)));
  return [
    ...(declared.indices ?? []).filter((i) => !oldIndices.has(key(i.columnNames, i.isUnique))).map((index): Op => ({ kind: 'createIndex', table, index })),
    ...(declared.uniques ?? []).filter((u) => !oldUniques.has(key(u.columnNames))).map((unique): Op => ({ kind: 'createUnique', table, unique })),
  ];
}

type Found = { candidate: RenameCandidate; dropIndex: number; addIndex: number };

function findCandidates(ops: readonly Op[]): Found[] {
  const found: Found[] = [];
  ops.forEach((drop, dropIndex) => {
    ops.forEach((add, addIndex) => {
      if (drop.kind === 'dropColumn' && add.kind === 'addColumn' && typeof drop.column !== 'string') {
        if (drop.table === add.table && compatibleColumns(drop.column, add.column)) {
          found.push({ candidate: { kind: 'column', table: drop.table, from: drop.column.name, to: add.column.name }, dropIndex, addIndex });
        }
      }
      if (drop.kind === 'dropTable' && add.kind === 'createTable' && typeof drop.table !== 'string') {
        if (sameTableShape(drop.table, add.table)) {
          found.push({ candidate: { kind: 'table', from: drop.table.name, to: add.table.name }, dropIndex, addIndex });
        }
      }
    });
  });
  return found;
}

/**
 * Constraint ops on the new table that the renamed table already has (TypeORM's renameTable
 * carries indices, uniques, checks and foreign keys over and renames default-named ones).
 */
function carriedOver(op: Op, newName: string, old: TableSpec): boolean {
  const cols = (names: readonly string[]) => names.join('\u0000');
  if (op.kind === 'createIndex' && op.table === newName) {
    return (old.indices ?? []).some((i) => cols(i.columnNames) === cols(op.index.columnNames) && !!i.isUnique === !!op.index.isUnique);
  }
  if (op.kind === 'createForeignKey' && op.table === newName) {
    const fk = op.foreignKey;
    return (old.foreignKeys ?? []).some(
      (o) => cols(o.columnNames) === cols(fk.columnNames) && o.referencedTableName === fk.referencedTableName && cols(o.referencedColumnNames) === cols(fk.referencedColumnNames),
    );
  }
  if (op.kind === 'createUnique' && op.table === newName) {
    return (old.uniques ?? []).some((u) => cols(u.columnNames) === cols(op.unique.columnNames));
  }
  return false;
}

export async function resolveRenames(state: PassState, options: RenameOptions): Promise<PassState> {
  const replaced = new Map<number, Op[]>();
  const removed = new Set<number>();
  const unresolved = new Map<number, RenameCandidate[]>();
  // Answered "no" (at the prompt, or by a hint naming another target): no `--rename` hint for these.
  const declined = new Set<RenameCandidate>();
  const extraRemovals: ((op: Op) => boolean)[] = [];
  for (const { candidate, dropIndex, addIndex } of findCandidates(state.ops)) {
    if (replaced.has(dropIndex) || removed.has(addIndex)) continue;
    const answer = await decide(candidate, options);
    if (!answer) {
      if (answer === false) declined.add(candidate);
      unresolved.set(dropIndex, [...(unresolved.get(dropIndex) ?? []), candidate]);
      continue;
    }
    const drop = state.ops[dropIndex];
    const add = state.ops[addIndex];
    if (candidate.kind === 'column' && drop.kind === 'dropColumn' && add.kind === 'addColumn' && typeof drop.column !== 'string') {
      replaced.set(dropIndex, [
        { kind: 'renameColumn', table: candidate.table, from: candidate.from, to: candidate.to },
        ...alterAfterRename(candidate.table, drop.column, add.column),
      ]);
    } else if (drop.kind === 'dropTable' && add.kind === 'createTable' && typeof drop.table !== 'string') {
      const old = drop.table;
      const to = splitTableName(candidate.to).name;
      replaced.set(dropIndex, [
        { kind: 'renameTable', from: candidate.from, to },
        ...add.table.columns.flatMap((col) => {
          const before = old.columns.find((c) => c.name === col.name);
          return before ? alterAfterRename(candidate.to, before, col) : [];
        }),
        ...namedConstraintsAfterRename(candidate.to, old, add.table),
      ]);
      extraRemovals.push((op) => carriedOver(op, candidate.to, old));
    }
    removed.add(addIndex);
  }
  const ops: Op[] = [];
  const replacements = new Map<Op, Op[]>();
  state.ops.forEach((op, i) => {
    const instead = removed.has(i) ? [] : (replaced.get(i) ?? (extraRemovals.some((isCarried) => isCarried(op)) ? [] : undefined));
    if (instead) replacements.set(op, instead);
    ops.push(...(instead ?? [op]));
  });
  // A renamed table must exist where the create stood: put renames before anything that uses it.
  const tableRenames = ops.filter((op): op is OpOf<'renameTable'> => op.kind === 'renameTable');
  const ordered = [...tableRenames, ...ops.filter((op) => op.kind !== 'renameTable')];
  const destructive: DestructiveChange[] = [...carryFindings(state.destructive, replacements), ...dropFindings(ordered, state.ops, unresolved, declined)];
  refuseUnmatchedHints(options.hints ?? [], ordered, unresolved);
  return { ops: ordered, destructive };
}

/**
 * A `--rename` that names no dropped-and-added pair is a typo or a stale hint: left unnoticed it
 * would let the drop + add it was meant to prevent through, so the revision is not written.
 * TypeORM's own rename guess already counts (its renameColumn is in the ops).
 */
function refuseUnmatchedHints(hints: readonly RenameHint[], ops: readonly Op[], unresolved: Map<number, RenameCandidate[]>): void {
  const renamed = ops.flatMap((op): RenameCandidate[] => {
    if (op.kind === 'renameColumn') return [{ kind: 'column', table: op.table, from: op.from, to: op.to }];
    if (op.kind === 'renameTable') return [{ kind: 'table', from: op.from, to: op.to }];
    return [];
  });
  const unmatched = hints.find((hint) => !renamed.some((c) => hintMatches(hint, c)));
  if (!unmatched) return;
  const open = [...unresolved.values()].flat().map(hintText);
  const instead = open.length > 0 ? `; the possible renames are: ${open.join(', ')}` : '; no column or table is dropped and added here';
  throw new EntityMigrateError('RENAME_UNMATCHED', `--rename ${unmatched.from}:${unmatched.to} matches no dropped and added column or table${instead}. Nothing written`);
}

/** Every remaining column or table drop loses data; say which `--rename` would keep it. */
function dropFindings(ops: readonly Op[], original: readonly Op[], unresolved: Map<number, RenameCandidate[]>, declined: ReadonlySet<RenameCandidate>): DestructiveChange[] {
  const out: DestructiveChange[] = [];
  for (const op of ops) {
    if (op.kind !== 'dropColumn' && op.kind !== 'dropTable') continue;
    const index = original.indexOf(op);
    const candidates = index >= 0 ? (unresolved.get(index) ?? []).filter((c) => !declined.has(c)) : [];
    const what = op.kind === 'dropTable' ? `table ${typeof op.table === 'string' ? op.table : op.table.name}` : `column ${op.table}.${typeof op.column === 'string' ? op.column : op.column.name}`;
    const finding: DestructiveChange = { op, reason: `drops ${what} and its data` };
    if (candidates.length > 0) {
      finding.hint = candidates.map((c) => `if it was renamed (${describe(c)}), pass ${hintText(c)}`).join('; ');
    }
    out.push(finding);
  }
  return out;
}

export const renamesPass: Pass = {
  name: 'renames',
  run: (state, ctx) => resolveRenames(state, { hints: ctx.renames, confirm: ctx.confirmRename }),
};
