import { EventEmitter } from 'node:events';
import { expect, test } from 'vitest';
import { ignoreClosedReader } from '../../src/cli/closed-output';

const failure = (code: string) => Object.assign(new Error(`write ${code}`), { code });

test('a reader closing the pipe early (netpol diff | head) is no error', () => {
  // GIVEN standard output whose reader went away
  const stdout = new EventEmitter();
  ignoreClosedReader(stdout);
  // WHEN the writes fail with EPIPE, then on the destroyed stream
  // THEN nothing is thrown: the command ends with the status of its result
  expect(() => stdout.emit('error', failure('EPIPE'))).not.toThrow();
  expect(() => stdout.emit('error', failure('ERR_STREAM_DESTROYED'))).not.toThrow();
});

test('fails on any other output error, as before', () => {
  const stdout = new EventEmitter();
  ignoreClosedReader(stdout);
  expect(() => stdout.emit('error', failure('ENOSPC'))).toThrow('write ENOSPC');
});
