/*
 * Writing the files of `netpol import` under `--out`: checked before anything is computed, then
 * all or nothing through synthesis's own writer (`writeFilesAtomically`): a refusal of the file
 * system before the renames leaves `--out` as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';
import { OutputError } from '../synth/output-error';
import { writeFilesAtomically } from '../synth/write-atomic';
import { GENERATED_HEADER } from './project-files';

/**
 * Checks `--out` before the import runs, and resolves it: refused when it is a file, a device or
 * a path under a regular file.
 *
 * @param out the flag's value
 * @param cwd the directory a relative path is resolved against
 * @returns the absolute path
 * @throws InputError naming `--out` with the fix
 */
export function checkOutDir(out: string, cwd: string): string {
  const dir = path.resolve(cwd, out);
  const flag = `--out ${out}`;
  for (let current = dir; ; current = path.dirname(current)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(current, { throwIfNoEntry: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw new InputError(`${flag}: cannot inspect ${current}: ${(error as Error).message}.`);
    }
    if (stat) {
      if (!stat.isDirectory()) {
        throw new InputError(current === dir
          ? `${flag} is ${stat.isFile() ? 'a file' : 'not a directory (a device, FIFO or socket)'}: give a directory for the generated project, e.g. --out netpol.`
          : `${flag}: ${path.relative(cwd, current) || current} is a file, not a directory: give a path inside a directory.`);
      }
      return dir;
    }
    if (path.dirname(current) === current) return dir;
  }
}

/**
 * Whether `--out` is inside a project already: a `package.json` in it or a folder above it. A
 * project an earlier import wrote there (its `src/main.ts` starts with the generated header)
 * does not count, so importing again rewrites it.
 *
 * @param dir the absolute `--out`
 */
export function insideProject(dir: string): boolean {
  if (fs.existsSync(path.join(dir, 'package.json'))) {
    let main = '';
    try {
      main = fs.readFileSync(path.join(dir, 'src', 'main.ts'), 'utf8');
    } catch {
      // no generated main: someone else's project
    }
    if (!main.startsWith(GENERATED_HEADER)) return true;
  }
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'package.json'))) return true;
    if (path.dirname(current) === current) return false;
  }
}

/**
 * Writes the files under `dir`, all or nothing (see `writeFilesAtomically`): every changed file to
 * a temporary beside its target, then every rename; the other files of `dir` are kept.
 *
 * @param dir the absolute `--out`
 * @param files paths relative to `dir` to contents
 * @param label how messages name `--out`
 * @returns the paths written, relative to `dir`, sorted
 * @throws InputError naming `--out` when the file system refuses (nothing changed when it refuses a temporary)
 */
export function writeProject(dir: string, files: ReadonlyMap<string, string>, label: string): string[] {
  try {
    return writeFilesAtomically(dir, files, 'import again');
  } catch (error) {
    if (error instanceof OutputError) throw new InputError(`${label}: ${error.message}`);
    throw error;
  }
}
