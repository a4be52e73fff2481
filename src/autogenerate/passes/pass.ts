/**
 * A pass: one step of autogenerate's pipeline (see `index.ts` for the list, in order). Each takes
 * the op list so far with the findings about it and returns the next; none touches the database's
 * schema (some read it).
 *
 * Findings (a destructive flag with its reason and `--rename` hint) point at ops by identity: the
 * renderer writes each one above its op. So a pass that replaces ops must carry the findings over,
 * which `replaceOps` / `carryFindings` do by one rule: a finding follows its op to the replacement of
 * the same kind when there is one, else to the first replacement; the finding of a removed op is
 * dropped with it. A pass that makes a finding of its own appends it.
 */
import type { DataSource } from 'typeorm';
import type { Dialect, SchemaScope } from '../../dialects';
import type { Op } from '../../ops/types';
import type { TableFilter } from '../table-filter';
import type { BuilderTables } from './builder-tables';
import type { ConfirmRename, DestructiveChange, RenameHint } from '../types';

export interface PassState {
  ops: Op[];
  destructive: DestructiveChange[];
}

/** What a pass may consult: the data source, its dialect, the schemas in play, the user's answers. */
export interface PassContext {
  dataSource: DataSource;
  dialect: Dialect;
  scope: SchemaScope;
  /** `include` / `exclude` (undefined: every table). */
  consider?: TableFilter;
  /** `--rename` answers given ahead of time. */
  renames?: readonly RenameHint[];
  /** Asked for rename candidates no hint answers. */
  confirmRename?: ConfirmRename;
  /** `strictNames`: a constraint or index renamed alone is a change (default: it is not). */
  strictNames?: boolean;
  /** Online mode: ops on existing tables in the form that takes only short locks. */
  online?: boolean;
  /** The schema builder's load of the live tables, for passes to reuse (see builder-tables.ts). */
  builderTables?: BuilderTables;
}

export interface Pass {
  /** Short name, for messages and tests. */
  readonly name: string;
  run(state: PassState, ctx: PassContext): PassState | Promise<PassState>;
}

/** Replace each op by what `replace` returns (itself, others, or none), carrying findings over. */
export function replaceOps(state: PassState, replace: (op: Op) => Op | readonly Op[]): PassState {
  const ops: Op[] = [];
  const replacements = new Map<Op, readonly Op[]>();
  for (const op of state.ops) {
    const result = replace(op);
    const list: readonly Op[] = Array.isArray(result) ? result : [result as Op];
    if (list.length !== 1 || list[0] !== op) replacements.set(op, list);
    ops.push(...list);
  }
  return { ops, destructive: carryFindings(state.destructive, replacements) };
}

/** Findings moved to the replacements of their ops (see the rule above). */
export function carryFindings(findings: readonly DestructiveChange[], replacements: ReadonlyMap<Op, readonly Op[]>): DestructiveChange[] {
  return findings.flatMap((finding) => {
    const replaced = replacements.get(finding.op);
    if (!replaced) return [finding];
    const next = replaced.find((op) => op.kind === finding.op.kind) ?? replaced[0];
    return next ? [{ ...finding, op: next }] : [];
  });
}
