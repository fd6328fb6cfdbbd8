import { asSelector, CILIUM_NAMESPACE_LABELS, CILIUM_POD_NAMESPACE, requirements, type LabelRequirement } from '../manifests/label-selector';
import type { PolicySpec } from '../manifests/policies';

/**
 * The requirements of a Cilium endpoint selector used as a peer (`fromEndpoints`,
 * `toEndpoints`), with the policy's namespace scope made explicit: in a CiliumNetworkPolicy a
 * peer selector without a namespace requirement selects only the policy's own namespace
 * (docs.cilium.io "Namespaces": "endpoints in the same namespace as the policy unless
 * namespace labels are given"); in a CCNP it selects every namespace.
 *
 * @param policy the spec holding the peer
 * @param entry the peer selector
 * @returns the requirements, or undefined when the entry is not a selector
 */
export function scopedPeerRequirements(policy: PolicySpec, entry: unknown): LabelRequirement[] | undefined {
  const selector = asSelector(entry);
  if (!selector) return undefined;
  const list = requirements(selector);
  const hasNamespace = list.some((r) => r.key === CILIUM_POD_NAMESPACE || r.key.startsWith(CILIUM_NAMESPACE_LABELS));
  if (policy.kind === 'CiliumNetworkPolicy' && !hasNamespace && policy.namespace) {
    list.push({ key: CILIUM_POD_NAMESPACE, operator: 'In', values: [policy.namespace] });
  }
  return list;
}

/**
 * Whether the requirements are about the namespace (`io.kubernetes.pod.namespace` or a
 * namespace label) rather than the pod.
 *
 * @param requirement a requirement with a normalized key
 */
export function isNamespaceRequirement(requirement: LabelRequirement): boolean {
  return requirement.key === CILIUM_POD_NAMESPACE || requirement.key.startsWith(CILIUM_NAMESPACE_LABELS);
}
