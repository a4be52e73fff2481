#!/usr/bin/env node
'use strict';
/**
 * entity-migrate vs TypeORM's own CLI, side by side on the local PostgreSQL (issue 4, "Speed,
 * measured"). `npm run bench`, or `node bench/run.js --help`.
 *
 * Each measured run gets its own fresh database (created and dropped with a unique name). Times are
 * wall-clock medians of whole CLI processes; peak RSS is the largest resident set of the process
 * (GNU time's %M, or /proc VmHWM sampling when GNU time is missing).
 */
const { cpus } = require('node:os');
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const fx = require('./lib/fixtures');
const pg = require('./lib/pg');
const peer = require('./lib/peer');
const { caseOnline } = require('./lib/online');
const { caseScale, scaleReport } = require('./lib/scale');
const { hasGnuTime, measure, run, tail, median, minOf, fmtS, fmtMb, fmtX, table } = require('./lib/util');

const REPO = resolve(__dirname, '..');
const WORK = join(__dirname, '.work');
const PEER_DIR = join(__dirname, '.peer');

// ── options ────────────────────────────────────────────────────────────────────────────────────

const HELP = `Usage: node bench/run.js [options]      (npm run bench -- [options])

  --runs N            measured runs per variant (default 5); medians are printed
  --quick             2 runs per variant, 1 for the ts-node peer variants
  --ts-node-runs N    runs for the slow ts-node peer variants (default: --runs)
  --no-ts-node        skip the typeorm-ts-node-commonjs variants (~30 s each)
  --only LIST         comma list of cases: upgrade,current,autogenerate,online (the default: all
                      four); targets (issue 13 §4, bench/targets.js), start (issue 13 §2,
                      bench/lib/start.js: app start at head) and scale (issue 13 §3,
                      bench/lib/scale.js) run only when listed;
                      \`--only online\` runs issue 11 §4 alone: an upgrade under a writer
  --online-rows N     rows in the online case's table (default 1000000)
  --online-runs N     measured runs per variant of the online case (default 1)
  --scale-entities L  entity counts of the scale case (default 200,1000,2000)
  --scale-revisions L revision counts of the scale case (default 500,5000)
  --revisions N       generated revisions / migrations (default 500)
  --entities N        generated entities (default 200)
  --no-build          use the repo's dist/ as is (default: compile src/ with tsc into
                      bench/.work/em/, so a concurrent \`npm run build\` cannot change it mid-run)
  --md FILE           also write the result tables as Markdown (default bench/.work/last-run.md)
  -h, --help`;

const CASES = ['upgrade', 'current', 'autogenerate', 'online'];

