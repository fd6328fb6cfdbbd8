/*
 * Writing the files of `netpol import` under `--out`: checked before anything is computed, then
 * all or nothing. Every file is first written in full to a temporary beside it (`.netpol-tmp-*`,
 * as synthesis names them), then all are renamed over their targets; a refusal of the file
 * system before the renames leaves `--out` as it was.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';
import { TEMPORARY_PREFIX } from '../synth/write-atomic';
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
 * Writes the files under `dir`, all or nothing: every file to a temporary beside its target,
 * then every rename. Files whose bytes do not change are not touched.
 *
 * @param dir the absolute `--out`
 * @param files paths relative to `dir` to contents
 * @param label how messages name `--out`
 * @throws InputError when the file system refuses (nothing changed when it refuses a temporary)
 */
export function writeProject(dir: string, files: ReadonlyMap<string, string>, label: string): string[] {
  const staged: { temporary: string; target: string }[] = [];
  const created: string[] = [];
  const written: string[] = [];
  try {
    for (const [relative, contents] of files) {
      const target = path.join(dir, relative);
      makeFolders(path.dirname(target), created);
      if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === contents) continue;
      const temporary = path.join(path.dirname(target), `${TEMPORARY_PREFIX}tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
      fs.writeFileSync(temporary, contents, { flag: 'wx' });
      staged.push({ temporary, target });
      written.push(relative);
    }
  } catch (error) {
    for (const { temporary } of staged) fs.rmSync(temporary, { force: true });
    for (const folder of created.reverse()) fs.rmSync(folder, { recursive: true, force: true });
    throw new InputError(`${label}: cannot write: ${reasonOf(error)}. Nothing was written.`);
  }
  let done = 0;
  try {
    for (const { temporary, target } of staged) {
      fs.renameSync(temporary, target);
      done++;
    }
  } catch (error) {
    for (const { temporary } of staged.slice(done)) fs.rmSync(temporary, { force: true });
    throw new InputError(`${label}: cannot write: ${reasonOf(error)}. ${done} of ${staged.length} files were replaced, each complete; fix the cause and import again.`);
  }
  return written.sort();
}

function makeFolders(folder: string, created: string[]): void {
  const missing: string[] = [];
  for (let current = folder; !fs.existsSync(current); current = path.dirname(current)) missing.unshift(current);
  for (const dir of missing) {
    fs.mkdirSync(dir);
    created.push(dir);
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EROFS' ? 'read-only file system' : code === 'ENOTDIR' ? 'a file is in the way of a folder' : (error as Error).message;
}
