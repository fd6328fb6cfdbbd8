import { asSelector, isEmptySelector } from '../../manifests/label-selector';
import { policyRules, type PolicySpec } from '../../manifests/policies';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';
import { peerFields } from '../peers';

const ID = 'ccnp-wildcard-peer';

/** Words that say a policy means the namespace's own pods. */
const NAMESPACE_LOCAL = /\b(same|intra|in|within|own|local)[-_ ]?(the[-_ ]|its[-_ ]|a[-_ ])?namespace\b|\bnamespace[-_ ]?(local|internal|only)\b/i;

/**
 * A CCNP peer `{}` (`fromEndpoints: [{}]`, `toEndpoints: [{}]`) in a policy whose name or
 * description says namespace-local ("same-namespace", "intra-namespace", ...). In a
 * CiliumNetworkPolicy `{}` means the policy's own namespace; in a CCNP, which has no namespace,
 * it means every pod of every namespace (cilium/cilium#12890, #14580: an empty selector is scoped
 * to the namespace only in namespaced policies), so "allow within the namespace" copied into a
 * CCNP allows the whole cluster.
 */
export const ccnpWildcardPeer = defineRule({
  id: ID,
  severity: 'error',
  summary: 'CCNP peer {} (every namespace) in a policy that says it is namespace-local.',
  help: 'In a CCNP, {} selects every pod of every namespace. Write the namespace-local rule in a CiliumNetworkPolicy per namespace (there {} means the own namespace), or name the namespaces.',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies.filter((p) => p.kind === 'CiliumClusterwideNetworkPolicy')) {
      const words = namespaceLocalWords(policy);
      if (words === undefined) continue;
      for (const rule of policyRules(policy)) {
        for (const { field, entries } of peerFields(rule)) {
          if (field !== 'fromEndpoints' && field !== 'toEndpoints') continue;
          entries.forEach((entry, index) => {
            const selector = asSelector(entry);
            if (!selector || !isEmptySelector(selector)) return;
            report(policy.manifest, {
              field: `${rule.path}.${field}[${index}]`,
              message: `peer {} in a CCNP selects every pod of every namespace, but the policy says it is namespace-local ("${words}").`,
              fix: `Move the rule into a CiliumNetworkPolicy in each namespace, where ${field}: [{}] means that namespace's pods; or, to mean every namespace, say so in the name and description.`,
            });
          });
        }
      }
    }
  },
});

/** The namespace-local wording of the policy's name or description, if any. */
function namespaceLocalWords(policy: PolicySpec): string | undefined {
  const { metadata } = policy.manifest.object;
  const texts = [metadata.name, policy.spec.description, metadata.annotations?.description, metadata.annotations?.['kubernetes.io/description']]
    .filter((t): t is string => typeof t === 'string');
  for (const text of texts) {
    const match = NAMESPACE_LOCAL.exec(text);
    if (match) return match[0];
  }
  return undefined;
}
