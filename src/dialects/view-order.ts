/**
 * Views in an order that creates them: a view after the views its definition reads. For databases
 * whose catalog does not record which views a view reads (SQLite, MariaDB), the definition's text
 * is searched for the other views' names, quoted or bare; a name found in a string literal only
 * orders two views needlessly, which is harmless.
 */
import type { ViewSpec } from '../ops/types';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `expression` names `view` (as an identifier, in any quoting). */
function mentions(expression: string, view: string): boolean {
  const name = escapeRegExp(view);
  return new RegExp(`(^|[^A-Za-z0-9_$])[\`"\\[]?${name}[\`"\\]]?($|[^A-Za-z0-9_$])`, 'i').test(expression);
}

/** `views` sorted by name, then each moved after the views it reads (a cycle keeps name order). */
export function orderViewsByReads(views: readonly ViewSpec[]): ViewSpec[] {
  const pending = [...views].sort((a, b) => a.name.localeCompare(b.name));
  const reads = new Map(pending.map((v) => [v.name, pending.filter((o) => o !== v && mentions(v.expression, o.name)).map((o) => o.name)]));
  const done = new Set<string>();
  const ordered: ViewSpec[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex((v) => reads.get(v.name)!.every((name) => done.has(name)));
    const [next] = pending.splice(ready < 0 ? 0 : ready, 1);
    ordered.push(next!);
    done.add(next!.name);
  }
  return ordered;
}
