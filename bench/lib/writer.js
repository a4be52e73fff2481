'use strict';
/**
 * The app of the online benchmark (issue 11 §4): inserts one row into `account` every 5 ms over
 * its own PostgreSQL connection until its stdin closes, then prints one JSON line of what it saw.
 *
 * Usage: node bench/lib/writer.js URL
 *
 * One write is in flight at a time: a tick that finds the previous write unanswered is skipped
 * (counted as `skippedTicks`). So a write's time is one INSERT's round trip, and a lock that holds
 * off writes shows as one long write, not as a backlog of queued ones; on a machine too busy to
 * write every 5 ms, ticks are skipped instead of piling up into ever longer waits.
 * Prints `ready` on stderr once the first write is answered.
 */
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');

const INTERVAL_MS = 5;

async function main() {
  const url = process.argv[2];
  if (!url) throw new Error('usage: writer.js URL');
  const client = new Client({ connectionString: url, application_name: 'em-bench-writer' });
  await client.connect();
  const stats = { writes: 0, failed: 0, maxMs: 0, over100Ms: 0, skippedTicks: 0, errors: [], latencies: [] };
  let inFlight = 0;
  let seq = 0;
  let ready = false;
  const write = () => {
    if (inFlight > 0) {
      stats.skippedTicks++;
      return;
    }
    const n = seq++;
    const wanted = performance.now();
    inFlight++;
    client
      .query('INSERT INTO account (email, tenant, name, note) VALUES ($1, $2, $3, $4)', [`w${process.pid}-${n}@example.com`, n % 1000, `writer ${n}`, 'written during the upgrade'])
      .then(
        () => {
          const ms = performance.now() - wanted;
          stats.writes++;
          stats.latencies.push(ms);
          if (ms > stats.maxMs) stats.maxMs = ms;
          if (ms > 100) stats.over100Ms++;
          if (!ready) {
            ready = true;
            process.stderr.write('ready\n');
          }
        },
        (error) => {
          stats.failed++;
          if (stats.errors.length < 3) stats.errors.push(String(error?.message ?? error));
        },
      )
      .finally(() => inFlight--);
  };
  const timer = setInterval(write, INTERVAL_MS);
  write();
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve));
  clearInterval(timer);
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  await client.end();
  const sorted = stats.latencies.sort((a, b) => a - b);
  const p99Ms = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : NaN;
  const { latencies, ...rest } = stats;
  process.stdout.write(`${JSON.stringify({ ...rest, p99Ms })}\n`);
}

main().catch((error) => {
  process.stderr.write(`writer failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
