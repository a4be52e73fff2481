#!/usr/bin/env node
'use strict';
/**
 * Issue 13 §4: many tenant schemas in one PostgreSQL database, one command. `node bench/targets.js`
 * (or `npm run bench -- --only targets`). Every measured run gets a fresh database with N empty
 * tenant schemas; each variant brings every tenant from base to head (R one-table revisions):
 *
 * - a shell loop running the CLI once per schema (`TENANT=… entity-migrate upgrade`, a config with
 *   `"schema": "${TENANT}"`), which is what a project did before targets;
 * - `entity-migrate upgrade --all-targets` (default --concurrency 4);
 * - the same with `--concurrency 1`.
 *
 * Times are wall clock of the whole command (the loop: the whole bash loop); CPU is user + system
 * time of the command and every process it waited for (GNU time %U + %S, so the loop's 200 CLI
 * processes count), which a loaded machine disturbs less than wall time; peak RSS is the largest
 * process's (GNU time %M).
 */
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const fx = require('./lib/fixtures');
const pg = require('./lib/pg');
const { measure, median, minOf, fmtS, fmtMb, fmtX, table, tail } = require('./lib/util');

const REPO = resolve(__dirname, '..');
const HELP = `Usage: node bench/targets.js [options]

  --tenants N      tenant schemas in the database (default 200)
  --revisions N    one-table revisions each tenant runs (default 20)
  --runs N         measured runs per variant (default 1; the shell loop takes minutes)
  --no-loop        skip the shell-loop variant
  --loop-tenants N run the shell loop on the first N schemas only (default: all) and scale its
                   time by tenants/N, marked extrapolated: each process is independent of the others
  --bin FILE       the CLI to run (default: the repo's bin/entity-migrate.js, which needs npm run build)
  --md FILE        also write the tables as Markdown (default bench/.work/targets-last-run.md)
  -h, --help`;

const log = (msg) => process.stderr.write(`[bench:targets] ${msg}\n`);

