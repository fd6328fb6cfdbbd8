import * as fs from 'node:fs';
import { InputError } from '../cli/input-error';
import { writeFileAtomically } from '../synth/write-atomic';

/**
 * Writes the page atomically (`writeFileAtomically`: a temporary file renamed over the target),
 * so readers never see half a page; a file system error becomes bad input naming the file.
 *
 * @param file the target path
 * @param text the contents
 * @throws InputError when the directory cannot be created or written
 */
export function writeFileAtomic(file: string, text: string): void {
  try {
    writeFileAtomically(file, text);
  } catch (error) {
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
