import { readDescriptor } from '../manifests/read-file';
import { InputError } from './input-error';

/**
 * Where a CLI command reads and writes. Commands never touch `process` directly, so tests
 * run them in-process with a captured `CliIo`.
 */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** Reads all of standard input. */
  readonly readStdin: () => Promise<string>;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
}

/** The `CliIo` of the running process. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => (process.stdin.isTTY
      // Waiting on a terminal would look like a hang: say what standard input is for.
      ? Promise.reject(new InputError('standard input is a terminal, not a pipe: pipe the input in (e.g. `hubble observe -o json | netpol doctor ...`) or name a file.'))
      : Promise.resolve(readDescriptor(0, '<stdin>'))),
    cwd: process.cwd(),
  };
}

/** A `CliIo` that records everything written, for tests. */
export interface CapturedIo extends CliIo {
  /** Everything written to standard output so far. */
  readonly out: () => string;
  /** Everything written to standard error so far. */
  readonly err: () => string;
}

/**
 * Creates a `CliIo` that captures output in memory.
 *
 * @param cwd the working directory the command sees
 * @param stdin what the command reads from standard input
 */
export function captureIo(cwd: string = process.cwd(), stdin = ''): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => { out += text; },
    stderr: (text) => { err += text; },
    readStdin: () => Promise.resolve(stdin),
    cwd,
    out: () => out,
    err: () => err,
  };
}
