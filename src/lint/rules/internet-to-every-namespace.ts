import { OUTSIDE_ENTITIES } from '../../manifests/namespace-scope';
import { isRecord, policyRules } from '../../manifests/policies';
import { AMBIENT_PROBE_SOURCE } from '../../model/cidr';
import { defineRule, type Report } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import { subjectSpansEveryNamespace } from '../every-namespace';
import type { LintContext } from '../lint-context';
import { peerFields } from '../peers';

const ID = 'internet-to-every-namespace';

/**
 * A CiliumClusterwideNetworkPolicy whose `endpointSelector` pins no namespace (`{}`, pod labels
 * only, `io.kubernetes.pod.namespace` `Exists` or `NotIn`) that admits traffic from outside the
 * cluster: entities `world` (`world-ipv4`, `world-ipv6`) or `all`, or a CIDR. That exposes pods of
 * every namespace, or any pod anyone creates with those labels, to the internet. The kubelet
 * probe source of Istio ambient (169.254.7.127/32) is exempt.
 */
export const internetToEveryNamespace = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Cluster-wide policy admitting the outside into pods of every namespace.',
  help: 'Admit the outside in a CiliumNetworkPolicy of the namespace that serves it, or pin the namespace in the endpointSelector (`io.kubernetes.pod.namespace: <namespace>`).',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies) {
      if (!subjectSpansEveryNamespace(policy) || isEscapeHatch(policy, context)) continue;
      for (const rule of policyRules(policy).filter((r) => !r.deny && r.direction === 'ingress')) {
        for (const { field, entries } of peerFields(rule)) {
          entries.forEach((entry, index) => {
            const outside = field === 'fromEntities' ? (typeof entry === 'string' && OUTSIDE_ENTITIES.includes(entry) ? `entity ${entry}` : undefined)
              : field === 'fromCIDR' ? (typeof entry === 'string' && entry !== AMBIENT_PROBE_SOURCE ? `CIDR ${entry}` : undefined)
                : field === 'fromCIDRSet' ? (isRecord(entry) && typeof entry.cidr === 'string' && entry.cidr !== AMBIENT_PROBE_SOURCE ? `CIDR ${entry.cidr}` : undefined)
                  : undefined;
            if (outside === undefined) return;
            report(policy.manifest, {
              field: `${rule.path}.${field}[${index}]`,
              message: `${outside} is admitted into pods of every namespace (the endpointSelector pins none): every such pod, or any pod anyone creates with its labels, is exposed to the outside.`,
              fix: 'Move the rule into a CiliumNetworkPolicy in the namespace of the pods that serve it, or add `io.kubernetes.pod.namespace: <namespace>` to the endpointSelector.',
            });
          });
        }
      }
    }
  },
});
