import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';

/**
 * Writes a file atomically: the text goes to a temporary file in the same directory, which is
 * then renamed over the target (rename within one file system is atomic on POSIX), so readers
 * never see half a page. Missing directories are created.
 *
 * @param file the target path
 * @param text the contents
 * @throws InputError when the directory cannot be created or written
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new InputError(`${file}: cannot write: ${(error as Error).message}`);
  }
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
