import { InputError } from '../cli/input-error';
import type { Manifest } from './manifest';

/**
 * Refuses input that holds the same object twice (same apiVersion, kind, namespace and name):
 * a cluster applies one of them, so reading both gives answers about no real cluster. It happens
 * when a folder holds several clusters' output, e.g. all of `dist/` instead of `dist/homelab`.
 *
 * @param manifests the input
 * @param what the input, for the message, e.g. `--base dist`
 * @throws InputError naming the object, both files and the fix
 */
export function refuseDuplicateObjects(manifests: readonly Manifest[], what: string): void {
  const seen = new Map<string, Manifest>();
  for (const manifest of manifests) {
    const { apiVersion, kind, metadata } = manifest.object;
    const key = `${apiVersion}|${kind}|${metadata.namespace ?? ''}|${metadata.name}`;
    const first = seen.get(key);
    if (first) {
      const name = `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`;
      throw new InputError(`${what}: ${name} appears twice (${first.source.file} and ${manifest.source.file}). `
        + 'The input holds more than one cluster\'s manifests, or a copy: point it at one cluster\'s folder, e.g. dist/homelab.');
    }
    seen.set(key, manifest);
  }
}
