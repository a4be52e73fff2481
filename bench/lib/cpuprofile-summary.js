'use strict';
/**
 * Summarize a V8 .cpuprofile (from `node --cpu-prof`): self time by where the code lives, and the
 * hottest functions. `node bench/lib/cpuprofile-summary.js FILE.cpuprofile [top]`
 */
const { readFileSync } = require('node:fs');

function bucket(url, name) {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle (waiting on I/O: database, disk)';
  if (name === '(program)') return 'V8/native (program: compile, parse, native calls)';
  if (!url) return `native/builtin (${name || 'anonymous'})`;
  if (url.startsWith('node:')) return url.includes('modules/') || url.includes('loader') ? 'node: module loader' : 'node: other internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return `pkg ${m[1]}`;
  if (/\/bench\/\.work\/em\/dist\/|\/dist\//.test(url)) return `entity-migrate ${/dist\/([^/]+)/.exec(url)?.[1] ?? ''}`;
  if (/\/migrations\/versions\//.test(url)) return 'user: revision files';
  if (/\/entities\//.test(url)) return 'user: entity files';
  return url.replace(/^file:\/\//, '');
}

function summarize(file, top = 25) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
  const total = (p.endTime - p.startTime) / 1000;
  const buckets = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const { url, functionName, lineNumber } = n.callFrame;
    const b = bucket(url, functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + us / 1000);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|bench)\//, '$1/')}:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us / 1000);
  }
  const lines = [`${file}: profiled ${total.toFixed(0)} ms (from V8 start of profiling to exit)`, '', 'self time by location:'];
  for (const [b, ms] of [...buckets].sort((a, b) => b[1] - a[1])) lines.push(`  ${ms.toFixed(0).padStart(6)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${b}`);
  lines.push('', `top ${top} functions by self time:`);
  for (const [f, ms] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${ms.toFixed(0).padStart(6)} ms  ${f}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/lib/cpuprofile-summary.js FILE.cpuprofile [top]');
    process.exit(2);
  }
  console.log(summarize(file, Number(top) || 25));
}
module.exports = { summarize };