function parseArgs(argv) {
  const o = { runs: 5, tsNodeRuns: undefined, tsNode: true, only: [...CASES], onlineRows: 1_000_000, onlineRuns: 1, revisions: 500, entities: 200, scaleEntities: [200, 1000, 2000], scaleRevisions: [500, 5000], build: true, md: join(WORK, 'last-run.md') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') o.runs = Number(next());
    else if (a === '--quick') {
      o.runs = 2;
      o.tsNodeRuns ??= 1;
    } else if (a === '--ts-node-runs') o.tsNodeRuns = Number(next());
    else if (a === '--no-ts-node') o.tsNode = false;
    else if (a === '--only') o.only = next().split(',').map((s) => s.trim());
    else if (a === '--online-rows') o.onlineRows = Number(next());
    else if (a === '--online-runs') o.onlineRuns = Number(next());
    else if (a === '--revisions') o.revisions = Number(next());
    else if (a === '--entities') o.entities = Number(next());
    else if (a === '--scale-entities' || a === '--scale-revisions') o[a === '--scale-entities' ? 'scaleEntities' : 'scaleRevisions'] = next().split(',').map(Number);
    else if (a === '--no-build') o.build = false;
    else if (a === '--md') o.md = resolve(next());
    else if (a === '-h' || a === '--help') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n\n${HELP}`);
  }
  o.tsNodeRuns ??= o.runs;
  for (const c of o.only) if (![...CASES, 'targets', 'start', 'scale'].includes(c)) throw new Error(`unknown case ${c}`);
  if (!(o.runs >= 1 && o.tsNodeRuns >= 1 && o.revisions >= 1 && o.entities >= 4 && o.onlineRows >= 1 && o.onlineRuns >= 1)) throw new Error('bad numeric option');
  return o;
}

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

// ── our CLI ────────────────────────────────────────────────────────────────────────────────────

/** Compile src/ into bench/.work/em/dist and give it a bin/ and templates/ like the package's. */
function buildOurs(opts) {
  if (!opts.build) {
    const bin = join(REPO, 'bin/entity-migrate.js');
    if (!existsSync(join(REPO, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` or drop --no-build');
    return { bin, source: 'repo dist/ (--no-build)' };
  }
  const root = join(WORK, 'em');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'bin'), { recursive: true });
  log('compiling src/ with tsc into bench/.work/em/ …');
  const r = run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(root, 'dist'), '--declaration', 'false', '--sourceMap', 'false'], { cwd: REPO, allowFail: true });
  if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error(`tsc produced no dist/cli/main.js:\n${tail(r.stdout)}`);
  if (r.status !== 0) log(`warning: tsc reported errors (others are editing src/); using its output anyway:\n${tail(r.stdout, 5)}`);
  copyFileSync(join(REPO, 'bin/entity-migrate.js'), join(root, 'bin/entity-migrate.js'));
  symlinkSync(join(REPO, 'templates'), join(root, 'templates'), 'dir');
  const head = run('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, allowFail: true }).stdout.trim();
  const dirty = run('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO, allowFail: true }).stdout.trim() ? '+uncommitted src changes' : '';
  return { bin: join(root, 'bin/entity-migrate.js'), source: `src/ at ${head}${dirty ? ` ${dirty}` : ''}, compiled by tsc` };
}

function writeOurProject(dir, { revisions, entities, withEntities }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  if (revisions > 0) fx.writeRevisions(join(dir, 'migrations/versions'), revisions);
  if (withEntities) fx.writeEntities(join(dir, 'src/entities'), entities);
}

function setOurDb(dir, db, withEntities, extra = {}) {
  const config = { url: pg.url(db), ...(withEntities && { entities: ['src/entities/*.ts'] }), ...extra };
  writeFileSync(join(dir, 'entity-migrate.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

// ── measuring ──────────────────────────────────────────────────────────────────────────────────

/**
 * One variant: `setup()` makes the run's database (and anything else), returns { db, ... };
 * `cmd(ctx)` gives [command, args, { cwd, env }]; `check(result, ctx)` returns an error string or
 * undefined; `teardown(ctx)` drops what setup made.
 */
class Variant {
  constructor(spec) {
    Object.assign(this, spec);
    this.samples = [];
    this.rss = [];
    this.failures = [];
  }

  async once(record) {
    const ctx = this.setup ? this.setup() : {};
    try {
      const [cmd, args, options] = this.cmd(ctx);
      const r = await measure(cmd, args, options);
      const problem = r.code !== 0 ? `exit ${r.code}: ${firstLine(r.stderr) || firstLine(r.stdout)}` : this.check?.(r, ctx);
      if (problem) {
        this.failures.push(problem);
        log(`  ${this.label}: FAILED — ${problem}`);
        if (process.env.BENCH_DEBUG) log(`${tail(r.stdout)}\n${tail(r.stderr)}`);
        return false;
      }
      if (record) {
        this.samples.push(r.ms);
        this.rss.push(r.rssMb);
        log(`  ${this.label}: ${fmtS(r.ms)}  ${fmtMb(r.rssMb)}`);
      }
      return true;
    } finally {
      this.teardown?.(ctx);
    }
  }

  get median() {
    return median(this.samples);
  }
  get peakRss() {
    return this.rss.length ? Math.max(...this.rss) : NaN;
  }
}

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^\[bench\]/.test(l) && !/^query:/.test(l)) ?? ''
  ).slice(0, 200);
}

/** Warm up (unrecorded) then run every variant `runs` times, interleaved so drift hits all alike. */
async function measureAll(variants, { warmup = true } = {}) {
  const active = variants.filter((v) => !v.skip);
  if (warmup) {
    for (const v of active.filter((v) => v.warmup !== false)) {
      log(`  warm-up ${v.label} …`);
      if (!(await v.once(false))) v.broken = true;
    }
  }
  const maxRuns = Math.max(0, ...active.map((v) => v.runs));
  for (let i = 0; i < maxRuns; i++) {
    log(`run ${i + 1}/${maxRuns}`);
    // Each round starts one variant later: the server's speed drifts within a round (its own
    // background writes after each run's CREATE/DROP DATABASE), so a fixed order would always hand
    // the same variant the same place in that drift.
    const order = active.map((_, k) => active[(k + i) % active.length]);
    for (const v of order) if (!v.broken && i < v.runs) await v.once(true);
  }
}

// ── the cases ──────────────────────────────────────────────────────────────────────────────────

function peerCmd(kind, args) {
  // kind 'js': TypeORM's CLI on compiled JS; 'ts': typeorm-ts-node-commonjs on the .ts sources.
  const cli = join(PEER_DIR, 'node_modules/typeorm', kind === 'ts' ? 'cli-ts-node-commonjs.js' : 'cli.js');
  return [process.execPath, [cli, ...args]];
}

const countTables = (db) => Number(pg.query(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'"));

async function caseUpgrade(opts, ours) {
  const n = opts.revisions;
  const dir = join(WORK, 'ours-upgrade');
  writeOurProject(dir, { revisions: n, entities: 0, withEntities: false });
  writeFileSync(join(WORK, 'floor.sql'), fx.floorSql(n));
  writeFileSync(join(WORK, 'floor-all.sql'), fx.floorSql(n, { oneTransaction: true }));
  const cacheDir = join(WORK, 'cache/upgrade');
  rmSync(cacheDir, { recursive: true, force: true });
  const last = fx.revId(n - 1);
  const peerDir = join(WORK, 'peer');

  // The floor is exactly our DDL: compare it with what `upgrade head --sql` prints.
  let floorMatches = 'unknown';
  let exactDiffers = false;
  {
    const db = pg.createDb('sqlcheck');
    setOurDb(dir, db, false);
    const r = run(process.execPath, [ours.bin, 'upgrade', 'head', '--sql'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: cacheDir }, allowFail: true });
    pg.dropDb(db);
    if (r.status === 0) {
      const strip = (s) => s.split('\n').filter((l) => l.trim() && !l.startsWith('--')).join('\n');
        writeFileSync(join(WORK, 'ours-upgrade.sql'), r.stdout);
      const ourLines = strip(r.stdout).split('\n');
      const floorLines = strip(fx.floorSql(n)).split('\n');
      exactDiffers = ourLines.join('\n') !== floorLines.join('\n');
      floorMatches = exactDiffers
        ? `NO: ours runs ${ourLines.length} statements, the floor ${floorLines.length} (ours' script is bench/.work/ours-upgrade.sql, timed as an extra floor row)`
        : 'yes';
    } else floorMatches = `could not check (upgrade --sql exit ${r.status})`;
  }

  const checkUpgraded = (r, ctx) => {
    const tables = countTables(ctx.db);
    if (tables !== n) return `${tables} tables instead of ${n}`;
    if (ctx.versionCheck) return ctx.versionCheck(ctx.db);
    return undefined;
  };
  const fresh = (tag) => () => ({ db: pg.createDb(tag) });
  const drop = (ctx) => ctx.db && pg.dropDb(ctx.db);
  const ourVersion = (db) => {
    const v = pg.query(db, `SELECT version_num FROM "${fx.VERSION_TABLE}"`);
    return v === last ? undefined : `version table at '${v}', expected '${last}'`;
  };
  const peerCount = (db) => {
    const c = Number(pg.query(db, 'SELECT count(*) FROM migrations'));
    return c === n ? undefined : `${c} rows in migrations, expected ${n}`;
  };
  const peerEnv = (db) => ({ BENCH_DB: db, BENCH_ENTITIES: '0' });

  /** psql on one of the scripts: the floor's, or ours' own `--sql` output. */
  const psqlVariant = (label, tag, script, more = {}) =>
    new Variant({
      label,
      runs: opts.runs,
      setup: fresh(tag),
      cmd: (ctx) => ['psql', [...pg.psqlArgs(ctx.db), '-f', join(WORK, script)], {}],
      check: (r, ctx) => checkUpgraded(r, { ...ctx, versionCheck: ourVersion }),
      teardown: drop,
      ...more,
    });
  /** Ours' `upgrade head` with `config` added to the project's config. */
  const oursVariant = (label, tag, config, more = {}) =>
    new Variant({
      label,
      runs: opts.runs,
      setup: () => {
        const db = pg.createDb(tag);
        setOurDb(dir, db, false, config);
        return { db };
      },
      cmd: () => [process.execPath, [ours.bin, 'upgrade', 'head', '--quiet'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: cacheDir } }],
      check: (r, ctx) => checkUpgraded(r, { ...ctx, versionCheck: ourVersion }),
      teardown: drop,
      ...more,
    });

  const variants = {
    floor: psqlVariant('psql -f (floor)', 'floor', 'floor.sql'),
    floorAll: psqlVariant('psql -f, one transaction (floor for transactionMode all)', 'floorall', 'floor-all.sql'),
    floorExact: psqlVariant("psql -f (ours' `upgrade head --sql` script)", 'floorexact', 'ours-upgrade.sql', { info: true, skip: !exactDiffers }),
    ours: oursVariant('entity-migrate upgrade head', 'ours', {}),
    // One transaction for the whole run, as TypeORM's default `-t all`.
    oursAll: oursVariant('entity-migrate upgrade head, transactionMode all', 'ours_all', { transactionMode: 'all' }),
    // Issue 11 §1's cost: the same run without the SET LOCAL lock_timeout of each revision.
    oursNoLockTimeout: oursVariant('entity-migrate upgrade head, ddlLockTimeout 0', 'ours_nolt', { ddlLockTimeout: 0 }, { info: true }),
    peerJs: new Variant({
      label: 'typeorm migration:run -t each (JS)',
      runs: opts.runs,
      setup: fresh('peerjs'),
      cmd: (ctx) => [...peerCmd('js', ['migration:run', '-d', 'dist-data-source.js', '-t', 'each']), { cwd: peerDir, env: peerEnv(ctx.db) }],
      check: (r, ctx) => checkUpgraded(r, { ...ctx, versionCheck: peerCount }),
      teardown: drop,
    }),
    peerJsAll: new Variant({
      label: 'typeorm migration:run -t all (JS, its default)',
      runs: opts.runs,
      setup: fresh('peerjsall'),
      cmd: (ctx) => [...peerCmd('js', ['migration:run', '-d', 'dist-data-source.js']), { cwd: peerDir, env: peerEnv(ctx.db) }],
      check: (r, ctx) => checkUpgraded(r, { ...ctx, versionCheck: peerCount }),
      teardown: drop,
    }),
    peerTs: new Variant({
      label: 'typeorm-ts-node-commonjs migration:run -t each',
      runs: opts.tsNodeRuns,
      skip: !opts.tsNode,
      warmup: false,
      setup: fresh('peerts'),
      cmd: (ctx) => [...peerCmd('ts', ['migration:run', '-d', 'data-source.ts', '-t', 'each']), { cwd: peerDir, env: peerEnv(ctx.db) }],
      check: (r, ctx) => checkUpgraded(r, { ...ctx, versionCheck: peerCount }),
      teardown: drop,
    }),
  };
  log(`case 1: upgrade head of ${n} one-table revisions`);
  await measureAll(Object.values(variants));
  return { variants, notes: [`floor script identical to \`entity-migrate upgrade head --sql\`: ${floorMatches}`] };
}

async function caseCurrent(opts, ours) {
  const n = opts.revisions;
  const dir = join(WORK, 'ours-current');
  writeOurProject(dir, { revisions: n, entities: opts.entities, withEntities: true });
  const last = fx.revId(n - 1);
  const peerDir = join(WORK, 'peer');
  const cacheRoot = join(WORK, 'cache/current');
  rmSync(cacheRoot, { recursive: true, force: true });
  const warmCache = join(cacheRoot, 'warm');

  // One database each, at head, for the whole case (current and migration:show only read).
  const ourDb = pg.createDb('cur_ours');
  setOurDb(dir, ourDb, true);
  run(process.execPath, [ours.bin, 'upgrade', 'head', '--quiet'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: join(cacheRoot, 'setup') } });
  const peerDb = pg.createDb('cur_peer');
  run(...peerCmd('js', ['migration:run', '-d', 'dist-data-source.js']), { cwd: peerDir, env: { BENCH_DB: peerDb, BENCH_ENTITIES: '0' } });
  rmSync(join(cacheRoot, 'setup'), { recursive: true, force: true });

  const checkOurs = (r) => (r.stdout.includes(last) ? undefined : `output does not name ${last}: ${firstLine(r.stdout)}`);
  const checkPeer = (r) => {
    const applied = (r.stdout.match(/\[X\]/g) ?? []).length;
    return applied === n ? undefined : `${applied} applied migrations listed, expected ${n}`;
  };
  const peerEnv = { BENCH_DB: peerDb, BENCH_ENTITIES: '1' };
  let coldN = 0;
  const variants = {
    oursCold: new Variant({
      label: 'entity-migrate current (cold transpile cache)',
      runs: Math.min(opts.runs, 3),
      setup: () => ({ cache: join(cacheRoot, `cold-${++coldN}`) }),
      cmd: (ctx) => [process.execPath, [ours.bin, 'current'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: ctx.cache } }],
      check: checkOurs,
      teardown: (ctx) => rmSync(ctx.cache, { recursive: true, force: true }),
      warmup: false,
    }),
    ours: new Variant({
      label: 'entity-migrate current (warm cache)',
      runs: opts.runs,
      cmd: () => [process.execPath, [ours.bin, 'current'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: warmCache } }],
      check: checkOurs,
    }),
    peerJs: new Variant({
      label: 'typeorm migration:show (JS)',
      runs: opts.runs,
      cmd: () => [...peerCmd('js', ['migration:show', '-d', 'dist-data-source.js']), { cwd: peerDir, env: peerEnv }],
      check: checkPeer,
    }),
    peerTs: new Variant({
      label: 'typeorm-ts-node-commonjs migration:show',
      runs: opts.tsNodeRuns,
      skip: !opts.tsNode,
      warmup: false,
      cmd: () => [...peerCmd('ts', ['migration:show', '-d', 'data-source.ts']), { cwd: peerDir, env: peerEnv }],
      check: checkPeer,
    }),
  };
  log(`case 2: cold start of current with ${n} TS revisions and ${opts.entities} TS entities`);
  try {
    // The cold-cache runs go first, before the warm-up fills anything.
    await measureAll([variants.oursCold], { warmup: false });
    await measureAll([variants.ours, variants.peerJs, variants.peerTs]);
  } finally {
    pg.dropDb(ourDb);
    pg.dropDb(peerDb);
  }
  return { variants, notes: [] };
}

