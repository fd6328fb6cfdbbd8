import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeRefusal, isFileSystemRefusal, OutputError } from './output-error';

/*
 * How synthesis writes (issue: "a refused definition never touches dist/"):
 *
 * - Nothing is written before the whole definition is validated and rendered in memory.
 * - The output folder is never removed or renamed: at every instant it exists, and every file in
 *   it is complete. Each changed file is first written in full to a temporary beside it, then
 *   renamed over the old one (a rename within a folder is atomic on POSIX file systems); files
 *   whose bytes do not change are not touched at all.
 * - All temporaries are written before the first rename, so a refusal of the file system
 *   (read-only, full disk, a file where a folder must be) leaves the old tree as it was.
 * - Manifests (`*.yaml`, `*.yml`) of the output folder and its cluster folders, and the platform
 *   contracts (`<cluster>/platform.json`), that the new tree no longer has are removed last;
 *   other files are left alone.
 * - One synthesis at a time per output folder: a lock file beside it (holding the process id;
 *   a dead holder's lock is taken over). Two synths started together end with one complete tree.
 * - Temporaries and the lock are named `.netpol-*` (git-ignored); a killed synthesis leaves at
 *   most temporaries, which the next one removes, and between two renames a tree whose files are
 *   each complete, mixing old and new files until the next synthesis.
 * - Modes are kept: a replaced file gets the mode of the file it replaces; folders are reused.
 */

/** The prefix of every temporary and lock file the writers leave beside their output. */
export const TEMPORARY_PREFIX = '.netpol-';
const TEMPORARY = /^\.netpol-tmp-(\d+)-[0-9a-f]+$/;
const MANIFEST = /\.ya?ml$/;
/** What synthesis writes in a cluster folder besides manifests (src/contract/platform-contract.ts CONTRACT_FILE). */
const CLUSTER_FILE = /^(.*\.ya?ml|platform\.json)$/;
const LOCK_WAIT_MS = 60_000;

/**
 * Replaces the manifests under `outdir` with `files`: the changed files atomically one by one,
 * the output folder never missing, nothing changed when the file system refuses a write, stale
 * manifests removed last (see the module comment for the whole contract).
 *
 * @param outdir the output folder (created when missing)
 * @param files path relative to `outdir` (at most one folder deep, e.g. `homelab/baseline.yaml`) to contents
 * @returns the paths, relative to `outdir`, that were written or removed
 * @throws OutputError when the file system refuses a write (the message says whether the old tree is intact)
 */
export function writeOutputTree(outdir: string, files: ReadonlyMap<string, string>): string[] {
  const root = path.resolve(outdir);
  checkOutputFolder(outdir, root);
  const release = acquireLock(root);
  try {
    removeLeftovers(root);
    const staged = stage(outdir, root, files);
    commit(outdir, staged);
    const removed = prune(outdir, root, files);
    return [...staged.map((s) => path.relative(root, s.target)), ...removed].sort();
  } finally {
    release();
  }
}

/**
 * Writes one file atomically: a temporary file in the same folder, then a rename. The file keeps
 * its mode when it exists.
 *
 * @param file the file to write
 * @param contents its contents
 * @throws OutputError when the file system refuses the write (the old file is intact)
 */
export function writeFileAtomically(file: string, contents: string): void {
  const target = path.resolve(file);
  let temporary: string | undefined;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    temporary = writeTemporary(target, contents, modeOf(target));
    fs.renameSync(temporary, target);
    temporary = undefined;
  } catch (error) {
    if (temporary) fs.rmSync(temporary, { force: true });
    if (isFileSystemRefusal(error)) throw new OutputError(`Cannot write ${file}: ${describeRefusal(error)}. ${file} is unchanged.`);
    throw error;
  }
}

