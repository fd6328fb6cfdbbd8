import type { RenderedObject } from '../render/rendered-object';

type Validator = (object: Record<string, unknown>) => void;
type ModelClass = new (data: Record<string, unknown>) => { validate(): void };

/**
 * Where the upstream model of each kind the library emits lives. The models are ESM-only, so they
 * are loaded with a real dynamic `import()`.
 */
const MODELS: Readonly<Record<string, () => Promise<ModelClass>>> = {
  'v1/Namespace': async () => (await import('kubernetes-models/v1/Namespace')).Namespace as unknown as ModelClass,
  'networking.k8s.io/v1/NetworkPolicy': async () => (await import('kubernetes-models/networking.k8s.io/v1/NetworkPolicy')).NetworkPolicy as unknown as ModelClass,
  'cilium.io/v2/CiliumNetworkPolicy': async () => (await import('@kubernetes-models/cilium/cilium.io/v2/CiliumNetworkPolicy')).CiliumNetworkPolicy as unknown as ModelClass,
  'cilium.io/v2/CiliumClusterwideNetworkPolicy': async () => (await import('@kubernetes-models/cilium/cilium.io/v2/CiliumClusterwideNetworkPolicy')).CiliumClusterwideNetworkPolicy as unknown as ModelClass,
  'monitoring.coreos.com/v1/PrometheusRule': async () => (await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule')).PrometheusRule as unknown as ModelClass,
};

const loaded = new Map<string, Validator>();

/** The `apiVersion/kind` pairs `validateObjects` knows. */
export const VALIDATED_KINDS: readonly string[] = Object.keys(MODELS);

/**
 * Validates rendered objects against their upstream schemas (kubernetes-models,
 * @kubernetes-models/cilium, @kubernetes-models/prometheus-operator).
 *
 * @param objects the objects to check
 * @returns one `[construct path] Kind namespace/name: problem` line per invalid object; empty when all are valid
 */
export async function validateObjects(objects: readonly RenderedObject[]): Promise<string[]> {
  const errors: string[] = [];
  for (const rendered of objects) {
    const { apiVersion, kind, metadata } = rendered.object;
    const key = `${apiVersion}/${kind}`;
    const name = `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`;
    const validator = await validatorFor(key);
    if (!validator) {
      errors.push(`[${rendered.constructPath}] ${name}: no schema for ${key}; the library only emits ${VALIDATED_KINDS.join(', ')}.`);
      continue;
    }
    try {
      validator(rendered.object as Record<string, unknown>);
    } catch (error) {
      errors.push(`[${rendered.constructPath}] ${name}: does not match the ${key} schema: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return errors;
}

async function validatorFor(key: string): Promise<Validator | undefined> {
  const cached = loaded.get(key);
  if (cached) return cached;
  const load = MODELS[key];
  if (!load) return undefined;
  const Model = await load();
  const validator: Validator = (object) => new Model(object).validate();
  loaded.set(key, validator);
  return validator;
}
