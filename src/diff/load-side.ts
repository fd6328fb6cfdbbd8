import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../cli/input-error';
import { refuseDuplicateObjects } from '../manifests/duplicates';
import { loadManifests } from '../manifests/load';
import type { DiffSide } from './diff-flows';
import { readManifestsAtCommit, resolveCommit } from './git-tree';

/** Options of `loadSide`. */
export interface LoadSideOptions {
  /** The flag the side was given with, for messages, e.g. `base`. */
  readonly flag: string;
  /** The directory relative paths and git commands start from. */
  readonly cwd: string;
  /**
   * The directory of manifests inside the repository, for git refs.
   *
   * @default - `dist`
   */
  readonly path?: string;
}

/**
 * Reads one side of a diff: a directory (or file) of manifests when `spec` names one,
 * otherwise a git revision of the repository at `cwd`, read under `options.path`
 * (see `readManifestsAtCommit`). A directory wins over a branch of the same name.
 *
 * @param spec the value of `--base` or `--head`
 * @param options where to look
 * @throws InputError when `spec` is neither, naming the flag and the value
 */
export function loadSide(spec: string, options: LoadSideOptions): DiffSide {
  if (fs.existsSync(path.resolve(options.cwd, spec))) {
    const manifests = loadManifests([spec], options.cwd);
    refuseDuplicateObjects(manifests, `--${options.flag} ${spec}`);
    return { label: spec, manifests };
  }
  const commit = resolveCommit(spec, options.cwd);
  if (commit === undefined) {
    throw new InputError(`--${options.flag} "${spec}" is neither a directory of manifests nor a git revision of the repository at ${options.cwd}. `
      + 'Give a directory, or a commit, branch or tag (e.g. origin/main, HEAD~1, origin/main...HEAD).');
  }
  const dir = options.path ?? 'dist';
  const manifests = readManifestsAtCommit(spec, commit, dir, options.cwd);
  refuseDuplicateObjects(manifests, `--${options.flag} ${spec} (under --path ${dir})`);
  return { label: `${spec}:${dir}`, manifests };
}
