import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';
import { parseManifests } from '../manifests/load';
import { decodeUtf8 } from '../manifests/read-file';
import type { Manifest } from '../manifests/manifest';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Resolves a git revision in the repository at `cwd` to a commit id: a commit, branch, tag,
 * `origin/main`, `HEAD~1`, or `A...B` for the merge base of `A` and `B` (as `git diff A...B`).
 *
 * @param ref the revision
 * @param cwd a directory inside the repository
 * @returns the commit id, or undefined when `ref` is not a revision there (or `cwd` is no repository)
 */
export function resolveCommit(ref: string, cwd: string): string | undefined {
  // A leading "-" would be read as an option by git.
  if (ref === '' || ref.startsWith('-')) return undefined;
  const three = ref.split('...');
  if (three.length === 2) {
    const [a, b] = three.map((side) => resolveCommit(side || 'HEAD', cwd));
    if (a === undefined || b === undefined) return undefined;
    return git(['merge-base', a, b], cwd)?.trim() || undefined;
  }
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd)?.trim() || undefined;
}

/**
 * Reads the manifests (`*.yaml`, `*.yml`, `*.json`, recursively, sorted) under a directory of
 * the repository as it is at a commit, without a checkout: `git ls-tree` lists the files and
 * `git cat-file --batch` reads them, so the working tree is never touched.
 *
 * @param ref the revision as the user wrote it, for messages
 * @param commit the commit id (see `resolveCommit`)
 * @param dir the directory inside the repository, relative to `cwd` as git paths are, e.g. `dist`
 * @param cwd a directory inside the repository
 * @throws InputError when the directory holds no manifest at that commit, or a file is invalid
 */
export function readManifestsAtCommit(ref: string, commit: string, dir: string, cwd: string): Manifest[] {
  const top = git(['rev-parse', '--show-toplevel'], cwd)?.trim() ?? cwd;
  const listing = git(['ls-tree', '-r', '-z', '--full-name', '--name-only', commit, '--', dir], cwd) ?? '';
  const files = listing.split('\0').filter((file) => file !== '' && MANIFEST_EXTENSIONS.has(path.extname(file).toLowerCase())).sort();
  if (files.length === 0) {
    throw new InputError(`${ref}: no manifest files (*.yaml, *.yml, *.json) under "${dir}" at that revision. `
      + 'Pass --path with the directory that holds the manifests in the repository, e.g. --path dist.');
  }
  const blobs = catFiles(files.map((file) => `${commit}:${file}`), top);
  // Strictly UTF-8 and size-limited, as files on disk are read (manifests/read-file.ts).
  return files.flatMap((file, i) => parseManifests(decodeUtf8(blobs[i], `${ref}:${file}`), `${ref}:${file}`));
}

function catFiles(objects: readonly string[], cwd: string): Buffer[] {
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: objects.join('\n') + '\n', maxBuffer: 1 << 30 });
  const texts: Buffer[] = [];
  let at = 0;
  for (const object of objects) {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (header.endsWith(' missing') || !Number.isInteger(size)) throw new InputError(`${object}: cannot read from git: ${header}`);
    texts.push(out.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return texts;
}

function git(args: readonly string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  } catch {
    return undefined;
  }
}
