import { asSelector, isEmptySelector } from '../../manifests/label-selector';
import { isRecord, policyRules, type PolicySpec } from '../../manifests/policies';
import { defineRule, type Report } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import { peerSpansEveryNamespace, subjectSpansEveryNamespace } from '../every-namespace';
import type { LintContext } from '../lint-context';
import { peerFields } from '../peers';

const ID = 'every-namespace-peer';

/**
 * Peers that reach into every namespace where the design expects one place:
 * - error: a cluster-wide policy selecting pods of every namespace whose allow rule's peer also
 *   spans every namespace (endpoints pinning no namespace, or the entity `cluster`): every pod
 *   reaches every pod on those ports. This is what a gateway, Prometheus or DNS-server peer set to
 *   "all pods" renders as (`baseline-prometheus-scrape`, `baseline-dns`);
 * - warning: a peer chosen by pod labels alone in every namespace (Cilium endpoints without a
 *   namespace requirement in a CCNP or with `io.kubernetes.pod.namespace` `Exists`; NetworkPolicy
 *   `namespaceSelector: {}` with a `podSelector`): any pod anyone creates in any namespace can
 *   carry those labels and pass as, say, Prometheus.
 * The escape hatch is exempt.
 */
export const everyNamespacePeer = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Peer spanning every namespace: every pod to every pod, or a peer anyone can impersonate with pod labels.',
  help: 'Pin the peer to the namespace it runs in (`io.kubernetes.pod.namespace: monitoring`, or `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}`).',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies) {
      if (isEscapeHatch(policy, context)) continue;
      const everySubject = subjectSpansEveryNamespace(policy);
      for (const rule of policyRules(policy).filter((r) => !r.deny)) {
        for (const { field, entries } of peerFields(rule)) {
          entries.forEach((entry, index) => {
            const at = `${rule.path}.${field}[${index}]`;
            const scope = peerScope(policy, field, entry);
            if (scope === undefined) return;
            if (everySubject && (scope === 'every-pod' || scope === 'labelled')) {
              report(policy.manifest, {
                field: at,
                message: `both ends span every namespace: pods of every namespace ${rule.direction === 'ingress' ? 'admit' : 'reach'} ${scope === 'every-pod' ? 'every pod of the cluster' : 'pods of every namespace chosen by pod labels alone'}.`,
                fix: 'Pin the peer to the namespace it runs in, e.g. `io.kubernetes.pod.namespace: monitoring` with its pod labels.',
              });
            } else if (scope === 'labelled') {
              report(policy.manifest, {
                severity: 'warning',
                field: at,
                message: 'the peer is chosen by pod labels alone, in every namespace: any pod anyone creates anywhere can carry those labels and get through.',
                fix: policy.kind === 'NetworkPolicy'
                  ? 'Replace `namespaceSelector: {}` with the peer\'s namespace: `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: <namespace>}}`.'
                  : 'Add the peer\'s namespace to the selector: `io.kubernetes.pod.namespace: <namespace>`.',
              });
            }
          });
        }
      }
    }
  },
});

/**
 * How far a peer entry reaches: `every-pod` (every pod of every namespace), `labelled` (pods of
 * every namespace by pod labels), or undefined when it is pinned to namespaces or not a pod peer.
 */
function peerScope(policy: PolicySpec, field: string, entry: unknown): 'every-pod' | 'labelled' | undefined {
  if (field === 'fromEntities' || field === 'toEntities') return entry === 'cluster' ? 'every-pod' : undefined;
  if (field === 'fromEndpoints' || field === 'toEndpoints') {
    if (!peerSpansEveryNamespace(policy, entry)) return undefined;
    const selector = asSelector(entry);
    const podLabels = Object.keys(selector?.matchLabels ?? {}).length + (selector?.matchExpressions ?? [])
      .filter((r) => !/(^|:)io\.kubernetes\.pod\.namespace$/.test(r.key)).length;
    return podLabels === 0 ? 'every-pod' : 'labelled';
  }
  if ((field === 'from' || field === 'to') && isRecord(entry) && entry.ipBlock === undefined) {
    const namespaces = asSelector(entry.namespaceSelector);
    if (namespaces === undefined || !isEmptySelector(namespaces)) return undefined;
    const pods = asSelector(entry.podSelector);
    return pods === undefined || isEmptySelector(pods) ? undefined : 'labelled';
  }
  return undefined;
}
