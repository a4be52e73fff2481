import { relative } from 'node:path';
import type { RevisionInfo } from '../runtime/migrator';

/** `9a8b7c6d5e4f -> 3f1c2a9b7d10 (head) (current), add age to user` — Alembic's history line. */
export function historyLine(rev: RevisionInfo): string {
  const parents = rev.downRevisions.length === 0 ? '<base>' : rev.downRevisions.join(', ');
  return `${parents} -> ${rev.id}${markers(rev)}, ${rev.message}`;
}

/** `3f1c2a9b7d10 (head)` */
export function shortLine(rev: RevisionInfo): string {
  return `${rev.id}${markers(rev)}`;
}

/** The `show` / `-v` block: every field on its own line. */
export function verboseBlock(rev: RevisionInfo, cwd: string): string {
  const parents = rev.downRevisions.length === 0 ? '<base>' : rev.downRevisions.join(', ');
  return [
    `Rev: ${rev.id}${markers(rev)}`,
    `Parent: ${parents}`,
    `Path: ${relative(cwd, rev.file) || rev.file}`,
    `Created: ${rev.createdAt ?? 'unknown'}`,
    '',
    `    ${rev.message}`,
    '',
  ].join('\n');
}

function markers(rev: RevisionInfo): string {
  return `${rev.isHead ? ' (head)' : ''}${rev.isCurrent ? ' (current)' : ''}`;
}
