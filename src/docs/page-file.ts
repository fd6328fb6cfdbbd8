import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';
import { writeFileAtomically } from '../synth/write-atomic';

/**
 * Writes the page atomically (`writeFileAtomically`: a temporary file renamed over the target),
 * so readers never see half a page; a file system error becomes bad input naming the file.
 *
 * @param file the target path
 * @param text the contents
 * @param label how messages name the target, e.g. `--out docs/policies.md`; the path when omitted
 * @throws InputError when the directory cannot be created or written (the temporary file is removed)
 */
export function writeFileAtomic(file: string, text: string, label: string = file): void {
  try {
    writeFileAtomically(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device'
      : code === 'EROFS' ? 'read-only file system' : (error as Error).message;
    throw new InputError(`${label}: cannot write: ${reason}. Nothing was written.`);
  }
}

/**
 * Checks the value of an `--out` flag before anything is computed or written, and resolves it.
 * Refused, naming `--out`: a directory, a symbolic link (writing would replace the link, not the
 * file it points to), a device, FIFO or socket (`/dev/full`), a path under a regular file, and
 * a path whose directory cannot be inspected.
 *
 * @param out the flag's value as given
 * @param cwd the directory a relative path is resolved against
 * @param example the file name the fix suggests inside a directory, e.g. `policies.md`
 * @returns the absolute path
 * @throws InputError `--out <out>: ...` with the fix
 */
export function checkOutFile(out: string, cwd: string, example: string): string {
  const file = path.resolve(cwd, out);
  const flag = `--out ${out}`;
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new InputError(`${flag}: cannot inspect: ${(error as Error).message}.`);
  }
  if (stat?.isDirectory()) throw new InputError(`${flag} is a directory: give the page's file, e.g. --out ${path.join(out, example)}.`);
  if (stat?.isSymbolicLink()) {
    throw new InputError(`${flag} is a symbolic link: writing would replace the link, not its target. Give the target's path (or remove the link).`);
  }
  if (stat && !stat.isFile()) throw new InputError(`${flag} is not a regular file (a device, FIFO or socket): give a file path.`);
  if (!stat) {
    // The nearest existing ancestor must be a directory, or the write would fail half-way (ENOTDIR).
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      let ancestor: fs.Stats | undefined;
      try {
        ancestor = fs.statSync(dir, { throwIfNoEntry: false });
      } catch (error) {
        // ENOTDIR: a file further up; the loop reaches it.
        if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw new InputError(`${flag}: cannot inspect ${dir}: ${(error as Error).message}.`);
      }
      if (ancestor) {
        if (!ancestor.isDirectory()) throw new InputError(`${flag}: ${path.relative(cwd, dir) || dir} is a file, not a directory: give a path inside a directory.`);
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return file;
}

/** Whether a generated file matches what would be generated now. */
export type PageStatus = 'up-to-date' | 'stale' | 'missing';

/**
 * Compares a generated file with freshly generated text, byte for byte.
 *
 * @param file the file path
 * @param text the text it should hold
 */
export function pageStatus(file: string, text: string): PageStatus {
  let current: string;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    return 'missing';
  }
  return current === text ? 'up-to-date' : 'stale';
}
