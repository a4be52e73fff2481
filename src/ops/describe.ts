/**
 * Ops in words, for people: the one-line summary of each op (the revision file's header, `check`,
 * `verify`) and what an op is about (the `// table user` grouping comment, error messages).
 */
import { KEY_GENERATION_PROPERTIES, keyGeneration } from './key-generation';
import type { Op, OpOf } from './types';

/** What a run of ops is about, for the `// table user` grouping comment. */
export function opSubject(op: Op): string | undefined {
  switch (op.kind) {
    case 'createTable':
      return `table ${op.table.name}`;
    case 'dropTable':
      return `table ${typeof op.table === 'string' ? op.table : op.table.name}`;
    case 'renameTable':
      return `table ${op.from}`;
    case 'createView':
    case 'dropView':
      return `view ${typeof op.view === 'string' ? op.view : op.view.name}`;
    case 'createSchema':
    case 'dropSchema':
      return `schema ${op.schema}`;
    case 'execute':
      return undefined;
    default:
      return `table ${op.table}`;
  }
}

/** The changed properties' names; a key's generation as what it was and becomes (`serial → identity ALWAYS`). */
function alteredProperties(op: OpOf<'alterColumn'>): string[] {
  const keys = Object.keys(op.changes);
  const from = op.existing && keyGeneration(op.existing);
  const to = op.existing && keyGeneration({ ...op.existing, ...op.changes });
  if (!from || !to || from === to) return keys;
  const generation = `${from} → ${to}`;
  return [...keys.filter((k) => !(KEY_GENERATION_PROPERTIES as readonly string[]).includes(k)), generation];
}

const sign = (op: Op): string => (op.kind.startsWith('drop') ? '-' : '+');

/** `index IDX_post_title on post (title)`: what, its name when it has one, where, on which columns. */
function constraintLine(what: string, item: { name?: string; columnNames: string[] } | string, table: string): string {
  if (typeof item === 'string') return `${what} ${item} on ${table}`;
  return `${what} ${item.name ? `${item.name} ` : ''}on ${table} (${item.columnNames.join(', ')})`;
}

/** `check CK_age on user: "age" >= 0`: a constraint known by its expression. */
function expressionLine(op: Op, what: string, item: { name?: string; expression: string; deferrable?: string } | string): string {
  if (typeof item === 'string') return `${sign(op)} ${what} ${item} on ${opTarget(op)}`;
  const deferrable = item.deferrable ? ` DEFERRABLE ${item.deferrable}` : '';
  return `${sign(op)} ${what} ${item.name ? `${item.name} ` : ''}on ${opTarget(op)}: ${item.expression}${deferrable}`;
}

/** One short line per op for the summary (`+ column user.age`). */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'createTable':
      return `+ table ${op.table.name} (${op.table.columns.length} columns)`;
    case 'dropTable':
      return `- table ${typeof op.table === 'string' ? op.table : op.table.name}`;
    case 'renameTable':
      return `~ table ${op.from} → ${op.to}`;
    case 'addColumn':
      return `+ column ${op.table}.${op.column.name}`;
    case 'dropColumn':
      return `- column ${op.table}.${typeof op.column === 'string' ? op.column : op.column.name}`;
    case 'renameColumn':
      return `~ column ${op.table}.${op.from} → ${op.to}`;
    case 'alterColumn':
      return `~ column ${op.table}.${op.column} (${alteredProperties(op).join(', ')})`;
    case 'createIndex':
    case 'dropIndex':
      return `${sign(op)} ${constraintLine(typeof op.index !== 'string' && op.index.isUnique ? 'unique index' : 'index', op.index, op.table)}`;
    case 'createUnique':
    case 'dropUnique':
      return `${sign(op)} ${constraintLine('unique', op.unique, op.table)}`;
    case 'createCheck':
    case 'dropCheck':
      return expressionLine(op, 'check', op.check);
    case 'createExclusion':
    case 'dropExclusion':
      return expressionLine(op, 'exclusion', op.exclusion);
    case 'createForeignKey':
    case 'dropForeignKey': {
      const fk = op.foreignKey;
      if (typeof fk === 'string') return `${sign(op)} foreign key ${fk} on ${op.table}`;
      const action = fk.onDelete && fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : '';
      return `${sign(op)} foreign key ${op.table} (${fk.columnNames.join(', ')}) → ${fk.referencedTableName} (${fk.referencedColumnNames.join(', ')})${action}`;
    }
    case 'execute':
      return `! raw SQL: ${op.sql.slice(0, 60)}`;
    default: {
      const verb = op.kind.startsWith('drop') ? '-' : op.kind.startsWith('create') ? '+' : '~';
      const what = op.kind.replace(/^(create|drop|set)/, '').replace(/^./, (c) => c.toLowerCase());
      return `${verb} ${what} ${opTarget(op)}`.trimEnd();
    }
  }
}

/** The name an op acts on (`user`, `audit.event`, a schema), or '' for raw SQL: for error messages. */
export function opTarget(op: Op): string {
  return opSubject(op)?.replace(/^\w+ /, '') ?? '';
}
