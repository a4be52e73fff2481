/**
 * yargs reports a mistyped flag, command or extra argument as "Unknown argument(s): a, b". This
 * says which of the three it is and suggests the near miss (`--sq` → `--sql`, `migrate` →
 * `upgrade`), in one line.
 */

/** Wrong flags or arguments: nothing ran. */
export class UsageError extends Error {}

export interface UsageContext {
  /** The arguments as typed. */
  args: readonly string[];
  /** Every command name. */
  commands: readonly string[];
  /** The command the arguments named, if any: its name, usage (`upgrade [target]`) and flags. */
  command?: { name: string; usage: string; flags: readonly string[] };
  /** Flags every command takes (used when no command was named). */
  globalFlags: readonly string[];
}

const UNKNOWN = /^Unknown arguments?: (.*)$/;
const NOT_ENOUGH = /^Not enough non-option arguments/;

export function usageError(message: string, ctx: UsageContext): UsageError {
  const first = message.split('\n')[0]!;
  const unknown = UNKNOWN.exec(first);
  if (!unknown) {
    // `revision --mesage x` fails first as "Missing required argument: message": the typo is the news.
    const typos = unknownLongFlags(ctx);
    if (typos.length > 0) return new UsageError(typos.map((name) => describeUnknown(name, ctx)).join('; '));
    if (ctx.command && NOT_ENOUGH.test(first)) return new UsageError(`missing argument (usage: entity-migrate ${ctx.command.usage})`);
    if (first.includes('--help')) return new UsageError(first);
    const help = ctx.command ? `entity-migrate ${ctx.command.name} --help` : 'entity-migrate --help';
    return new UsageError(`${first} (${help} shows the usage)`);
  }
  const names = withoutCamelCaseCopies(unknown[1]!.split(', '));
  return new UsageError(withoutCommandArguments(names, ctx).map((name) => describeUnknown(name, ctx)).join('; '));
}

function describeUnknown(name: string, ctx: UsageContext): string {
  if (isFlag(name, ctx.args)) {
    const flag = name.length === 1 ? `-${name}` : `--${name}`;
    const known = (ctx.command?.flags ?? ctx.globalFlags).filter((f) => f.length > 1);
    const near = nearest(name, known, Math.max(1, Math.min(3, Math.floor(name.length / 3))));
    const where = ctx.command ? ` for ${ctx.command.name}` : '';
    return near
      ? `unknown option ${flag}${where} (did you mean --${near}?)`
      : `unknown option ${flag}${where} (entity-migrate ${ctx.command?.name ?? ''}${ctx.command ? ' ' : ''}--help lists the options)`;
  }
  if (!ctx.command) {
    const near = nearest(name, ctx.commands, 3);
    return near
      ? `unknown command '${name}' (did you mean ${near}?)`
      : `unknown command '${name}' (entity-migrate --help lists the commands)`;
  }
  return `unexpected argument '${name}' (usage: entity-migrate ${ctx.command.usage})`;
}

/**
 * With no command recognised, only the first word is a mistyped command; the words after it are its
 * arguments (`upgrad head` names 'upgrad', not a second command 'head'). The command comes first,
 * then any unknown flags.
 */
function withoutCommandArguments(names: string[], ctx: UsageContext): string[] {
  if (ctx.command) return names;
  const firstWord = names.find((name) => !isFlag(name, ctx.args));
  const flags = names.filter((name) => isFlag(name, ctx.args));
  return firstWord === undefined ? flags : [firstWord, ...flags];
}

/** Typed as `--name`, `--name=…`, `--no-name`, or a short `-n` (possibly grouped, `-vn`). */
function isFlag(name: string, args: readonly string[]): boolean {
  if (name.length === 1) return args.some((a) => /^-[^-]/.test(a) && a.slice(1).split('=')[0]!.includes(name));
  return args.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `--no-${name}`);
}

/** `--name` / `--name=…` flags the command does not know (in either spelling, `rev-id` or `revId`). */
function unknownLongFlags(ctx: UsageContext): string[] {
  const known = new Set((ctx.command?.flags ?? ctx.globalFlags).map(kebab));
  return ctx.args
    .filter((a) => a.startsWith('--') && a.length > 2)
    .map((a) => a.slice(2).split('=')[0]!)
    .filter((name) => !known.has(kebab(name)) && !known.has(kebab(name.replace(/^no-/, ''))));
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** yargs lists `dry-run` and its camel-case alias `dryRun`; the user typed one. */
function withoutCamelCaseCopies(names: string[]): string[] {
  const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return names.filter((n) => !names.some((other) => other !== n && other.includes('-') && camel(other) === n));
}

/** The closest candidate within `max` edits (and closer than the name's own length), if any. */
function nearest(name: string, candidates: readonly string[], max: number): string | undefined {
  // Loaded only when a mistake is reported, not on every start.
  const { distance } = require('fastest-levenshtein') as typeof import('fastest-levenshtein');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d <= max && d < name.length && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
