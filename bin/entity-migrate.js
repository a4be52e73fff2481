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