function parseArgs(argv) {
  const o = { tenants: 200, revisions: 20, runs: 1, loop: true, loopTenants: undefined, bin: join(REPO, 'bin/entity-migrate.js'), md: join(__dirname, '.work', 'targets-last-run.md') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--tenants') o.tenants = Number(next());
    else if (a === '--revisions') o.revisions = Number(next());
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--no-loop') o.loop = false;
    else if (a === '--loop-tenants') o.loopTenants = Number(next());
    else if (a === '--bin') o.bin = resolve(next());
    else if (a === '--md') o.md = resolve(next());
    else if (a === '-h' || a === '--help') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n\n${HELP}`);
  }
  o.loopTenants ??= o.tenants;
  if (!(o.tenants >= 1 && o.revisions >= 1 && o.runs >= 1 && o.loopTenants >= 1 && o.loopTenants <= o.tenants)) throw new Error('bad numeric option');
  return o;
}

const tenant = (i) => `tenant_${String(i + 1).padStart(4, '0')}`;

/** The project: R revisions, a config with one target per schema, and one (for the loop) whose schema is ${TENANT}. */
function writeProject(dir, opts) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  fx.writeRevisions(join(dir, 'migrations/versions'), opts.revisions);
  const targets = Array.from({ length: opts.tenants }, (_, i) => ({ name: tenant(i), schema: tenant(i) }));
  writeFileSync(join(dir, 'entity-migrate.config.json'), `${JSON.stringify({ url: '${BENCH_URL}', targets }, null, 2)}\n`);
  writeFileSync(join(dir, 'one-tenant.json'), `${JSON.stringify({ url: '${BENCH_URL}', schema: '${TENANT}' }, null, 2)}\n`);
}

function freshDatabase(opts) {
  const db = pg.createDb('targets');
  const schemas = Array.from({ length: opts.tenants }, (_, i) => `CREATE SCHEMA ${tenant(i)};`).join('\n');
  pg.query(db, schemas);
  return db;
}

/** The first `tenants` tenants at head: R tables and one version row each, nothing in public. */
function checkDatabase(db, opts, tenants = opts.tenants) {
  opts = { ...opts, tenants };
  const tables = Number(pg.query(db, "SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'tenant\\_%' AND tablename LIKE 't\\_%'"));
  const head = fx.revId(opts.revisions - 1);
  const atHead = Number(
    pg.query(db, `SELECT count(*) FROM (${Array.from({ length: opts.tenants }, (_, i) => `SELECT version_num FROM ${tenant(i)}.entity_migrate_version`).join(' UNION ALL ')}) v WHERE version_num = '${head}'`),
  );
  const inPublic = Number(pg.query(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
  if (tables !== opts.tenants * opts.revisions) return `${tables} tables, expected ${opts.tenants * opts.revisions}`;
  if (atHead !== opts.tenants) return `${atHead} tenants at head, expected ${opts.tenants}`;
  if (inPublic !== 0) return `${inPublic} tables in public`;
  return undefined;
}

function variants(opts, dir) {
  const node = process.execPath;
  const list = [];
  if (opts.loop) {
    const script = `for s in ${Array.from({ length: opts.loopTenants }, (_, i) => tenant(i)).join(' ')}; do TENANT=$s "${node}" "${opts.bin}" -c one-tenant.json upgrade head --quiet || exit 1; done`;
    const scale = opts.tenants / opts.loopTenants;
    const label =
      scale === 1
        ? `shell loop: entity-migrate upgrade once per schema (${opts.tenants} processes)`
        : `shell loop: entity-migrate upgrade once per schema (${opts.loopTenants} processes, times x${scale.toFixed(2)}: extrapolated to ${opts.tenants})`;
    list.push({ key: 'loop', label, scale, tenants: opts.loopTenants, cmd: ['bash', ['-c', script]] });
  }
  list.push({ key: 'all', label: 'entity-migrate upgrade --all-targets (--concurrency 4, the default)', cmd: [node, [opts.bin, 'upgrade', 'head', '--all-targets', '--quiet']] });
  list.push({ key: 'c1', label: 'entity-migrate upgrade --all-targets --concurrency 1', cmd: [node, [opts.bin, 'upgrade', 'head', '--all-targets', '--concurrency', '1', '--quiet']] });
  for (const v of list) Object.assign(v, { samples: [], cpu: [], rss: [], failures: [], cwd: dir });
  return list;
}

async function measureVariant(v, opts) {
  const db = freshDatabase(opts);
  try {
    const cpuFile = join(v.cwd, '..', 'targets-cpu.txt');
    const r = await measure('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, v.cmd[0], ...v.cmd[1]], { cwd: v.cwd, env: { BENCH_URL: pg.url(db) } });
    const problem = r.code !== 0 ? `exit ${r.code}: ${tail(r.stderr, 3)}` : checkDatabase(db, opts, v.tenants);
    if (problem) {
      v.failures.push(problem);
      log(`  ${v.label}: FAILED — ${problem}`);
      return;
    }
    const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    // The shell loop on a subset: each process works alone, so the whole loop takes tenants/N times as long.
    const scale = v.scale ?? 1;
    v.samples.push(r.ms * scale);
    v.cpu.push((user + sys) * 1000 * scale);
    v.rss.push(r.rssMb);
    log(`  ${v.label}: ${fmtS(r.ms * scale)}  cpu ${fmtS((user + sys) * 1000 * scale)}  ${fmtMb(r.rssMb)}`);
  } finally {
    pg.dropDb(db);
  }
}

/** Measure every variant `runs` times, interleaved, and return the tables (text and Markdown). */
async function caseTargets(opts) {
  const dir = join(__dirname, '.work', 'targets');
  writeProject(dir, opts);
  const list = variants(opts, dir);
  log(`${opts.tenants} tenant schemas x ${opts.revisions} revisions, ${opts.runs} run(s) per variant, CLI ${opts.bin}`);
  for (let run = 0; run < opts.runs; run++) for (const v of list) await measureVariant(v, opts);
  const by = Object.fromEntries(list.map((v) => [v.key, v]));
  const med = (v) => (v && v.samples.length ? median(v.samples) : NaN);
  const rows = list.map((v) => [
    v.label + (v.info ? ' [info]' : ''),
    v.samples.length ? fmtS(med(v)) : `FAILED: ${v.failures[0]}`,
    v.samples.length ? fmtS(minOf(v.samples)) : '',
    String(v.samples.length),
    v.cpu.length ? fmtS(median(v.cpu)) : '',
    fmtMb(Math.max(0, ...v.rss)),
    fmtS(med(v) / opts.tenants),
    fmtX(med(by.all) / med(v)),
  ]);
  const header = ['command', 'median', 'min', 'runs', 'CPU (median)', 'peak RSS', 'per tenant', '--all-targets/this'];
  const ratios = [
    ['--all-targets / shell loop', fmtX(med(by.all) / med(by.loop))],
    ['--all-targets / --concurrency 1', fmtX(med(by.all) / med(by.c1))],
    ['--concurrency 1 / shell loop', fmtX(med(by.c1) / med(by.loop))],
    ['CPU: --all-targets / shell loop', fmtX(median(by.all?.cpu ?? []) / median(by.loop?.cpu ?? []))],
  ];
  return { rows, header, ratios };
}

async function main(args = process.argv.slice(2)) {
  const opts = parseArgs(args);
  mkdirSync(join(__dirname, '.work'), { recursive: true });
  process.on('exit', () => pg.dropAll());
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  pg.dropStale();
  const { rows, header, ratios } = await caseTargets(opts);
  const command = `node bench/targets.js ${args.join(' ')}`.trim();
  console.log(`\n${table(header, rows)}\n\n${table(['ratio', 'value'], ratios)}`);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const md = [`- command: ${command}`, `- load average at the end: ${load} (2 cores, shared)`, `- ${opts.tenants} tenant schemas x ${opts.revisions} revisions, ${opts.runs} run(s) per variant, finished ${new Date().toISOString()}`, '', table(header, rows, true), '', table(['ratio', 'value'], ratios, true), ''].join('\n');
  writeFileSync(opts.md, md);
  log(`Markdown written to ${opts.md}`);
}

module.exports = { caseTargets, main };

if (require.main === module) {
  main().catch((error) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
    process.exitCode = 1;
  });
}
