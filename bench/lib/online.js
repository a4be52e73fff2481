'use strict';
/**
 * Issue 11 §4: does an upgrade stop the application's writes? (`npm run bench -- --only online`)
 *
 * A PostgreSQL table `account` of 1,000,000 rows (--online-rows) is made once, in a template
 * database, at the schema of entities/before.js. Each measured run copies it into a fresh database,
 * writes the revision that brings it to entities/after.js, starts bench/lib/writer.js (one INSERT
 * every 5 ms over its own connection), times the upgrade, and stops the writer. The revision does
 * what the issue names: add an index, add a unique pair, add a foreign key to a new table, widen a
 * varchar, add a NOT NULL boolean with a default.
 *
 * Variants: ours (`revision --autogenerate`, `upgrade head`), ours online (`revision --autogenerate
 * --online`; reported "not available" while the CLI refuses the flag), and TypeORM's own SQL
 * (`migration:generate --outputJs`, `migration:run`). After each run, ours' `check` against the
 * after-entities tells whether the database ended where the entities say.
 */
const { spawn } = require('node:child_process');
const { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const pg = require('./pg');
const { measure, run, tail } = require('./util');

const INIT_REV = '0000000000a1';
const ONLINE_REV = '0000000000b2';

/** The schema before and after, as EntitySchema objects: the same JS file serves us and the peer, uncompiled. */
function entitiesSource(stage) {
  const after = stage === 'after';
  return `'use strict';
const { EntitySchema } = require('typeorm');

const id = { type: 'int', primary: true, generated: 'increment' };

exports.Org = new EntitySchema({
  name: 'Org',
  tableName: 'org',
  columns: {
    id,
    name: { type: 'varchar', length: 100 },
  },
});

exports.Account = new EntitySchema({
  name: 'Account',
  tableName: 'account',
  columns: {
    id,
    email: { type: 'varchar', length: 100 },
    tenant: { type: 'int' },
    name: { type: 'varchar', length: 100 },
    note: { type: 'varchar', length: ${after ? 200 : 100}, nullable: true },${after ? "\n    active: { type: 'boolean', default: false },\n    orgId: { name: 'org_id', type: 'int', nullable: true }," : ''}
  },${
    after
      ? `
  indices: [{ name: 'IDX_account_name', columns: ['name'] }],
  uniques: [{ name: 'UQ_account_tenant_email', columns: ['tenant', 'email'] }],
  relations: { org: { type: 'many-to-one', target: 'Org', nullable: true, joinColumn: { name: 'org_id', foreignKeyConstraintName: 'FK_account_org' } } },`
      : ''
  }
});
`;
}

// The before-schema has no org table: entities/before.js lists Account only.
const beforeEntities = "'use strict';\nconst { Account } = require('./all-before');\nexports.Account = Account;\n";

function writeOurProject(dir, stage, db) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'migrations/versions'), { recursive: true });
  mkdirSync(join(dir, 'entities'), { recursive: true });
  writeFileSync(join(dir, 'entities/all-before.js'), entitiesSource('before'));
  writeFileSync(join(dir, 'entities/all-after.js'), entitiesSource('after'));
  writeFileSync(join(dir, 'entities/before.js'), beforeEntities);
  setOurConfig(dir, stage, db);
}

function setOurConfig(dir, stage, db, extra = {}) {
  const entities = [stage === 'before' ? 'entities/before.js' : 'entities/all-after.js'];
  writeFileSync(join(dir, 'entity-migrate.config.json'), `${JSON.stringify({ url: pg.url(db), entities, ...extra }, null, 2)}\n`);
}

function writePeerProject(dir, peerDir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'entities'), { recursive: true });
  symlinkSync(join(peerDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'entities/all-after.js'), entitiesSource('after'));
  writeFileSync(
    join(dir, 'data-source.js'),
    `'use strict';
const { DataSource } = require('typeorm');
const { Org, Account } = require('./entities/all-after');

module.exports = new DataSource({ type: 'postgres', url: process.env.BENCH_URL, entities: [Org, Account], migrations: ['gen/*.js'], logging: false });
`,
  );
}

/** The template: the before-schema made by our own first revision, then the rows. */
function makeTemplate({ rows, ours, work, log }) {
  const db = pg.createDb('online_tmpl');
  const dir = join(work, 'base');
  writeOurProject(dir, 'before', db);
  const em = (args) => run(process.execPath, [ours.bin, ...args], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: join(work, 'cache') } });
  em(['revision', '--autogenerate', '-m', 'accounts', '--rev-id', INIT_REV, '--quiet']);
  em(['upgrade', 'head', '--quiet']);
  log(`  filling account with ${rows} rows …`);
  pg.query(
    db,
    `INSERT INTO account (email, tenant, name, note) SELECT 'u' || g || '@example.com', g % 1000, 'name ' || md5(g::text), 'note ' || g FROM generate_series(1, ${rows}) g`,
  );
  pg.query(db, 'VACUUM ANALYZE account');
  return { db, baseDir: dir };
}

/** Start the writer on `db`; resolves once its first write is answered. */
function startWriter(db) {
  const child = spawn(process.execPath, [join(__dirname, 'writer.js'), pg.url(db)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  const ready = new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.includes('ready\n')) resolve();
    });
    exited.then((code) => reject(new Error(`writer exited ${code} before its first write: ${tail(stderr, 5)}`)));
  });
  return {
    ready,
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`writer exited ${code}: ${tail(stderr, 5)}`);
      return JSON.parse(stdout.trim().split('\n').pop());
    },
  };
}

/**
 * One measured run: `prepare(db)` writes the revision/migration (untimed) and returns the
 * command to time; null with a reason when the variant cannot run.
 */
