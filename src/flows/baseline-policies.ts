import type { Manifest } from '../manifests/manifest';
import type { Bitset } from '../probe/bitset';
import type { FlowSpace } from '../probe/flow-table';
import { policyLabel } from '../probe/policy-ref';
import type { PolicyRule } from '../probe/rule';
import type { PortProtocol } from './port-protocol';

/**
 * The policies that select every endpoint of the cluster, as the simulator names them in a
 * verdict's `by` (`CiliumClusterwideNetworkPolicy baseline-dns`): the design's baselines (DNS,
 * health probes, metrics scrape). A flow such a policy allows on one side is a baseline flow
 * (`BaselineFlows`): the docs diagram and the report show it in a legend rather than as an edge.
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

/**
 * Which allowed flows of a flow space are baseline flows: a rule of `baselinePolicies` allows
 * them on at least one side, so every namespace has them whatever else its policies say (a
 * platform namespace's own policy repeating DNS or scrape does not make them less so). Shared by
 * `netpol docs` (the diagram's legend) and `netpol report` (the graph's hidden edges). Computed
 * per subject, port and direction with the flow space's rule bitsets, once each.
 */
export class BaselineFlows {
  private readonly baselines: Set<string>;
  private readonly allowedByBaseline = new Map<string, Bitset>();

  /**
   * @param space the flow space the flows are decided in
   * @param manifests the manifests the space was built from
   */
  constructor(private readonly space: FlowSpace, manifests: readonly Manifest[]) {
    this.baselines = baselinePolicies(manifests);
  }

  /**
   * Whether the flow from identity `from` to identity `to` on `port` (allowed by the caller's
   * table) is a baseline flow.
   *
   * @param port the port
   * @param from the index of the source in the flow space
   * @param to the index of the destination in the flow space
   */
  has(port: PortProtocol, from: number, to: number): boolean {
    return this.side('egress', from, port).has(to) || this.side('ingress', to, port).has(from);
  }

  private side(direction: 'egress' | 'ingress', subject: number, port: PortProtocol): Bitset {
    const key = `${direction} ${subject} ${port.port}/${port.protocol}`;
    let bits = this.allowedByBaseline.get(key);
    if (bits === undefined) {
      bits = this.space.allowRuleMatches(direction, subject, port.port, port.protocol, (rule: PolicyRule) => this.baselines.has(policyLabel(rule.policy)));
      this.allowedByBaseline.set(key, bits);
    }
    return bits;
  }
}