async function caseAutogenerate(opts, ours) {
  const m = opts.entities;
  const dir = join(WORK, 'ours-autogen');
  writeOurProject(dir, { revisions: 0, entities: m, withEntities: true });
  const versions = join(dir, 'migrations/versions');
  const peerDir = join(WORK, 'peer');
  const genDir = join(peerDir, 'gen');
  const cacheRoot = join(WORK, 'cache/autogen');
  rmSync(cacheRoot, { recursive: true, force: true });
  const warmCache = join(cacheRoot, 'warm');

  const clearVersions = () => {
    for (const f of readdirSync(versions)) rmSync(join(versions, f), { force: true });
  };
  const countIn = (text, re) => (text.match(re) ?? []).length;
  const checkOurs = () => {
    const files = readdirSync(versions).filter((f) => f.endsWith('.ts'));
    if (files.length !== 1) return `expected one revision file, found ${files.length}`;
    const text = readFileSync(join(versions, files[0]), 'utf8');
    const tables = countIn(text, /op\.createTable\(/g);
    return tables >= m ? undefined : `revision creates ${tables} tables, expected ${m}`;
  };
  const checkPeer = () => {
    const files = existsSync(genDir) ? readdirSync(genDir) : [];
    if (files.length !== 1) return `expected one migration file, found ${files.length}`;
    const tables = countIn(readFileSync(join(genDir, files[0]), 'utf8'), /CREATE TABLE/g);
    return tables >= m ? undefined : `migration creates ${tables} tables, expected ${m}`;
  };
  let coldN = 0;
  const oursSetup = (cache) => () => {
    clearVersions();
    const db = pg.createDb('gen_ours');
    setOurDb(dir, db, true);
    return { db, cache: cache ?? join(cacheRoot, `cold-${++coldN}`) };
  };
  const oursTeardown = (cold) => (ctx) => {
    pg.dropDb(ctx.db);
    if (cold) rmSync(ctx.cache, { recursive: true, force: true });
  };
  const oursCmd = (ctx) => [process.execPath, [ours.bin, 'revision', '--autogenerate', '-m', 'x', '--quiet'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: ctx.cache } }];
  const peerSetup = () => {
    rmSync(genDir, { recursive: true, force: true });
    return { db: pg.createDb('gen_peer') };
  };
  const peerTeardown = (ctx) => {
    pg.dropDb(ctx.db);
    rmSync(genDir, { recursive: true, force: true });
  };
  const peerEnv = (db) => ({ BENCH_DB: db, BENCH_ENTITIES: '1', BENCH_MIGRATIONS: '0' });
  const variants = {
    oursCold: new Variant({ label: 'entity-migrate revision --autogenerate (cold cache)', info: true, runs: 1, warmup: false, setup: oursSetup(), cmd: oursCmd, check: checkOurs, teardown: oursTeardown(true) }),
    ours: new Variant({ label: 'entity-migrate revision --autogenerate (warm cache)', runs: opts.runs, setup: oursSetup(warmCache), cmd: oursCmd, check: checkOurs, teardown: oursTeardown(false) }),
    peerJs: new Variant({
      label: 'typeorm migration:generate (JS)',
      info: true,
      runs: opts.runs,
      setup: peerSetup,
      cmd: (ctx) => [...peerCmd('js', ['migration:generate', 'gen/Bench', '-d', 'dist-data-source.js']), { cwd: peerDir, env: peerEnv(ctx.db) }],
      check: checkPeer,
      teardown: peerTeardown,
    }),
    peerTs: new Variant({
      label: 'typeorm-ts-node-commonjs migration:generate',
      runs: opts.tsNodeRuns,
      skip: !opts.tsNode,
      warmup: false,
      setup: peerSetup,
      cmd: (ctx) => [...peerCmd('ts', ['migration:generate', 'gen/Bench', '-d', 'data-source.ts']), { cwd: peerDir, env: peerEnv(ctx.db) }],
      check: checkPeer,
      teardown: peerTeardown,
    }),
  };
  log(`case 3: autogenerate on ${m} TS entities against an empty database`);
  // Is autogenerate wired? One cold run tells (and is the cold-cache figure).
  await measureAll([variants.oursCold], { warmup: false });
  const notes = [];
  if (variants.oursCold.failures.length) {
    variants.ours.skip = true;
    variants.ours.unavailable = `not available: ${variants.oursCold.failures[0]}`;
    notes.push(`ours: ${variants.ours.unavailable}`);
  }
  await measureAll([variants.ours, variants.peerJs, variants.peerTs]);
  clearVersions();
  return { variants, notes };
}

