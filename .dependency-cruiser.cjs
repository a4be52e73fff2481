/**
 * The import rules of ARCHITECTURE.md, checked by `npm run lint:architecture` (and by
 * test/architecture.test.ts): imports run one way, cli → runtime → autogenerate → ops ← dialects,
 * with no cycles (type-only imports included).
 */
const layer = (name, mayNotImport, why) => ({
  name: `${name}-stays-in-its-layer`,
  comment: why,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${mayNotImport.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle hides which module depends on which; break it with a narrower interface.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer('ops', ['dialects', 'runtime', 'autogenerate', 'cli', 'config', 'load', 'script'], 'ops/ defines the op IR and the execution contract; the dialects implement it.'),
    layer('dialects', ['runtime', 'autogenerate', 'cli', 'config', 'load', 'script'], 'A dialect knows its database and the ops, nothing of the commands that use it.'),
    layer('autogenerate', ['runtime', 'cli', 'load', 'script'], 'Autogenerate compares a DataSource with its database; running revisions is the runtime.'),
    layer('script', ['runtime', 'cli', 'autogenerate'], 'Revision files and the graph know nothing of how they are run.'),
    layer('config', ['load', 'runtime', 'cli', 'autogenerate', 'script'], 'Settings come first in the flow; later stages read them.'),
    layer('load', ['runtime', 'cli', 'autogenerate', 'script'], 'Loading modules and the DataSource comes before anything runs.'),
    layer('runtime', ['cli'], 'The programmatic API must work without the CLI.'),
    {
      name: 'typeorm-internals-is-a-leaf',
      comment: "TypeORM's non-public members are reached from one module, which depends on nothing of ours.",
      severity: 'error',
      from: { path: '^src/typeorm-internals' },
      to: { path: '^src/(?!typeorm-internals)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist|test|examples|compat)' },
  },
};
