/**
 * TypeORM's schema builder matches indices, checks and exclusion constraints by name, and for a
 * name it finds it does not compare what the constraint says (an index's predicate, a check's or
 * an exclusion's expression). A generated name hashes that text, so only explicitly named ones
 * slip through. The passes for each kind (index-predicates, named-checks, exclusion-changes) hand
 * their declared constraints to {@link replaceChanged}, which reads the live ones and turns each
 * that differs into a drop of the live one + a create of the declared one.
 */
import type { QueryRunner, Table } from 'typeorm';
import type { Op } from '../../ops/types';
import type { PassContext, PassState } from './pass';
import { findTable, withLiveTables } from './live-tables';

/** A constraint an entity declares, as the spec an op takes. */
export interface Declared<S> {
  table: string;
  spec: S;
}

/** How one kind of constraint is read, compared and replaced. */
export interface ConstraintKind<S> {
  /** The live constraint of `table` with `wanted`'s name, as a spec; undefined when there is none. */
  live(table: Table, wanted: S): S | undefined;
  differ(queryRunner: QueryRunner, table: string, live: S, wanted: S): Promise<boolean>;
  drop(table: string, live: S): Op;
  create(table: string, wanted: S): Op;
}

export async function replaceChanged<S>(state: PassState, ctx: PassContext, declared: readonly Declared<S>[], kind: ConstraintKind<S>): Promise<PassState> {
  if (declared.length === 0) return state;
  return withLiveTables(ctx, declared.map((d) => d.table), async (queryRunner, tables) => {
    // As the builder orders its own: drops first (a predicate may pin a type that an alter
    // changes), creates last.
    const drops: Op[] = [];
    const creates: Op[] = [];
    for (const { table, spec } of declared) {
      const loaded = findTable(tables, table);
      const live = loaded && kind.live(loaded, spec);
      if (!live || !(await kind.differ(queryRunner, table, live, spec))) continue;
      drops.push(kind.drop(table, live));
      creates.push(kind.create(table, spec));
    }
    return drops.length === 0 ? state : { ...state, ops: [...drops, ...state.ops, ...creates] };
  });
}

/** Whitespace runs folded: how text is compared where the database keeps it as written. */
export const foldWhitespace = (text: string): string => text.trim().replace(/\s+/g, ' ');