// ── report ─────────────────────────────────────────────────────────────────────────────────────

function report(opts, ours, results, startedAt) {
  const rows = [];
  const targets = [];
  const ratio = (a, b) => (a && b && a.samples.length && b.samples.length ? a.median / b.median : NaN);
  const row = (kase, v, base) => {
    if (!v) return;
    const status = v.skip ? (v.unavailable ?? 'skipped') : v.broken || (!v.samples.length && v.failures.length) ? `FAILED: ${v.failures[0]}` : '';
    const short = status.length > 70 ? `${status.slice(0, 67)}...` : status;
    rows.push([kase, v.label + (v.info ? ' [info]' : ''), v.samples.length ? `${fmtS(v.median)}${v.failures.length ? ` (${v.failures.length} failed)` : ''}` : short || 'n/a', v.samples.length ? fmtS(minOf(v.samples)) : '', v.samples.length ? String(v.samples.length) : '0', fmtMb(v.peakRss), base ? fmtX(ratio(base, v)) : '']);
  };
  const target = (what, value, limit, fmt, note = '') => {
    const ok = Number.isFinite(value) ? (value <= limit ? 'PASS' : 'MISS') : 'n/a';
    targets.push([what, Number.isFinite(value) ? fmt(value) : 'n/a', `≤ ${fmt(limit)}`, ok, note]);
  };
  const info = (what, value, fmt, note = '') => targets.push([`${what} [info]`, Number.isFinite(value) ? fmt(value) : 'n/a', '–', '–', note]);

  const up = results.upgrade?.variants;
  // Rows in one transaction compare with ours in one transaction; the others with ours' default.
  const oneTransaction = new Set(['floorAll', 'peerJsAll']);
  if (up) {
    for (const k of ['floor', 'floorExact', 'ours', 'oursNoLockTimeout', 'peerJs', 'peerTs']) if (!(k === 'floorExact' && up[k].skip)) row('upgrade', up[k], k === 'ours' ? undefined : up.ours);
    for (const k of ['floorAll', 'oursAll', 'peerJsAll']) row('upgrade', up[k], oneTransaction.has(k) ? up.oursAll : undefined);
  }
  const cur = results.current?.variants;
  if (cur) for (const k of ['oursCold', 'ours', 'peerJs', 'peerTs']) row('current', cur[k], k.startsWith('ours') ? undefined : cur.ours);
  const gen = results.autogenerate?.variants;
  if (gen) for (const k of ['oursCold', 'ours', 'peerJs', 'peerTs']) row('autogenerate', gen[k], k.startsWith('ours') ? undefined : gen.ours);

  if (up) {
    // Issue 13 §1: ≤ 1.25× the floor with the same transaction boundaries, ≤ 0.8× TypeORM in both its modes.
    target('upgrade: ours / psql floor (a transaction per revision)', ratio(up.ours, up.floor), 1.25, fmtX);
    target('upgrade: ours transactionMode all / psql floor in one transaction', ratio(up.oursAll, up.floorAll), 1.25, fmtX);
    target('upgrade: ours / TypeORM compiled JS -t each', ratio(up.ours, up.peerJs), 0.8, fmtX);
    target('upgrade: ours transactionMode all / TypeORM compiled JS -t all (its default)', ratio(up.oursAll, up.peerJsAll), 0.8, fmtX);
    if (!up.floorExact.skip) info("upgrade: ours / psql on ours' own --sql script", ratio(up.ours, up.floorExact), fmtX);
    info('upgrade: ours (default, a transaction per revision) / TypeORM -t all (its default)', ratio(up.ours, up.peerJsAll), fmtX);
    info('upgrade: ours / ours with ddlLockTimeout 0 (cost of SET LOCAL lock_timeout)', ratio(up.ours, up.oursNoLockTimeout), fmtX);
    if (!up.peerTs.skip) info('upgrade: ours / TypeORM ts-node', ratio(up.ours, up.peerTs), fmtX);
  }
  if (cur) {
    target('cold start: `current`, warm transpile cache', cur.ours.median, 350, fmtS);
    info('cold start: `current`, cold transpile cache', cur.oursCold.median, fmtS, 'first run after files change');
    target('cold start: ours / TypeORM migration:show ts-node', ratio(cur.ours, cur.peerTs), 0.05, fmtX);
    info('cold start: ours / TypeORM migration:show JS', ratio(cur.ours, cur.peerJs), fmtX);
  }
  if (gen) {
    target('autogenerate: ours / TypeORM ts-node migration:generate', ratio(gen.ours, gen.peerTs), 0.1, fmtX);
    info('autogenerate: ours / TypeORM JS migration:generate', ratio(gen.ours, gen.peerJs), fmtX);
  }
  const online = results.online ? onlineReport(results.online.online) : undefined;
  if (online) targets.push(...online.targets);
  const ourRss = [up?.ours, up?.oursAll, cur?.ours, cur?.oursCold, gen?.ours, gen?.oursCold].filter(Boolean).flatMap((v) => v.rss);
  if (ourRss.length) target('peak RSS of entity-migrate (all its runs)', Math.max(...ourRss), 150, fmtMb);

  const header = ['case', 'command', 'median', 'min', 'runs', 'peak RSS', 'ours/this'];
  const tHeader = ['target', 'measured', 'limit', 'result', 'note'];
  const notes = Object.entries(results).flatMap(([k, r]) => r.notes.map((n) => `${k}: ${n}`));
  const machine = `${cpus().length} cores (${cpus()[0]?.model?.trim() ?? '?'}), Node ${process.version}, PostgreSQL ${pg.query(pg.PG.adminDb, 'SHOW server_version')}, RSS via ${hasGnuTime ? '/usr/bin/time %M' : '/proc VmHWM sampling'}`;
  const cmdline = `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim();
  const meta = [
    `command: ${cmdline}`,
    `machine: ${machine}`,
    `ours: ${ours.source}; peer: ${Object.entries(peer.PINS).map(([n, v]) => `${n}@${v}`).join(', ')}`,
    `fixtures: ${opts.revisions} revisions/migrations, ${opts.entities} entities; runs ${opts.runs} (ts-node ${opts.tsNode ? opts.tsNodeRuns : 'skipped'}); finished ${new Date().toISOString()} after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
    ...notes,
  ];

  console.log('');
  console.log(meta.join('\n'));
  console.log('');
  if (rows.length) console.log(table(header, rows));
  if (online) console.log(`\n${table(online.header, online.rows)}`);
  if (results.scale) console.log(`\n${results.scale.note}\n${table(results.scale.header, results.scale.rows)}`);
  console.log('');
  console.log(table(tHeader, targets));

  const md = [
    ...meta.map((m) => `- ${m}`),
    '',
    ...(rows.length ? [table(header, rows, true), ''] : []),
    ...(online ? [table(online.header, online.rows, true), ''] : []),
    ...(results.scale ? [results.scale.note, '', table(results.scale.header, results.scale.rows, true), ''] : []),
    table(tHeader, targets, true),
    '',
  ].join('\n');
  mkdirSync(resolve(opts.md, '..'), { recursive: true });
  writeFileSync(opts.md, md);
  const json = Object.fromEntries(
    Object.entries(results).map(([k, r]) => [
      k,
      r.online ?? r.scaleRows ??
      Object.fromEntries(Object.entries(r.variants).map(([vk, v]) => [vk, { label: v.label, samplesMs: v.samples, rssMb: v.rss, failures: v.failures, skipped: Boolean(v.skip) }])),
    ]),
  );
  writeFileSync(join(WORK, 'last-run.json'), `${JSON.stringify({ meta, targets, results: json }, null, 2)}\n`);
  log(`Markdown written to ${relative(process.cwd(), opts.md)}, raw samples to ${relative(process.cwd(), join(WORK, 'last-run.json'))}`);
}

