/**
 * Wait for a condition another connection or process brings about (a statement blocked on a lock,
 * a process waiting). The deadline is generous, for a loaded 2-core CI machine: a test waits on
 * conditions, never on elapsed time. EM_TEST_TIME_SCALE (a factor, default 1) stretches every
 * deadline and jest's test timeout (jest.config.js) on a machine slower still.
 */
export const TIME_SCALE = Number(process.env.EM_TEST_TIME_SCALE) > 0 ? Number(process.env.EM_TEST_TIME_SCALE) : 1;

/** `ms` stretched by EM_TEST_TIME_SCALE: for deadlines and jest.setTimeout, never for assertions. */
export function scaled(ms: number): number {
  return Math.round(ms * TIME_SCALE);
}

export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + scaled(timeoutMs);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
