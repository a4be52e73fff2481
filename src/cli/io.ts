import { createColors } from 'picocolors';
import { EntityMigrateError } from '../errors';
import { maskSecrets } from '../config/mask-url';

/** Where the CLI reads and writes, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether a person is at the terminal (rename prompts are asked only then). */
  interactive: boolean;
  /** Colours for warnings and errors: on for a terminal, off when piped (or NO_COLOR). */
  color: Colors;
}

export type Colors = ReturnType<typeof createColors>;

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI,
    color: createColors((Boolean(process.env.FORCE_COLOR) && process.env.FORCE_COLOR !== '0') || (Boolean(process.stderr.isTTY) && !process.env.NO_COLOR)),
  };
}

/**
 * One clear line for any failure; the stack only with --verbose. Errors that are not ours
 * (a driver's, a user's revision's) keep their message.
 */
export function formatError(error: unknown, verbose: boolean, pc: Colors): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0];
  let text = `${pc.red('error:')} ${maskSecrets(firstLine)}`;
  if (verbose) {
    if (error instanceof EntityMigrateError) text += pc.dim(` [${error.code}]`);
    const stack = error instanceof Error ? error.stack : undefined;
    if (stack) text += `\n${pc.dim(maskSecrets(stack))}`;
    let cause = error instanceof Error ? error.cause : undefined;
    while (cause instanceof Error) {
      text += `\n${pc.dim(`caused by: ${maskSecrets(cause.stack ?? cause.message)}`)}`;
      cause = cause.cause;
    }
  }
  return text;
}
