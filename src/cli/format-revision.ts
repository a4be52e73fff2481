import { relative } from 'node:path';
import type { Argv } from 'yargs';
import type { RevisionInfo } from '../runtime/migrator';
import type { CliIo } from './io';
import { printable } from './printable';

/** `9a8b7c6d5e4f -> 3f1c2a9b7d10 (head) (current), add age to user` — Alembic's history line. */
export function historyLine(rev: RevisionInfo, extraMarker = ''): string {
  const parents = rev.downRevisions.length === 0 ? '<base>' : rev.downRevisions.join(', ');
  return `${parents} -> ${rev.id}${markers(rev)}${extraMarker}, ${printable(rev.message)}`;
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
    ...(rev.dependsOn.length > 0 ? [`Depends on: ${rev.dependsOn.join(', ')}`] : []),
    `Path: ${relative(cwd, rev.file) || rev.file}`,
    `Created: ${rev.createdAt ?? 'unknown'}`,
    '',
    `    ${printable(rev.message)}`,
    '',
  ].join('\n');
}

/** Alembic's order: the branch labels, then head and current: `ae1027a6acf (plugin) (head)`. */
function markers(rev: RevisionInfo): string {
  const labels = rev.branchLabels.length > 0 ? ` (${rev.branchLabels.map(printable).join(', ')})` : '';
  return `${labels}${rev.isHead ? ' (head)' : ''}${rev.isCurrent ? ' (current)' : ''}`;
}

/** `-v` and `--json`, shared by the commands that list revisions. */
export function listingOptions<T>(yargs: Argv<T>): Argv<T & { v: boolean; json: boolean }> {
  return yargs
    .option('v', { type: 'boolean', default: false, describe: 'Show details of each revision' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the revisions as JSON' });
}

/** One line per revision (`line`), a block each with -v, or one JSON array with --json. */
export function printRevisions(
  io: CliIo,
  revisions: readonly RevisionInfo[],
  argv: { v: boolean; json: boolean },
  line: (rev: RevisionInfo) => string,
): void {
  if (argv.json) {
    io.stdout(JSON.stringify(revisions.map((rev) => ({ ...rev, file: relative(io.cwd, rev.file) })), null, 2));
    return;
  }
  for (const rev of revisions) io.stdout(argv.v ? verboseBlock(rev, io.cwd) : line(rev));
}
