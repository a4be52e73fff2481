/** The end of a command run on targets: one table row per target, or (--json) one document. */
import type { CliIo } from './io';

export interface TargetRow {
  name: string;
  /** Heads when it started / where it ended (undefined: not known, e.g. no connection). */
  from?: string[];
  to?: string[];
  durationMs: number;
  /** The command's exit code on this target (1 when it failed). */
  code: number;
  result: string;
  /** The failure's first line, when it failed. */
  error?: string;
}

const HEADER = ['target', 'from', 'to', 'time', 'result'];

export function printTargetSummary(io: CliIo, rows: readonly TargetRow[]): void {
  const cells = rows.map((r) => [r.name, heads(r.from), heads(r.to), seconds(r.durationMs), r.error ? `failed: ${shortened(r.error)}` : r.result]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  io.stdout('');
  io.stdout(io.color.bold(line(HEADER)));
  rows.forEach((r, i) => {
    const text = line(cells[i]!);
    io.stdout(r.error ? io.color.red(text) : r.code !== 0 ? io.color.yellow(text) : text);
  });
}

/** --json: each target's own JSON output (parsed) beside what the table shows. */
export function targetsJson(rows: readonly TargetRow[], outputs: ReadonlyMap<string, string>): object {
  return {
    targets: rows.map((r) => ({
      name: r.name,
      from: r.from ?? null,
      to: r.to ?? null,
      durationMs: Math.round(r.durationMs),
      code: r.code,
      result: r.result,
      ...(r.error !== undefined && { error: r.error }),
      output: parsed(outputs.get(r.name)),
    })),
  };
}

function parsed(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The table keeps to one screen line per target; the full error was printed above it, prefixed with the target. */
function shortened(text: string): string {
  return text.length <= 70 ? text : `${text.slice(0, 69)}…`;
}

function heads(ids: readonly string[] | undefined): string {
  if (ids === undefined) return '?';
  return ids.length === 0 ? 'base' : ids.join(',');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
