#!/usr/bin/env node
'use strict';

// A reader that goes away early (`entity-migrate history | head -1`) makes our next write fail
// with EPIPE. The command still finishes what it started (an upgrade is not cut off halfway);
// its output has nowhere to go, so the error is dropped instead of crashing the process.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

// pg asks, as it loads, whether it runs in a Cloudflare Worker: it reads `navigator.userAgent`, and
// where there is no `navigator` (Node 20; Node 21 and later have one) it builds a fetch Response to
// find out, which loads Node's whole fetch implementation (undici): 30–100 ms of every command on
// PostgreSQL. Node 21's own `navigator` answers at once; this gives Node 20 the same one.
if (typeof globalThis.navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', {
    value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` },
    configurable: true,
    writable: true,
  });
}

/** Resolves once everything written so far has been handed to the OS (or the stream is gone). */
function flushed(stream) {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

// Exit once the work is done: our connections are closed by then, but user modules (entities, the
// data source) may leave timers or sockets open that would keep Node running forever.
require('../dist/cli/main.js')
  .main(process.argv.slice(2))
  .catch((error) => {
    process.stderr.write(`error: ${error && error.message ? error.message.split('\n')[0] : String(error)}\n`);
    return 1;
  })
  .then(async (code) => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  });