/** Issue 11 §4: the writer's longest wait, its failures and the upgrade's time, per variant; targets for online. */
function onlineReport(online) {
  const header = ['online case: command', 'upgrade time (median)', 'longest write', 'writes > 100 ms', 'failed writes', 'writes', 'skipped 5 ms ticks', 'check after', 'note values lost', 'runs'];
  const rows = [];
  const stats = {};
  for (const [key, v] of Object.entries(online)) {
    const ok = v.runs.filter((r) => !r.failure);
    const s = {
      ms: median(ok.map((r) => r.ms)),
      maxWrite: v.runs.length ? Math.max(...v.runs.map((r) => r.writes.maxMs)) : NaN,
      failed: v.runs.reduce((n, r) => n + r.writes.failed, 0),
      clean: v.runs.length > 0 && v.runs.every((r) => r.check === 'clean'),
    };
    stats[key] = s;
    if (!v.runs.length) {
      rows.push([v.label, v.unavailable ?? 'n/a', '', '', '', '', '', '', '', '0']);
      continue;
    }
    const failures = v.runs.filter((r) => r.failure).map((r) => r.failure);
    rows.push([
      v.label,
      ok.length ? fmtS(s.ms) : `FAILED: ${failures[0]}`.slice(0, 90),
      `${s.maxWrite.toFixed(0)} ms`,
      String(v.runs.reduce((n, r) => n + r.writes.over100Ms, 0)),
      String(s.failed),
      String(v.runs.reduce((n, r) => n + r.writes.writes + r.writes.failed, 0)),
      String(v.runs.reduce((n, r) => n + r.writes.skippedTicks, 0)),
      [...new Set(v.runs.map((r) => r.check))].join(' / ').slice(0, 90),
      String(Math.max(...v.runs.map((r) => r.notesLost))),
      String(v.runs.length),
    ]);
  }
  const o = stats.ours_online;
  const available = online.ours_online.runs.length > 0;
  const na = online.ours_online.unavailable ? 'not available' : 'n/a';
  const verdict = (pass) => (available ? (pass ? 'PASS' : 'MISS') : 'n/a');
  const targets = [
    ['online: longest single write', available ? `${o.maxWrite.toFixed(0)} ms` : na, '≤ 100 ms', verdict(o.maxWrite <= 100), `default: ${fmtMsOr(stats.ours?.maxWrite)}, TypeORM: ${fmtMsOr(stats.peer?.maxWrite)}`],
    ['online: failed writes', available ? String(o.failed) : na, '0', verdict(o.failed === 0), ''],
    ['online: `check` clean afterwards', available ? (o.clean ? 'clean' : 'pending ops') : na, 'clean', verdict(o.clean), ''],
    ['online: upgrade time / default [info]', available ? fmtX(o.ms / stats.ours.ms) : na, '–', '–', `default ${fmtS(stats.ours?.ms)}, online ${fmtS(o?.ms)}`],
  ];
  return { header, rows, targets };
}

