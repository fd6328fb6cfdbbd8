import type { LabelRequirement, SelectorOperator } from '../model/label-selector';
import type { EndpointsPeer } from '../model/peer';
import type { Subject } from '../model/policy';

/** The label Cilium gives every pod with its namespace (docs.cilium.io, Policy Language, "Namespaces"). */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** The prefix under which Cilium exposes a pod's namespace labels to selectors. */
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

/** The source prefix of the labels of Cilium's reserved identities: `reserved:health`. */
export const RESERVED_LABEL_PREFIX = 'reserved:';

/** A Kubernetes label selector as Cilium reads it. */
export interface CiliumSelector {
  /** @default - no label condition */
  matchLabels?: Record<string, string>;
  /** @default - no expression */
  matchExpressions?: { key: string; operator: SelectorOperator; values?: string[] }[];
}

/**
 * The `endpointSelector` of a policy's subject. In a CiliumNetworkPolicy Cilium scopes the
 * selector to the policy's namespace by itself (pkg/k8s/apis/cilium.io/utils, ParseToCiliumRule),
 * so the namespace is only written for cluster-wide policies.
 *
 * @param subject the endpoints the policy selects
 * @param namespaced whether the policy is a CiliumNetworkPolicy
 */
export function endpointSelector(subject: Subject, namespaced: boolean): CiliumSelector {
  // A reserved identity that runs as an endpoint (health) carries the label `reserved:<entity>`
  // (cilium/cilium examples/policies/kubernetes/clusterwide/health.yaml).
  if (subject.entity !== undefined) return { matchLabels: { [`${RESERVED_LABEL_PREFIX}${subject.entity}`]: '' } };
  const matchLabels: Record<string, string> = { ...subject.podLabels };
  if (!namespaced && subject.namespace !== undefined) matchLabels[POD_NAMESPACE_LABEL] = subject.namespace;
  for (const [key, value] of Object.entries(subject.namespaceLabels ?? {})) matchLabels[NAMESPACE_LABELS_PREFIX + key] = value;
  const matchExpressions = expressions(subject.podExpressions, subject.namespaceExpressions);
  return { ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}), ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
}

/**
 * The `fromEndpoints`/`toEndpoints` selector of a pods peer. The namespace is always explicit:
 * in a CiliumNetworkPolicy a selector without `io.kubernetes.pod.namespace` (or namespace
 * labels) means the policy's own namespace, in a cluster-wide policy any namespace
 * (pkg/k8s/apis/cilium.io/utils, getEndpointSelector). A peer meant for every namespace gets
 * `io.kubernetes.pod.namespace Exists`, which reads the same in both.
 *
 * @param peer the pods
 */
export function peerSelector(peer: EndpointsPeer): CiliumSelector {
  const matchLabels: Record<string, string> = { ...peer.podLabels };
  if (peer.namespace !== undefined) matchLabels[POD_NAMESPACE_LABEL] = peer.namespace;
  for (const [key, value] of Object.entries(peer.namespaceLabels ?? {})) matchLabels[NAMESPACE_LABELS_PREFIX + key] = value;
  const selector: CiliumSelector = {};
  if (Object.keys(matchLabels).length > 0) selector.matchLabels = matchLabels;
  const matchExpressions = [
    ...(peer.namespace === undefined ? [{ key: POD_NAMESPACE_LABEL, operator: 'Exists' as const }] : []),
    ...expressions(peer.podExpressions, peer.namespaceExpressions),
  ];
  if (matchExpressions.length > 0) selector.matchExpressions = matchExpressions;
  return selector;
}

/**
 * Label selector requirements as Cilium reads them: pod requirements as written, namespace
 * requirements on Cilium's namespace label prefix (docs.cilium.io, Policy Language, "Namespaces").
 */
function expressions(pod: readonly LabelRequirement[] = [], namespace: readonly LabelRequirement[] = []): NonNullable<CiliumSelector['matchExpressions']> {
  const write = (r: LabelRequirement, prefix: string): NonNullable<CiliumSelector['matchExpressions']>[number] =>
    ({ key: prefix + r.key, operator: r.operator, ...(r.values.length > 0 ? { values: [...r.values] } : {}) });
  return [...pod.map((r) => write(r, '')), ...namespace.map((r) => write(r, NAMESPACE_LABELS_PREFIX))];
}
