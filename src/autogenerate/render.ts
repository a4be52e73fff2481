/**
 * Op list → revision-file source: the pieces `templates/revision.ts.hbs` takes (`summary`,
 * `upgradeBody`, `downgradeBody`). One `await op.…(…);` per op, in a dispatch table keyed by op
 * kind, grouped under a `// table <name>` comment per run of ops on one table; a destructive op
 * is preceded by `// DESTRUCTIVE: <reason>`. The downgrade is the rendering of `reverseOps`.
 */
import type { Op, OpKind, OpOf, TableSpec } from '../ops/types';
import { reverseOp } from '../ops/reverse';
import { literal } from './literal';
import { isConcurrentIndexOp } from '../ops/concurrent-index';
import { describeOp, opSubject } from '../ops/describe';
import type { AutogenerateResult, BlockingChange, DestructiveChange } from './types';

const INDENT = '  ';

type Renderer<K extends OpKind> = (op: OpOf<K>) => string;
type Renderers = { [K in OpKind]: Renderer<K> };

const call = (method: string, ...args: unknown[]): string =>
  `await op.${method}(${args.map((a) => literal(a)).join(', ')});`;

/**
 * A table spec over several lines: one column (or index, …) per line. `indent` is the indent of
 * the statement that holds it within the body (renderOps indents the whole body once more).
 */
function tableLiteral(spec: TableSpec, indent = ''): string {
  const inner = indent + INDENT;
  const lines = Object.entries(spec).map(([key, value]) => {
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      const items = value.map((item) => `${inner}${INDENT}${literal(item)},`).join('\n');
      return `${inner}${key}: [\n${items}\n${inner}],`;
    }
    return `${inner}${key}: ${literal(value)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Drop trailing `undefined` optional arguments so calls read like hand-written ones. */
function trimmed(args: unknown[]): unknown[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

/** The call's arguments, with `{ online: true }` last when the op is online. */
const withOnline = (op: { online?: boolean }, ...args: unknown[]): unknown[] => (op.online ? [...args, { online: true }] : args);

const renderers: Renderers = {
  createTable: (op) => `await op.createTable(${tableLiteral(op.table)});`,
  dropTable: (op) =>
    typeof op.table === 'string' ? call('dropTable', op.table) : `await op.dropTable(${tableLiteral(op.table)});`,
  renameTable: (op) => call('renameTable', op.from, op.to),
  addColumn: (op) => call('addColumn', op.table, op.column),
  dropColumn: (op) => call('dropColumn', op.table, op.column),
  renameColumn: (op) => call('renameColumn', op.table, op.from, op.to),
  alterColumn: (op) => {
    const options = { ...(op.existing && { existing: op.existing }), ...(op.using && { using: op.using }), ...(op.online && { online: true }) };
    return call('alterColumn', ...trimmed([op.table, op.column, op.changes, Object.keys(options).length ? options : undefined]));
  },
  createIndex: (op) => call('createIndex', ...withOnline(op, op.table, op.index)),
  dropIndex: (op) => call('dropIndex', ...withOnline(op, op.table, op.index)),
  createUnique: (op) => call('createUnique', ...withOnline(op, op.table, op.unique)),
  dropUnique: (op) => call('dropUnique', ...withOnline(op, op.table, op.unique)),
  createCheck: (op) => call('createCheck', ...withOnline(op, op.table, op.check)),
  dropCheck: (op) => call('dropCheck', ...withOnline(op, op.table, op.check)),
  createExclusion: (op) => call('createExclusion', op.table, op.exclusion),
  dropExclusion: (op) => call('dropExclusion', op.table, op.exclusion),
  createForeignKey: (op) => call('createForeignKey', ...withOnline(op, op.table, op.foreignKey)),
  dropForeignKey: (op) => call('dropForeignKey', ...withOnline(op, op.table, op.foreignKey)),
  createPrimaryKey: (op) => call('createPrimaryKey', ...trimmed([op.table, op.columnNames, op.name])),
  dropPrimaryKey: (op) => call('dropPrimaryKey', ...trimmed([op.table, op.columnNames, op.name])),
  setTableComment: (op) => call('setTableComment', ...trimmed([op.table, op.comment, op.existing])),
  createSchema: (op) => call('createSchema', op.schema),
  dropSchema: (op) => call('dropSchema', op.schema),
  createView: (op) => call('createView', op.view),
  dropView: (op) => call('dropView', op.view),
  execute: (op) => call('execute', ...trimmed([op.sql, op.params])),
  bulkInsert: (op) => call('bulkInsert', op.table, op.rows),
  bulkDelete: (op) => call('bulkDelete', op.table, op.rows),
};

export function renderOp(op: Op): string {
  return (renderers[op.kind] as Renderer<OpKind>)(op as never);
}

/** A comment line that cannot end early or break the file, whatever the text. */
function commentLine(text: string): string {
  return `// ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}

function indentBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? INDENT + line : line))
    .join('\n');
}

