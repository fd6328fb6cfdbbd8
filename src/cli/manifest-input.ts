import { loadManifests, parseManifests } from '../manifests/load';
import type { Manifest } from '../manifests/manifest';
import type { CliIo } from './io';

/** The path that stands for standard input, as in kubectl (`-f -`) and kubeconform. */
export const STDIN_PATH = '-';

/** How manifests read from standard input are named in findings and messages. */
export const STDIN_NAME = '<stdin>';

/**
 * Reads the manifests of the given paths, where `-` reads standard input once (e.g.
 * `kustomize build . | netpol lint -`).
 *
 * @param paths files, directories, or `-`
 * @param io where standard input comes from
 * @param exclude files never read as manifests (a topology or probe file next to them)
 * @returns the manifests, standard input's first
 * @throws InputError as `loadManifests` and `parseManifests` do, naming `<stdin>` for standard input
 */
export async function readManifestInputs(paths: readonly string[], io: CliIo, exclude: readonly string[] = []): Promise<Manifest[]> {
  const files = paths.filter((p) => p !== STDIN_PATH);
  const fromStdin = paths.includes(STDIN_PATH) ? parseManifests(await io.readStdin(), STDIN_NAME) : [];
  return [...fromStdin, ...(files.length > 0 ? loadManifests(files, io.cwd, exclude) : [])];
}
