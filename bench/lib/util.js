'use strict';
/**
 * Process running, timing, peak RSS and statistics for the benchmark.
 *
 * Peak RSS: when GNU time is installed, every measured command runs under `/usr/bin/time -f '%U %S %M'`,
 * which reports the CPU seconds (user, system) and the peak resident set (KB, from wait4's rusage:
 * the largest process of the tree). Without it, /proc/PID/status VmHWM of the spawned process is
 * sampled every 5 ms instead (and CPU time is not known).
 */
const { spawn, spawnSync } = require('node:child_process');
const { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = (() => {
  if (!existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/m.test(r.stderr);
})();

/**
 * Run `cmd args` in `cwd` and measure wall time (ms) and peak RSS (MB).
 * Resolves { ms, cpuMs, rssMb, code, stdout, stderr } (cpuMs NaN without GNU time). Never rejects on a non-zero exit.
 */
function measure(cmd, args, { cwd, env, input } = {}) {
  return new Promise((resolve, reject) => {
    // Output goes to files, not pipes: a CLI that calls process.exit() right after printing (as
    // TypeORM's does) would lose the tail of its output on a pipe, and a terminal is synchronous too.
    const dir = mkdtempSync(join(tmpdir(), 'em-bench-'));
    const outFd = openSync(join(dir, 'stdout'), 'w');
    const errFd = openSync(join(dir, 'stderr'), 'w');
    let rssFile;
    let argv0 = cmd;
    let argv = args;
    if (hasGnuTime) {
      rssFile = join(dir, 'rss');
      argv0 = GNU_TIME;
      argv = ['-f', '%U %S %M', '-o', rssFile, cmd, ...args];
    }
    const started = process.hrtime.bigint();
    const child = spawn(argv0, argv, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', outFd, errFd] });
    let peakKb = 0;
    let cpuMs = NaN;
    let sampler;
    if (!hasGnuTime) {
      const sample = () => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          /* gone */
        }
      };
      sampler = setInterval(sample, 5);
    }
    child.on('error', reject);
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (sampler) clearInterval(sampler);
      closeSync(outFd);
      closeSync(errFd);
      const stdout = readFileSync(join(dir, 'stdout'), 'utf8');
      let stderr = readFileSync(join(dir, 'stderr'), 'utf8');
      if (rssFile) {
        try {
          const text = readFileSync(rssFile, 'utf8');
          const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(text.trim());
          if (m) {
            cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
            peakKb = Number(m[3]);
          }
          // GNU time writes "Command exited with non-zero status N" first on failure.
        } catch {
          /* no report */
        }
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ ms, cpuMs, rssMb: peakKb / 1024, code, stdout, stderr });
    });
  });
}

/** Run a setup command synchronously; throw with its output when it fails. */
function run(cmd, args, { cwd, env, input, allowFail = false } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd ?? process.cwd()}) exited ${r.status}\n${tail(r.stdout)}\n${tail(r.stderr)}`);
  }
  return r;
}

function tail(text, lines = 15) {
  return String(text ?? '')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .join('\n');
}

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const minOf = (values) => (values.length ? Math.min(...values) : NaN);
const fmtS = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(3)} s` : 'n/a');
const fmtMb = (mb) => (Number.isFinite(mb) && mb > 0 ? `${mb.toFixed(0)} MB` : 'n/a');
const fmtX = (r) => (Number.isFinite(r) ? `${r.toFixed(3)}×` : 'n/a');

/** Render rows (arrays of strings) as an aligned text table, or as Markdown. */
function table(header, rows, markdown = false) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)));
  if (markdown) {
    const line = (r) => `| ${r.join(' | ')} |`;
    return [line(all[0]), line(all[0].map(() => '---')), ...all.slice(1).map(line)].join('\n');
  }
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

module.exports = { hasGnuTime, measure, run, tail, median, minOf, fmtS, fmtMb, fmtX, table };
