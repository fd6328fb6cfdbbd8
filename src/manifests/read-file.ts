import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';

/**
 * The largest input file netpol reads, in bytes: 8 MiB. Synthesis writes one file per concern
 * and namespace, each a few KB; parsing YAML takes about 40 bytes of memory per byte of input
 * (`npm run bench`: bench/reader.ts), so a larger file is more likely a mistake (a log, a dump,
 * `/dev/zero`) than a policy, and would exhaust memory. Standard input (the Hubble flows of
 * `netpol doctor`) is limited the same way: pass a larger capture in pieces or filter it
 * (`hubble observe --verdict DROPPED`).
 */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one input file as netpol reads every file: a regular file (a symbolic link to one is
 * followed), at most `MAX_INPUT_BYTES`, strictly UTF-8 (a leading byte-order mark is dropped).
 * A FIFO, a device, a socket or a directory is refused before it is opened, so nothing blocks
 * or reads forever.
 *
 * @param file the path as the user gave it (used in messages)
 * @param cwd the directory a relative path is resolved against
 * @param label how messages name the file, e.g. `--flows obs.json`; the path itself when omitted
 * @throws InputError naming the file when it is missing, not a regular file, too large,
 *   unreadable or not UTF-8
 */
export function readInputFile(file: string, cwd: string, label: string = file): string {
  const absolute = path.resolve(cwd, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    throw fileError(label, error);
  }
  refuseNonRegular(label, stat);
  let fd: number | undefined;
  try {
    fd = fs.openSync(absolute, 'r');
    // Checked again on the open file: the path may have been replaced since.
    const opened = fs.fstatSync(fd);
    refuseNonRegular(label, opened);
    const bytes = readAtMost(fd, label);
    return decodeUtf8(bytes, label);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(label, error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Decodes input bytes as strict UTF-8, as `readInputFile` does: invalid bytes are an error (never
 * replaced by U+FFFD, which would change names silently), and a leading byte-order mark is dropped.
 *
 * @param bytes the bytes
 * @param label how messages name the input, e.g. `<stdin>` or `HEAD:dist/a.yaml`
 * @throws InputError naming the input, the line and the byte offset of the first invalid byte
 */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(label, bytes.length);
  try {
    return utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    throw new InputError(`${label}:${line}: not valid UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset}). `
      + 'Save the file as UTF-8; netpol never guesses an encoding, since a replaced character would change a name.');
  }
}

/**
 * Reads all of a readable file descriptor (e.g. standard input, 0) up to `MAX_INPUT_BYTES`.
 *
 * @param fd the descriptor
 * @param label how messages name the input
 * @throws InputError when the input is larger than `MAX_INPUT_BYTES`
 */
export function readDescriptor(fd: number, label: string): string {
  return decodeUtf8(readAtMost(fd, label), label);
}

function readAtMost(fd: number, label: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let read: number;
    try {
      read = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A pipe without data yet (non-blocking standard input): wait for it.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    total += read;
    if (total > MAX_INPUT_BYTES) throw tooLarge(label, total, true);
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total);
}

function refuseNonRegular(label: string, stat: fs.Stats): void {
  if (stat.isFile()) return;
  const what = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO (named pipe)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device'
    : stat.isSocket() ? 'a socket' : 'not a regular file';
  throw new InputError(`${label}: is ${what}, not a regular file; netpol reads only regular files (a symbolic link to one is fine).`);
}

function tooLarge(label: string, bytes: number, atLeast = false): InputError {
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return new InputError(`${label}: ${atLeast ? 'more than ' : ''}${mib(bytes)} is over the input limit of ${mib(MAX_INPUT_BYTES)} per file. `
    + 'Split the manifests into several files, or check that this is the file you meant.');
}

function fileError(label: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${label}: cannot read: no such file or directory.`);
  if (code === 'EACCES') return new InputError(`${label}: cannot read: permission denied.`);
  return new InputError(`${label}: cannot read: ${(error as Error).message}`);
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong, surrogate and out-of-range forms (RFC 3629 table).
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length - 1;
}
