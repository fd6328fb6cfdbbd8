/**
 * The label keys Cilium gives a pod's identity (pkg/k8s/apis/cilium.io/const.go) and the key
 * normalization selectors go through.
 */

/** The pod's namespace: `io.kubernetes.pod.namespace`. */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** Prefix of the namespace's labels on a pod: `io.cilium.k8s.namespace.labels.<key>`. */
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

/** The pod's service account: `io.cilium.k8s.policy.serviceaccount`. */
export const SERVICE_ACCOUNT_LABEL = 'io.cilium.k8s.policy.serviceaccount';

/** The cluster name: `io.cilium.k8s.policy.cluster` (the simulator models one cluster, `default`). */
export const CLUSTER_LABEL = 'io.cilium.k8s.policy.cluster';

/** Prefix of reserved identity labels, e.g. `reserved:host`. */
export const RESERVED_PREFIX = 'reserved:';

/**
 * Maps a selector key to the key matched: `k8s:` and `any:` source prefixes name the same
 * labels as the bare key (pkg/labels: a selector without source matches any source).
 *
 * @param key the key as written
 */
export function normalizeCiliumKey(key: string): string {
  if (key.startsWith('k8s:')) return key.slice(4);
  if (key.startsWith('any:')) return key.slice(4);
  return key;
}
