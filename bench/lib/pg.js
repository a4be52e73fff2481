'use strict';
/** Fresh databases on the local PostgreSQL, one per measured run, through psql. */
const { run } = require('./util');

const PG = {
  host: process.env.BENCH_PGHOST ?? '127.0.0.1',
  port: process.env.BENCH_PGPORT ?? '5432',
  user: process.env.BENCH_PGUSER ?? 'postgres',
  adminDb: process.env.BENCH_PGDATABASE ?? 'test',
};

const created = new Set();
let counter = 0;
const prefix = `em_bench_${process.pid}_`;

function psqlArgs(db) {
  return ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', db];
}

function admin(sql) {
  run('psql', [...psqlArgs(PG.adminDb), '-c', sql], { env: { PGCONNECT_TIMEOUT: '5' } });
}

/** A fresh database; with `template`, a copy of that one (which must have no connections). */
function createDb(tag, template) {
  const name = `${prefix}${String(++counter).padStart(3, '0')}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
  admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  created.add(name);
  return name;
}

function dropDb(name) {
  admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  created.delete(name);
}

function dropAll() {
  for (const name of [...created]) {
    try {
      dropDb(name);
    } catch {
      /* best effort */
    }
  }
}

/** Databases left behind by earlier, interrupted runs of this benchmark. */
function dropStale() {
  const r = run('psql', [...psqlArgs(PG.adminDb), '-Atc', "SELECT datname FROM pg_database WHERE datname LIKE 'em\\_bench\\_%'"]);
  for (const name of r.stdout.split('\n').filter(Boolean)) {
    const pid = Number(/^em_bench_(\d+)_/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function query(db, sql) {
  return run('psql', [...psqlArgs(db), '-Atc', sql]).stdout.trim();
}

const url = (db) => `postgres://${PG.user}@${PG.host}:${PG.port}/${db}`;

module.exports = { PG, psqlArgs, createDb, dropDb, dropAll, dropStale, query, url };
