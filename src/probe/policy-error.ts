import { InputError } from '../cli/input-error';
import { describeSource, type Manifest } from '../manifests/manifest';

/**
 * Makes the `InputError` for a bad field of a policy manifest:
 * `<file>: <Kind> <namespace/name>: <field>: <what is wrong and the fix>`.
 *
 * @param manifest the manifest
 * @param message the field path and the problem, e.g. `spec.ingress[0].ports[1].protocol: ...`
 */
export function policyError(manifest: Manifest, message: string): InputError {
  const { object, source } = manifest;
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return new InputError(`${describeSource(source)}: ${object.kind} ${ns}${object.metadata.name}: ${message}`);
}
