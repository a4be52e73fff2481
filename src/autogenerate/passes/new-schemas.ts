/**
 * TypeORM never emits `CREATE SCHEMA`: where the database has schemas (PostgreSQL), a revision that
 * creates a table or view in a schema that does not exist yet creates the schema first.
 */
import type { Op } from '../../ops/types';
import { splitTableName } from '../../ops/table-path';
import type { Pass } from './pass';

/** Schemas that new tables and views live in, other than the default one and those that exist. */
export function newSchemas(ops: readonly Op[], defaultSchema: string | undefined, existing: ReadonlySet<string>): string[] {
  const schemas = new Set<string>();
  for (const op of ops) {
    const name = op.kind === 'createTable' ? op.table.name : op.kind === 'createView' ? op.view.name : undefined;
    const schema = name === undefined ? undefined : splitTableName(name).schema;
    if (schema && schema !== defaultSchema && !existing.has(schema)) schemas.add(schema);
  }
  return [...schemas];
}

export const newSchemasPass: Pass = {
  name: 'new-schemas',
  async run(state, ctx) {
    if (!ctx.dialect.capabilities.schemas) return state;
    // Asked only when a new table or view names a schema of its own (most revisions do not).
    if (newSchemas(state.ops, ctx.scope.defaultSchema, new Set()).length === 0) return state;
    const existing = await ctx.dialect.introspection.existingSchemas(ctx.dataSource);
    const schemaOps: Op[] = newSchemas(state.ops, ctx.scope.defaultSchema, existing).map((schema) => ({ kind: 'createSchema', schema }));
    return { ...state, ops: [...schemaOps, ...state.ops] };
  },
};
