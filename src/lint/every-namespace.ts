import { asSelector, requirements } from '../manifests/label-selector';
import { pinsNamespace } from '../manifests/namespace-scope';
import type { PolicySpec } from '../manifests/policies';
import { scopedPeerRequirements } from './peer-scope';

/**
 * Whether a policy selects pods of every namespace: a CiliumClusterwideNetworkPolicy whose
 * `endpointSelector` pins no namespace (host policies, with `nodeSelector`, select nodes).
 *
 * @param policy the policy spec
 */
export function subjectSpansEveryNamespace(policy: PolicySpec): boolean {
  if (policy.kind !== 'CiliumClusterwideNetworkPolicy') return false;
  if (policy.spec.endpointSelector === undefined && policy.spec.nodeSelector !== undefined) return false;
  const selector = asSelector(policy.spec.endpointSelector ?? {});
  return selector !== undefined && !pinsNamespace(requirements(selector));
}

/**
 * Whether a Cilium endpoint peer (`fromEndpoints`/`toEndpoints` entry) selects pods of every
 * namespace: no namespace requirement after the policy's own scope is applied.
 *
 * @param policy the spec holding the peer
 * @param entry the peer selector
 */
export function peerSpansEveryNamespace(policy: PolicySpec, entry: unknown): boolean {
  const list = scopedPeerRequirements(policy, entry);
  return list !== undefined && !pinsNamespace(list);
}
