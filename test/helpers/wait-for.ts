/**
 * Wait for a condition another connection or process brings about (a statement blocked on a lock,
 * a process waiting). The deadline is generous, for a loaded 2-core CI machine: a test waits on
 * conditions, never on elapsed time.
 */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
