'use strict';
/**
 * Issue 13 §2, the app's side: what an app instance does at boot, `createMigrator(…).upgrade('head')`
 * on an initialized DataSource, run in this process and timed with performance.now(). Started by
 * bench/lib/start.js as `node start-probe.js JSON`; prints one JSON line.
 *
 * JSON: { dist, dataSource, migrationsDir, cwd, mode, runs }
 * - mode 'in-process': warm-up upgrade (fills caches), then `runs` upgrades on the same migrator,
 *   then `runs` upgrades each on a new migrator (what an app does at a second boot in one process);
 * - mode 'boot': one new migrator and one upgrade, nothing before it (a fresh process does this).
 *
 * Revision modules executed are counted from require's cache (revisions load through require): an
 * upgrade at head must execute none.
 */
const { resolve, sep } = require('node:path');
const { performance } = require('node:perf_hooks');

const spec = JSON.parse(process.argv[2]);
const versionsDir = resolve(spec.cwd, spec.migrationsDir, 'versions') + sep;
/** Revision modules executed so far: they are loaded through require, so they sit in its cache. */
const revisionModulesLoaded = () => Object.keys(require.cache).filter((file) => file.startsWith(versionsDir)).length;

async function main() {
  const { createMigrator } = require(spec.dist);
  // The DataSource class of the TypeORM the dist resolves, as an app shares it with the library.
  const { DataSource } = require(require.resolve('typeorm', { paths: [spec.dist] }));
  const dataSource = new DataSource(spec.dataSource);
  await dataSource.initialize();
  const options = { dataSource, migrationsDir: spec.migrationsDir, cwd: spec.cwd };
  const out = { mode: spec.mode };
  try {
    const boot = async () => {
      const migrator = await createMigrator(options);
      const result = await migrator.upgrade('head');
      if (result.steps.length !== 0) throw new Error(`not at head: ${result.steps.length} revisions ran`);
      return migrator;
    };
    if (spec.mode === 'boot') {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await boot();
      out.ms = performance.now() - t0;
      out.cpuMs = cpuMs(process.cpuUsage(cpu0));
    } else {
      const migrator = await boot(); // warm-up: transpile cache, revision index, TypeORM's lazy parts
      out.sameMigrator = await timed(spec.runs, async () => {
        const result = await migrator.upgrade('head');
        if (result.steps.length !== 0) throw new Error('not at head');
      });
      out.newMigrator = await timed(spec.runs, boot);
    }
    out.revisionModulesLoaded = revisionModulesLoaded();
  } finally {
    await dataSource.destroy();
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function timed(runs, fn) {
  const samples = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { samples, cpuMsPerRun: cpuMs(process.cpuUsage(cpu0)) / runs };
}

const cpuMs = (usage) => (usage.user + usage.system) / 1000;

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