/** Statements for a function body (already indented), or '' for no ops. */
export function renderOps(ops: readonly Op[], destructive: readonly DestructiveChange[] = [], blocking: readonly BlockingChange[] = []): string {
  const chunks: string[] = [];
  let subject: string | undefined;
  for (const op of ops) {
    const next = opSubject(op);
    if (next !== subject || chunks.length === 0) {
      if (chunks.length > 0) chunks.push('');
      if (next) chunks.push(commentLine(next));
      subject = next;
    }
    for (const finding of destructive.filter((d) => d.op === op)) {
      chunks.push(commentLine(`DESTRUCTIVE: ${finding.reason}`));
      if (finding.hint) chunks.push(commentLine(`  ${finding.hint}`));
    }
    for (const finding of blocking.filter((b) => b.op === op)) chunks.push(commentLine(`BLOCKING: ${finding.reason}; no online form, left as written`));
    if (isConcurrentIndexOp(op)) chunks.push(commentLine("CONCURRENTLY: runs outside the revision's transaction"));
    else if ('online' in op && op.online) chunks.push(commentLine('ONLINE: short locks only; its steps commit one by one and are skipped when found done on a re-run'));
    chunks.push(renderOp(op));
  }
  return chunks.length === 0 ? '' : indentBlock(chunks.join('\n'));
}

const AUTOGENERATED = ['Autogenerated by entity-migrate. Review before applying.'];

/** The block comment at the top of the file: what changes and what is destructive. */
export function renderSummary(result: AutogenerateResult, heading: readonly string[] = AUTOGENERATED): string {
  if (result.ops.length === 0) return '';
  const safe = (text: string) => text.replace(/\*\//g, '*\u200b/').replace(/[\r\n]+/g, ' ');
  const lines = [...heading, '', 'Changes:'];
  lines.push(...result.ops.map((op) => `  ${describeOp(op)}`));
  if (result.destructive.length > 0) {
    lines.push('', 'DESTRUCTIVE:');
    for (const d of result.destructive) {
      lines.push(`  ! ${d.reason}`);
      if (d.hint) lines.push(`    ${d.hint}`);
    }
  }
  return ['/*', ...lines.map((l) => (l ? ` * ${safe(l)}` : ' *')), ' */'].join('\n');
}

/** The template's autogenerate pieces. */
export interface RenderedRevision {
  summary: string;
  upgradeBody: string;
  downgradeBody: string;
}

/**
 * The downgrade: `reverseOps(ops)`, except that an op without an inverse (raw SQL) becomes a
 * `MANUAL` comment in place instead of failing the whole file, so the author sees where to write it.
 * `inverses` gives the inverse of ops that know theirs (a raw CREATE EXTENSION's DROP EXTENSION).
 */
function renderDowngrade(ops: readonly Op[], inverses?: ReadonlyMap<Op, Op>): string {
  const parts: string[] = [];
  let run: Op[] = [];
  const flush = () => {
    if (run.length > 0) parts.push(renderOps(run));
    run = [];
  };
  for (const op of [...ops].reverse()) {
    try {
      run.push(inverses?.get(op) ?? reverseOp(op));
    } catch (error) {
      flush();
      parts.push(indentBlock(commentLine(`MANUAL: ${(error as Error).message}`)));
    }
  }
  flush();
  return parts.join('\n\n');
}

export function renderRevision(result: AutogenerateResult, heading?: readonly string[], inverses?: ReadonlyMap<Op, Op>): RenderedRevision {
  return {
    summary: renderSummary(result, heading),
    upgradeBody: renderOps(result.ops, result.destructive, result.blocking),
    downgradeBody: renderDowngrade(result.ops, inverses),
  };
}