/**
 * Writes `files` under `dir` all or nothing, keeping every other file there: every changed file
 * to a temporary beside it (modes kept, unchanged files untouched), then every rename. For a
 * folder synthesis does not own (`netpol import --out`): no stale file is removed.
 *
 * @param dir the folder (created when missing)
 * @param files path relative to `dir` to contents
 * @param again what the user runs once the cause is fixed, e.g. `import again`
 * @returns the paths, relative to `dir`, that were written, sorted
 * @throws OutputError when the file system refuses a write (the message says what changed)
 */
export function writeFilesAtomically(dir: string, files: ReadonlyMap<string, string>, again: string): string[] {
  const root = path.resolve(dir);
  const staged = stage(dir, root, files);
  commit(dir, staged, again);
  return staged.map((s) => path.relative(root, s.target)).sort();
}

interface Staged {
  readonly temporary: string;
  readonly target: string;
}

function checkOutputFolder(outdir: string, root: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(root);
  } catch {
    return; // created when staging
  }
  if (!stat.isDirectory()) throw new OutputError(`Cannot write ${outdir}: it is a file, not a folder. Move it away or give another output folder.`);
  for (const marker of ['package.json', 'cdk8s.yaml', '.git']) {
    if (fs.existsSync(path.join(root, marker))) {
      throw new OutputError(`Refusing to write into ${outdir}: it holds ${marker}, so it is a project, not an output folder, and stale manifests in it would be removed. Give an output folder such as dist.`);
    }
  }
}

/** Writes every changed file to a temporary beside it; on any failure removes what it made. */
function stage(outdir: string, root: string, files: ReadonlyMap<string, string>): Staged[] {
  const staged: Staged[] = [];
  const created: string[] = [];
  try {
    for (const [relative, contents] of files) {
      const target = path.join(root, relative);
      if (path.relative(root, target).startsWith('..')) throw new Error(`Output path ${relative} leaves ${outdir}.`);
      makeFolders(root, path.dirname(target), created);
      const mode = modeOf(target);
      if (mode !== undefined && sameContents(target, contents)) continue;
      checkWritable(outdir, root, target, mode);
      staged.push({ temporary: writeTemporary(target, contents, mode), target });
    }
    return staged;
  } catch (error) {
    for (const { temporary } of staged) fs.rmSync(temporary, { force: true });
    for (const folder of created.reverse()) fs.rmSync(folder, { recursive: true, force: true });
    if (error instanceof OutputError) throw error;
    if (isFileSystemRefusal(error)) throw new OutputError(`Cannot write ${outdir}: ${describeRefusal(error)}. Nothing was changed: ${outdir} is as it was.`);
    throw error;
  }
}

function commit(outdir: string, staged: readonly Staged[], again = 'synthesize again'): void {
  let done = 0;
  try {
    for (const { temporary, target } of staged) {
      fs.renameSync(temporary, target);
      done++;
    }
  } catch (error) {
    for (const { temporary } of staged.slice(done)) fs.rmSync(temporary, { force: true });
    if (isFileSystemRefusal(error)) {
      throw new OutputError(`Cannot write ${outdir}: ${describeRefusal(error)}. ${done} of ${staged.length} changed files were replaced, each complete; fix the cause and ${again}.`);
    }
    throw error;
  }
}

/** Removes the manifests of `root` and its folders that `files` no longer has, then empty folders. */
function prune(outdir: string, root: string, files: ReadonlyMap<string, string>): string[] {
  const removed: string[] = [];
  try {
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      const full = path.join(root, entry.name);
      if (entry.isFile() && MANIFEST.test(entry.name) && !files.has(entry.name)) {
        fs.rmSync(full);
        removed.push(entry.name);
      } else if (entry.isDirectory() && !entry.name.startsWith('.')) {
        for (const child of fs.readdirSync(full, { withFileTypes: true })) {
          const relative = `${entry.name}/${child.name}`;
          if (child.isFile() && CLUSTER_FILE.test(child.name) && !files.has(relative)) {
            fs.rmSync(path.join(full, child.name));
            removed.push(relative);
          }
        }
        if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      }
    }
  } catch (error) {
    if (isFileSystemRefusal(error)) throw new OutputError(`Cannot remove stale files of ${outdir}: ${describeRefusal(error)}. The new files are written; remove the stale ones by hand.`);
    throw error;
  }
  return removed;
}

