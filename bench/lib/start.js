'use strict';
/**
 * Issue 13 §2: app start when the database is already at head (`node bench/run.js --only start`).
 * Target: ≤ 30 ms in-process with a warm cache, and no revision module executed.
 *
 * For PostgreSQL and SQLite, one database brought to head with the 500 fixture revisions, then:
 * - in one process (bench/lib/start-probe.js): a warm-up upgrade('head'), then M timed ones on the
 *   same migrator and M on a new migrator each (median/min/max, CPU per run, modules loaded; M is
 *   3 × N, at least 30);
 * - N fresh `node` processes doing what an app does at boot (initialize a DataSource, createMigrator,
 *   upgrade('head'), destroy): wall and CPU (user+sys, GNU time) of the whole process, and the
 *   upgrade's own time inside it;
 * - N runs of the CLI, `entity-migrate upgrade head` at head: wall and CPU.
 * The transpile cache is warm for all of them (the setup upgrade filled it).
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const fx = require('./fixtures');
const pg = require('./pg');
const { run, median, table } = require('./util');

const PROBE = join(__dirname, 'start-probe.js');
const GNU_TIME = '/usr/bin/time';

/** Run a command under GNU time: { wallMs, cpuMs, stdout } (throws on a non-zero exit). */
function timedProcess(cmd, args, { cwd, env }) {
  const report = join(cwd, '.time');
  const r = spawnSync(GNU_TIME, ['-f', '%e %U %S', '-o', report, cmd, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
  const [wall, user, sys] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wallMs: wall * 1000, cpuMs: (user + sys) * 1000, stdout: r.stdout };
}

const stats = (samples) => ({ median: median(samples), min: Math.min(...samples), max: Math.max(...samples) });
const ms = (v) => `${v.toFixed(1)} ms`;

async function caseStart(opts, ours, { work, log }) {
  const n = opts.revisions;
  const runs = Math.max(opts.runs, 5);
  // In one process a run costs milliseconds: enough of them that the median is past V8's warm-up.
  const inProcessRuns = Math.max(runs * 3, 30);
  const dir = join(work, 'start');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  fx.writeRevisions(join(dir, 'migrations/versions'), n);
  const cacheDir = join(work, 'cache/start');
  rmSync(cacheDir, { recursive: true, force: true });
  const env = { ENTITY_MIGRATE_CACHE_DIR: cacheDir };
  const dist = join(dirname(ours.bin), '../dist/index.js');
  const rows = [];
  const results = {};

  const dialects = [
    { name: 'postgres', make: () => ({ db: pg.createDb('start'), config: (db) => ({ url: pg.url(db) }), dataSource: (db) => ({ type: 'postgres', url: pg.url(db) }) }) },
    {
      name: 'sqlite',
      make: () => ({ db: join(dir, 'start.sqlite'), config: (db) => ({ type: 'better-sqlite3', database: db }), dataSource: (db) => ({ type: 'better-sqlite3', database: db }) }),
    },
  ];
  for (const dialect of dialects) {
    const made = dialect.make();
    try {
      writeFileSync(join(dir, 'entity-migrate.config.json'), `${JSON.stringify(made.config(made.db), null, 2)}\n`);
      log(`start (${dialect.name}): bringing the database to head (${n} revisions) …`);
      run(process.execPath, [ours.bin, 'upgrade', 'head', '--quiet'], { cwd: dir, env });
      const spec = { dist, dataSource: made.dataSource(made.db), migrationsDir: 'migrations', cwd: dir };

      log(`start (${dialect.name}): in one process, ${inProcessRuns} + ${inProcessRuns} upgrades at head …`);
      const inProcess = JSON.parse(run(process.execPath, [PROBE, JSON.stringify({ ...spec, mode: 'in-process', runs: inProcessRuns })], { cwd: dir, env }).stdout.trim().split('\n').pop());
      const boots = [];
      for (let i = 0; i < runs; i++) {
        const p = timedProcess(process.execPath, [PROBE, JSON.stringify({ ...spec, mode: 'boot' })], { cwd: dir, env });
        boots.push({ ...p, probe: JSON.parse(p.stdout.trim().split('\n').pop()) });
      }
      const clis = [];
      for (let i = 0; i < runs; i++) clis.push(timedProcess(process.execPath, [ours.bin, 'upgrade', 'head', '--quiet'], { cwd: dir, env }));

      const same = stats(inProcess.sameMigrator.samples);
      const fresh = stats(inProcess.newMigrator.samples);
      const bootUpgrade = stats(boots.map((b) => b.probe.ms));
      const bootWall = stats(boots.map((b) => b.wallMs));
      const cliWall = stats(clis.map((c) => c.wallMs));
      const modules = Math.max(inProcess.revisionModulesLoaded, ...boots.map((b) => b.probe.revisionModulesLoaded));
      const row = (what, s, cpu, loaded) => rows.push([dialect.name, what, ms(s.median), ms(s.min), ms(s.max), cpu === undefined ? '' : ms(cpu), loaded === undefined ? '' : String(loaded)]);
      row('in-process, same migrator (warm)', same, inProcess.sameMigrator.cpuMsPerRun, inProcess.revisionModulesLoaded);
      row('in-process, new migrator each time (warm)', fresh, inProcess.newMigrator.cpuMsPerRun);
      row('fresh node process: createMigrator + upgrade inside it', bootUpgrade, median(boots.map((b) => b.probe.cpuMs)), Math.max(...boots.map((b) => b.probe.revisionModulesLoaded)));
      row('fresh node process: whole process (wall / CPU)', bootWall, median(boots.map((b) => b.cpuMs)));
      row('CLI `entity-migrate upgrade head` at head (wall / CPU)', cliWall, median(clis.map((c) => c.cpuMs)));
      results[dialect.name] = { inProcess, boots: boots.map(({ stdout: _, ...b }) => b), clis: clis.map(({ stdout: _, ...c }) => c), modules };
    } finally {
      if (dialect.name === 'postgres') pg.dropDb(made.db);
      else rmSync(made.db, { force: true });
    }
  }
  const header = ['dialect', 'start at head (500 revisions)', 'median', 'min', 'max', 'CPU (median)', 'revision modules loaded'];
  console.log(`\n${table(header, rows)}\n`);
  const target = Math.max(...Object.values(results).map((r) => median(r.inProcess.newMigrator.samples)));
  const loaded = Math.max(...Object.values(results).map((r) => r.modules));
  const verdict = [
    `in-process warm, new migrator, worst dialect's median: ${ms(target)} (target ≤ 30 ms: ${target <= 30 ? 'PASS' : 'MISS'})`,
    `revision modules executed at head: ${loaded} (target 0: ${loaded === 0 ? 'PASS' : 'MISS'})`,
  ];
  console.log(verdict.join('\n'));
  return { table: { header, rows }, verdict, results };
}

module.exports = { caseStart };
