import type { Manifest } from '../manifests/manifest';
import { policyLabel } from '../probe/policy-ref';

/**
 * The policies that select every endpoint of the cluster, as the simulator names them in a
 * verdict's `by` (`CiliumClusterwideNetworkPolicy baseline-dns`): the design's baselines (DNS,
 * health probes, metrics scrape). A flow that one side allows only through such policies is a
 * baseline flow: the report shows it in the legend rather than as an edge of the graph.
 *
 * A CCNP selects every endpoint when its `endpointSelector` (or that of one of its `specs`) has
 * neither `matchLabels` nor `matchExpressions` (docs.cilium.io, Policy Language > Endpoint
 * Selector: an empty selector selects all endpoints). For NetworkPolicy, which has no
 * cluster-wide kind, a policy selects every endpoint when a policy of the same name with an
 * empty `podSelector` exists in every namespace that holds NetworkPolicies (how the
 * NetworkPolicy renderer writes the baselines).
 *
 * @param manifests the manifests
 * @returns the policy labels, as in `DirectionVerdict.by`
 */
export function baselinePolicies(manifests: readonly Manifest[]): Set<string> {
  const result = new Set<string>();
  const namespacesByName = new Map<string, Set<string>>();
  const policyNamespaces = new Set<string>();
  for (const { object } of manifests) {
    const { kind, metadata } = object;
    if (kind === 'CiliumClusterwideNetworkPolicy' && specsOf(object).some((spec) => isEmptySelector(spec.endpointSelector))) {
      result.add(policyLabel({ kind, name: metadata.name }));
    }
    if (kind === 'NetworkPolicy' && metadata.namespace !== undefined) {
      policyNamespaces.add(metadata.namespace);
      const spec = object.spec as Record<string, unknown> | undefined;
      if (isEmptySelector(spec?.podSelector)) {
        const seen = namespacesByName.get(metadata.name) ?? new Set<string>();
        seen.add(metadata.namespace);
        namespacesByName.set(metadata.name, seen);
      }
    }
  }
  if (policyNamespaces.size > 1) {
    for (const [name, namespaces] of namespacesByName) {
      if (namespaces.size < policyNamespaces.size) continue;
      for (const ns of namespaces) result.add(policyLabel({ kind: 'NetworkPolicy', namespace: ns, name }));
    }
  }
  return result;
}

function specsOf(object: Record<string, unknown>): Record<string, unknown>[] {
  const specs: unknown[] = [object.spec, ...(Array.isArray(object.specs) ? object.specs : [])];
  return specs.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
}

function isEmptySelector(selector: unknown): boolean {
  if (typeof selector !== 'object' || selector === null) return false;
  const { matchLabels, matchExpressions } = selector as { matchLabels?: object; matchExpressions?: unknown[] };
  return (matchLabels === undefined || Object.keys(matchLabels).length === 0) && (matchExpressions === undefined || matchExpressions.length === 0);
}
