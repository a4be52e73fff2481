/**
 * Options whose value may start with a dash: `history -r -3:` means the range "-3:", but a
 * parser reads `-3:` as more flags. Such a value is joined to its option (`-r=-3:`) before parsing.
 */
const TAKES_DASH_VALUE = new Set(['-r', '--rev-range']);

/** A value like `-3:`, `-2`, `-1:current`: a dash and a digit. */
const DASH_VALUE = /^-\d/;

export function attachDashValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (TAKES_DASH_VALUE.has(arg) && next !== undefined && DASH_VALUE.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
