/**
 * Autogenerate (the schema-builder hook, its passes, the renderer) loads only when a command
 * uses it, so that `current` and `upgrade` start without it.
 */
export function loadAutogenerate(): typeof import('./index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./index') as typeof import('./index');
}
