/**
 * A CREATE TABLE statement as SQLite keeps it (sqlite_master.sql), cut into its column and
 * constraint definitions, with identifiers in any quoting ("a", `a`, [a] or bare). TypeORM's own
 * reading of that text expects its own spelling (`CONSTRAINT "name" …`, `"id" … AUTOINCREMENT`),
 * so a table written by hand loses what only the text holds; see hand-written-tables.ts.
 */
import { closingParenthesis, skipQuoted } from '../sql-text';

export interface TableDefinitions {
  /** Column definitions: name → the text after the name. */
  columns: { name: string; rest: string }[];
  /** Named table constraints: `CONSTRAINT name KIND …`. */
  constraints: { name: string; kind: 'PRIMARY KEY' | 'UNIQUE' | 'CHECK' | 'FOREIGN KEY'; columns: string[]; referencedTable?: string; body: string }[];
}

const IDENT = String.raw`"(?:[^"]|"")*"|\`(?:[^\`]|\`\`)*\`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_$]*`;

/** `"a""b"` → `a"b`; `` `a` `` and `[a]` → `a`; a bare name as it is. */
export function unquoteIdentifier(token: string): string {
  const first = token[0];
  if (first === '"' || first === '`') return token.slice(1, -1).split(first + first).join(first);
  if (first === '[') return token.slice(1, -1);
  return token;
}

/** The identifiers of a parenthesised list such as `(a, "b" DESC)`: the first token of each item. */
export function identifierList(list: string): string[] {
  return splitTopLevel(list.replace(/^\s*\(|\)\s*$/g, '')).map((item) => unquoteIdentifier(new RegExp(`^\\s*(${IDENT})`).exec(item)?.[1] ?? item.trim()));
}

/** `text` split at commas outside parentheses and quotes. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; ) {
    const next = skipQuoted(text, i, true);
    if (next !== i) {
      i = next;
      continue;
    }
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const CONSTRAINT = new RegExp(String.raw`^CONSTRAINT\s+(${IDENT})\s+(PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)\s*`, 'i');
const UNNAMED = /^(PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY)\b/i;
const REFERENCES = new RegExp(String.raw`REFERENCES\s+(${IDENT})`, 'i');

export function tableDefinitions(createTableSql: string): TableDefinitions {
  const open = createTableSql.indexOf('(');
  const close = open < 0 ? -1 : closingParenthesis(createTableSql, open, true);
  const result: TableDefinitions = { columns: [], constraints: [] };
  if (close < 0) return result;
  for (const part of splitTopLevel(createTableSql.slice(open + 1, close))) {
    const named = CONSTRAINT.exec(part);
    if (named) {
      const kind = named[2]!.toUpperCase().replace(/\s+/g, ' ') as TableDefinitions['constraints'][number]['kind'];
      const body = part.slice(named[0].length);
      const listEnd = body.startsWith('(') ? closingParenthesis(body, 0, true) : -1;
      const columns = kind === 'CHECK' || listEnd < 0 ? [] : identifierList(body.slice(0, listEnd + 1));
      const referenced = kind === 'FOREIGN KEY' ? REFERENCES.exec(body)?.[1] : undefined;
      result.constraints.push({ name: unquoteIdentifier(named[1]!), kind, columns, referencedTable: referenced && unquoteIdentifier(referenced), body });
      continue;
    }
    if (UNNAMED.test(part)) continue;
    const name = new RegExp(`^(${IDENT})`).exec(part)?.[1];
    if (name) result.columns.push({ name: unquoteIdentifier(name), rest: part.slice(name.length) });
  }
  return result;
}

/** A generated column's expression and kind, from the text after its name. */
export function generatedExpression(rest: string): { expression: string; kind: 'VIRTUAL' | 'STORED' } | undefined {
  for (let i = 0; i < rest.length; ) {
    const next = skipQuoted(rest, i, true);
    if (next !== i) {
      i = next;
      continue;
    }
    const match = /^AS\s*\(/i.exec(rest.slice(i));
    if (match && !/[A-Za-z0-9_$]/.test(rest[i - 1] ?? '')) {
      const open = i + match[0].length - 1;
      const close = closingParenthesis(rest, open, true);
      if (close < 0) return undefined;
      return { expression: rest.slice(open + 1, close).trim(), kind: /^\s*STORED\b/i.test(rest.slice(close + 1)) ? 'STORED' : 'VIRTUAL' };
    }
    i++;
  }
  return undefined;
}
