import type { EventEmitter } from 'node:events';

/**
 * Lets a reader close the output early (`netpol diff | head`) without an error: writes to a
 * closed pipe fail with `EPIPE` (then `ERR_STREAM_DESTROYED`), which would otherwise end the
 * process with an uncaught-error stack and status 1. Those errors are dropped, so the command
 * finishes and exits with the status of its result; any other stream error is thrown as before.
 *
 * @param stream the process's standard output (or error)
 */
export function ignoreClosedReader(stream: EventEmitter): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
