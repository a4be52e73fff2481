/**
 * A resource made fresh for each test of a describe block (a project, a database, an op harness)
 * and closed after it, used in the tests like a constant:
 *
 *   const project = projectPerTest(createSqliteDatabase);
 *   test('…', async () => { project.writeConfig(); … });
 *
 * What `perTest` returns stands for the current test's resource: every property read goes to it.
 * With `scope: 'all'` one resource serves every test of the block (beforeAll / afterAll).
 */
export interface PerTestOptions {
  scope?: 'each' | 'all';
}

export function perTest<T extends object>(open: () => Promise<T>, close: (resource: T) => Promise<void> | void, options: PerTestOptions = {}): T {
  let current: T | undefined;
  const [before, after] = options.scope === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    current = await open();
  });
  after(async () => {
    const resource = current;
    current = undefined;
    if (resource) await close(resource);
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!current) throw new Error(`perTest: .${String(key)} read outside a test, or its set-up failed`);
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