/**
 * Refuses a folder or file whose mode has no write bit: someone made the output read-only on
 * purpose, and root (which the permission check lets through) must respect that too.
 */
function checkWritable(outdir: string, root: string, target: string, fileMode: number | undefined): void {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o222) === 0) {
      throw new OutputError(`Cannot write ${outdir}: ${dir} is read-only (mode ${(fs.statSync(dir).mode & 0o777).toString(8)}); make it writable (chmod u+w) to synthesize into it. Nothing was changed: ${outdir} is as it was.`);
    }
    if (dir === root || path.dirname(dir) === dir) break;
  }
  if (fileMode !== undefined && (fileMode & 0o222) === 0) {
    throw new OutputError(`Cannot write ${outdir}: ${target} is read-only (mode ${(fileMode & 0o777).toString(8)}); make it writable (chmod u+w) to synthesize over it. Nothing was changed: ${outdir} is as it was.`);
  }
}

function makeFolders(root: string, folder: string, created: string[]): void {
  const chain: string[] = [];
  for (let current = folder; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === root || path.dirname(current) === current) break;
  }
  fs.mkdirSync(path.dirname(root), { recursive: true });
  for (const dir of chain) {
    try {
      fs.mkdirSync(dir);
      created.push(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!fs.statSync(dir).isDirectory()) {
        throw Object.assign(new Error(`${dir} is a file`), { code: 'ENOTDIR', path: dir });
      }
    }
  }
}

function writeTemporary(target: string, contents: string, mode: number | undefined): string {
  const temporary = path.join(path.dirname(target), `${TEMPORARY_PREFIX}tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = fs.openSync(temporary, 'wx', mode ?? 0o666);
  try {
    // The umask narrowed the mode given to open; a replaced file keeps its own exactly.
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, contents);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return temporary;
}

function modeOf(file: string): number | undefined {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR', path: file });
    return stat.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function sameContents(file: string, contents: string): boolean {
  const existing = fs.readFileSync(file);
  return existing.length === Buffer.byteLength(contents) && existing.equals(Buffer.from(contents));
}

/** Temporaries of dead processes in the output folder and its folders, and the old writer's staging folders. */
function removeLeftovers(root: string): void {
  const folders = [root];
  try {
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) if (entry.isDirectory()) folders.push(path.join(root, entry.name));
  } catch {
    // no output folder yet
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMPORARY.exec(name);
      if (match && !alive(Number(match[1]))) fs.rmSync(path.join(folder, name), { force: true });
    }
  }
  // Before this writer, staging folders were `.<outdir>.tmp-*` beside the output.
  const parent = path.dirname(root);
  const old = `.${path.basename(root)}.tmp-`;
  try {
    for (const name of fs.readdirSync(parent)) if (name.startsWith(old)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  } catch {
    // parent unreadable: nothing to clean
  }
}

/** Takes the output folder's lock (waiting for a live holder, taking over a dead one's); returns its release. */
function acquireLock(root: string): () => void {
  const lock = path.join(path.dirname(root), `${TEMPORARY_PREFIX}lock-${path.basename(root)}`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        if (isFileSystemRefusal(error)) throw new OutputError(`Cannot write beside ${root}: ${describeRefusal(error)}. Nothing was changed.`);
        throw error;
      }
    }
    const text = readText(lock).trim();
    const holder = Number(text);
    // An empty lock is one being written right now, unless it is old (its writer was killed).
    const stale = text === '' ? ageMs(lock) > 5_000 : !Number.isInteger(holder) || holder <= 0 || !alive(holder);
    if (stale) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new OutputError(`Another synthesis (process ${holder}) has been writing ${root} for a minute: wait for it, or remove ${lock} if no synthesis runs.`);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
