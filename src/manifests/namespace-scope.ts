import { CILIUM_NAMESPACE_LABELS, CILIUM_POD_NAMESPACE, type LabelRequirement } from './label-selector';

/**
 * The Cilium entities that stand for addresses outside the cluster: `world` (and its per-family
 * halves `world-ipv4`, `world-ipv6`, Cilium 1.15+) and `all`, which includes `world`
 * (docs.cilium.io, Policy Language, "Entities Based").
 */
export const OUTSIDE_ENTITIES: readonly string[] = ['all', 'world', 'world-ipv4', 'world-ipv6'];

/**
 * Whether selector requirements (keys normalized, see `requirements`) pin the namespace: to
 * named namespaces (`io.kubernetes.pod.namespace In [...]`) or to namespaces carrying a label
 * (`io.cilium.k8s.namespace.labels.<key>` `In`/`Exists`), which only whoever manages namespaces
 * can set. Without such a requirement a Cilium selector in a cluster-wide policy spans every
 * namespace, and pod labels alone can be carried by any pod anyone creates anywhere.
 *
 * @param requirements the requirements of one selector
 */
export function pinsNamespace(requirements: readonly LabelRequirement[]): boolean {
  return requirements.some((r) => (r.key === CILIUM_POD_NAMESPACE && r.operator === 'In')
    || (r.key.startsWith(CILIUM_NAMESPACE_LABELS) && (r.operator === 'In' || r.operator === 'Exists')));
}
