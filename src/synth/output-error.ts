import * as fs from 'node:fs';

/**
 * The output could not be written (a read-only folder, a full disk, a file where a folder must
 * be): not a mistake in the definition and not a bug, so `synthesizeMain` prints the message
 * without a stack and exits with status 2. The message names the path and says whether the
 * previous output is intact.
 */
export class OutputError extends Error {
  /**
   * @param message what could not be written, why, and the state of the output
   */
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** The error codes of a file system that refuses a write, as opposed to a bug. */
const REFUSALS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'EIO', 'ELOOP', 'EFBIG']);

/**
 * True when `error` is the file system refusing an operation (permissions, space, a file in the
 * way), which the user can fix.
 *
 * @param error anything thrown
 */
export function isFileSystemRefusal(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && REFUSALS.has((error as NodeJS.ErrnoException).code!);
}

/**
 * A sentence for a file system refusal: the path and what the code means.
 *
 * @param error the refusal
 */
export function describeRefusal(error: NodeJS.ErrnoException): string {
  const what: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', ENOTDIR: 'a file is where a folder must be',
    EISDIR: 'a folder is where a file must be', EEXIST: 'already exists',
  };
  // mkdir -p reports a file in the way of a folder as EEXIST.
  const code = error.code === 'EEXIST' && error.path !== undefined && isFile(error.path) ? 'ENOTDIR' : error.code!;
  return `${error.path ?? 'a file'}: ${what[code] ?? code} (${code})`;
}

function isFile(file: string): boolean {
  try {
    return !fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