async function measuredRun(variant, { template, ours, work, log }) {
  const db = pg.createDb(`online_${variant.key}`, template.db);
  try {
    const prepared = variant.prepare(db);
    if (prepared.unavailable) return { unavailable: prepared.unavailable };
    const writer = startWriter(db);
    await writer.ready;
    const r = await measure(...prepared.cmd);
    const writes = await writer.stop();
    const failure = r.code !== 0 ? `exit ${r.code}: ${firstLine(r.stderr) || firstLine(r.stdout)}` : undefined;
    // Did the database end where the entities say? Ours' check against the after-entities, from
    // the variant's own project (the peer's database is still at our first revision).
    const checkDir = prepared.checkDir ?? template.baseDir;
    setOurConfig(checkDir, 'after', db);
    const check = run(process.execPath, [ours.bin, 'check'], { cwd: checkDir, env: { ENTITY_MIGRATE_CACHE_DIR: join(work, 'cache') }, allowFail: true });
    const pendingOps = check.stdout.split('\n').filter((l) => l.trim() && !/^\s*lock:/.test(l));
    const checkResult = check.status === 0 ? 'clean' : check.status === 2 ? `${pendingOps.length} pending: ${pendingOps.slice(0, 2).map((l) => l.trim()).join('; ')}` : `exit ${check.status}: ${firstLine(check.stderr)}`;
    // The widened varchar must keep its values (TypeORM's own SQL drops and re-adds the column).
    const notesLost = Number(pg.query(db, "SELECT count(*) FROM account WHERE note IS NULL AND email LIKE 'u%'"));
    log(`  ${variant.label}: ${(r.ms / 1000).toFixed(3)} s, longest write ${writes.maxMs.toFixed(0)} ms, ${writes.failed} failed of ${writes.writes + writes.failed}, check ${checkResult}, note values lost ${notesLost}${failure ? `, FAILED ${failure}` : ''}`);
    return { ms: r.ms, writes, check: checkResult, notesLost, failure, stderr: tail(r.stderr, 5) };
  } finally {
    pg.dropDb(db);
  }
}

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^query:/.test(l)) ?? ''
  ).slice(0, 200);
}

async function caseOnline(opts, ours, { work: workRoot, peerDir, log }) {
  const work = join(workRoot, 'online');
  mkdirSync(work, { recursive: true });
  log(`case online: upgrade of a ${opts.onlineRows}-row table under a writer (one INSERT every 5 ms)`);
  const template = makeTemplate({ rows: opts.onlineRows, ours, work, log });
  const em = (dir, args) => run(process.execPath, [ours.bin, ...args], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: join(work, 'cache') }, allowFail: true });
  const ourVariant = (key, label, revisionFlags) => ({
    key,
    label,
    prepare(db) {
      const dir = join(work, key);
      writeOurProject(dir, 'after', db);
      cpSync(join(template.baseDir, 'migrations/versions'), join(dir, 'migrations/versions'), { recursive: true });
      const r = em(dir, ['revision', '--autogenerate', ...revisionFlags, '-m', 'online', '--rev-id', ONLINE_REV]);
      if (r.status !== 0) return { unavailable: `not available (revision --autogenerate ${revisionFlags.join(' ')}: ${firstLine(r.stderr).replace(/^error: /, '').slice(0, 60)})` };
      return { checkDir: dir, cmd: [process.execPath, [ours.bin, 'upgrade', 'head', '--quiet'], { cwd: dir, env: { ENTITY_MIGRATE_CACHE_DIR: join(work, 'cache') } }] };
    },
  });
  const peerProject = join(work, 'peer');
  writePeerProject(peerProject, peerDir);
  const peerCli = join(peerDir, 'node_modules/typeorm/cli.js');
  const variants = [
    ourVariant('ours', 'entity-migrate upgrade head (default)', []),
    ourVariant('ours_online', 'entity-migrate upgrade head (online)', ['--online']),
    {
      key: 'peer',
      label: 'typeorm migration:generate + migration:run (JS)',
      prepare(db) {
        rmSync(join(peerProject, 'gen'), { recursive: true, force: true });
        const env = { BENCH_URL: pg.url(db) };
        const r = run(process.execPath, [peerCli, 'migration:generate', 'gen/Online', '-d', 'data-source.js', '--outputJs'], { cwd: peerProject, env, allowFail: true });
        if (r.status !== 0) return { unavailable: `migration:generate exit ${r.status}: ${firstLine(r.stderr) || firstLine(r.stdout)}` };
        const files = readdirSync(join(peerProject, 'gen'));
        cpSync(join(peerProject, 'gen', files[0]), join(work, 'peer-migration.js'));
        return { cmd: [process.execPath, [peerCli, 'migration:run', '-d', 'data-source.js'], { cwd: peerProject, env }] };
      },
    },
  ];

  const results = Object.fromEntries(variants.map((v) => [v.key, { label: v.label, runs: [] }]));
  try {
    for (let i = 0; i < opts.onlineRuns; i++) {
      log(`online run ${i + 1}/${opts.onlineRuns}`);
      for (const v of variants) {
        const res = results[v.key];
        if (res.unavailable) continue;
        const r = await measuredRun(v, { template, ours, work, log });
        if (r.unavailable) {
          res.unavailable = r.unavailable;
          log(`  ${v.label}: ${r.unavailable}`);
        } else res.runs.push(r);
      }
    }
  } finally {
    pg.dropDb(template.db);
  }
  return { online: results, notes: [`the revisions and TypeORM's migration are kept in bench/.work/online/ (ours*/migrations/versions, peer-migration.js)`] };
}

module.exports = { caseOnline };