const fmtMsOr = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : 'n/a');

// ── main ───────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  mkdirSync(WORK, { recursive: true });
  const cleanup = () => pg.dropAll();
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  }
  pg.dropStale();

  const ours = buildOurs(opts);
  // targets and start need no peer; scale uses the peer's CLI but its own project.
  const ownOnly = ['targets', 'start'];
  if (opts.only.some((c) => !ownOnly.includes(c))) peer.ensurePeerInstalled(PEER_DIR, log);
  if (opts.only.some((c) => !['online', 'scale', ...ownOnly].includes(c))) peer.preparePeerProject({ projectDir: join(WORK, 'peer'), peerDir: PEER_DIR, entities: opts.entities, revisions: opts.revisions, log });

  const results = {};
  if (opts.only.includes('upgrade')) results.upgrade = await caseUpgrade(opts, ours);
  if (opts.only.includes('current')) results.current = await caseCurrent(opts, ours);
  if (opts.only.includes('autogenerate')) results.autogenerate = await caseAutogenerate(opts, ours);
  if (opts.only.includes('online')) results.online = await caseOnline(opts, ours, { work: WORK, peerDir: PEER_DIR, log });
  // Issue 13 §4 (tenant schemas): its own file and tables; `node bench/targets.js` runs it alone.
  if (opts.only.includes('targets')) await require('./targets').main(['--bin', ours.bin, '--runs', String(Math.min(opts.runs, 2))]);
  // Issue 13 §2 (app start at head): its own tables, printed as it finishes.
  if (opts.only.includes('start')) await require('./lib/start').caseStart(opts, ours, { work: WORK, log });
  if (opts.only.includes('scale')) {
    const measured = await caseScale(opts, ours, { work: WORK, peerDir: PEER_DIR, log });
    results.scale = { ...scaleReport(measured), scaleRows: measured.rows, notes: [] };
  }
  report(opts, ours, results, startedAt);
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
});
