import { RESERVED_PREFIX } from './cilium-labels';
import type { ProbeEntity } from './flow';
import type { SubjectMatcher } from './rule';
import { selectorMatches, type LabelLookup } from './selector';

/**
 * The reserved identities Cilium runs as endpoints of its own, so that policies can select them
 * as subjects (flow-probe spec, "Peers"): the node's health endpoint (`reserved:health`), the
 * Envoy endpoint of Cilium Ingress and Gateway API (`reserved:ingress`) and pods whose labels are
 * not yet known (`reserved:init`, docs.cilium.io "Endpoint Lifecycle > Init Identity").
 *
 * The host is not among them: pkg/policy/rule.go `matches` only lets a rule with a `nodeSelector`
 * select `reserved:host` (host firewall, not modelled), and never lets an `endpointSelector` do so.
 * `remote-node`, `kube-apiserver`, `unmanaged` and `world` are no endpoints of the local agent, so
 * no policy applies to them.
 */
export const SUBJECT_ENTITIES: readonly ProbeEntity[] = ['health', 'ingress', 'init'];

/**
 * The labels of a reserved identity as Cilium's selectors see them: only `reserved:<name>`.
 *
 * @param name the entity, e.g. `health` or `world`
 */
export function reservedLabels(name: string): LabelLookup {
  const label = `${RESERVED_PREFIX}${name}`;
  return (key) => (key === label ? '' : undefined);
}

/**
 * Whether a policy applies to a reserved endpoint. An `endpointSelector` matches the endpoint's
 * labels (`reserved:<name>` only): `{}` in a CCNP selects it (pkg/policy/rule.go `matches`, and
 * Cilium's examples/policies/kubernetes/clusterwide/health.yaml selects `reserved:health`); a CNP
 * never does, since its selector always requires the policy's namespace
 * (pkg/k8s/apis/cilium.io/utils/utils.go ParseToCiliumRule). NetworkPolicies select pods only.
 *
 * @param subject the policy's subject
 * @param entity the reserved endpoint
 */
export function reservedSubjectMatches(subject: SubjectMatcher, entity: ProbeEntity): boolean {
  if (subject.kind !== 'endpoints' || subject.namespace !== undefined) return false;
  return selectorMatches(subject.selector, reservedLabels(entity));
}
