import { CiliumPolicy } from './cilium-policy';
import { KubernetesPolicy } from './kubernetes-policy';
import type { NetpolCluster } from './netpol-cluster';

/**
 * Whether a hand-written policy of the cluster gives the pods of `namespace` DNS: a
 * cluster-wide `CiliumPolicy`, or a `CiliumPolicy`/`KubernetesPolicy` in the namespace, with an
 * egress rule on port 53 (a cluster kept as its repository wrote it, whose DNS policy is not a
 * `ClusterBaseline`). What the rule selects is not read: the check is for a forgotten DNS rule,
 * not a proof.
 *
 * @param cluster the cluster
 * @param namespace the namespace whose DNS is asked
 */
export function handWrittenDns(cluster: NetpolCluster, namespace: string): boolean {
  const cilium = cluster.sourcesOf(CiliumPolicy).flatMap((p) => p.customPolicies())
    .filter((p) => p.namespace === undefined || p.namespace === namespace)
    .flatMap((p) => p.specs ?? [p.spec]);
  if (cilium.some((spec) => egressRules(spec).some((rule) => namesPort53(rule.toPorts, 'ports')))) return true;
  return cluster.sourcesOf(KubernetesPolicy).flatMap((p) => p.networkPolicies())
    .filter((p) => p.namespace === namespace)
    .some((p) => egressRules(p.spec).some((rule) => Array.isArray(rule.ports) && rule.ports.some(isPort53)));
}

function egressRules(spec: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  return Array.isArray(spec.egress) ? spec.egress.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object') : [];
}

/** Whether a Cilium `toPorts` list names port 53. */
function namesPort53(toPorts: unknown, key: 'ports'): boolean {
  return Array.isArray(toPorts) && toPorts.some((entry) => entry !== null && typeof entry === 'object'
    && Array.isArray((entry as Record<string, unknown>)[key]) && ((entry as Record<string, unknown[]>)[key]).some(isPort53));
}

function isPort53(port: unknown): boolean {
  return port !== null && typeof port === 'object' && String((port as { port?: unknown }).port) === '53';
}
