/**
 * JSON config files: parse with a `file:line:col` on error, then fill `${VAR}` from the environment.
 */
import { ConfigError } from '../errors';
import { displayPath } from '../display-path';

/** `JSON.parse`, but a syntax error becomes one line: `file:LINE:COL: <reason>`. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    // V8 says "… in JSON at position N" (newer versions add "(line L column C)"), or "Unexpected end".
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of (JSON )?input/i.test(message) ? text.length : 0;
    const { line, column } = lineColumn(text, offset);
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/^JSON\.parse:\s*/, '');
    throw new ConfigError('CONFIG_INVALID', `${displayPath(file)}:${line}:${column}: invalid JSON: ${reason}`, { cause: error });
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/**
 * Replace `${VAR}` and `${VAR:-default}` in every string value (not keys) with the environment's
 * value; `$${…}` stays literal. An unset variable without a default is an error naming it, except
 * at paths `optional` accepts (the connection keys, when `--url`/`DATABASE_URL` replaces them),
 * where it becomes empty.
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  file: string,
  path = '',
  optional: (path: string) => boolean = () => false,
): unknown {
  if (typeof value === 'string') return interpolateString(value, env, file, path, optional(path));
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnv(item, env, file, `${path}[${i}]`, optional));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = interpolateEnv(item, env, file, path ? `${path}.${key}` : key, optional);
    }
    return out;
  }
  return value;
}

const PLACEHOLDER = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-(.*?))?\}/g;

function interpolateString(text: string, env: NodeJS.ProcessEnv, file: string, path: string, optional: boolean): string {
  return text.replace(PLACEHOLDER, (whole, escaped: string, name: string, fallback: string | undefined) => {
    if (escaped) return whole.slice(1);
    const value = env[name];
    // Like the shell's :- : an empty variable also takes the default.
    if (value !== undefined && (value !== '' || fallback === undefined)) return value;
    if (fallback !== undefined) return fallback;
    if (optional) return '';
    throw new ConfigError(
      'CONFIG_INVALID',
      `${displayPath(file)}: environment variable ${name} is not set (used in "${path}"); set it or write \${${name}:-default}`,
    );
  });
}
