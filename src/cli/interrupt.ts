import { InterruptedError } from '../errors';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Run `fn` so that SIGINT (Ctrl-C) or SIGTERM aborts its signal with an InterruptedError instead
 * of killing the process at once: `fn` removes what it made (verify's scratch database) and
 * rethrows, and the CLI exits with 130 or 143. A second signal is not caught: it ends the process
 * as usual, should the clean-up itself hang.
 */
export async function withInterrupt<T>(what: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stopListening = () => {
    for (const [name, handler] of handlers) process.off(name, handler);
  };
  const handlers = SIGNALS.map((name) => {
    const handler = () => {
      stopListening();
      controller.abort(new InterruptedError(name, `${what} interrupted by ${name}; what it made was removed`));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  try {
    return await fn(controller.signal);
  } finally {
    stopListening();
  }
}
