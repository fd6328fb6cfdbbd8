import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';
import { isEmptySelector, asSelector } from '../../manifests/label-selector';
import { peerFields, selectsAnyPeer } from '../peers';
import { isCilium, policyRules, type PolicyRule, type PolicySpec } from '../../manifests/policies';
import { isAllPorts, rulePorts } from '../ports';

const ID = 'no-explicit-default-deny';
const FIX = 'Delete it and rely on the baselines: every endpoint is already default-deny once the baseline CCNPs select it.';

/**
 * Explicit default-deny objects on Cilium. The design's baselines select every endpoint, so
 * every endpoint is already in default-deny for both directions ("a direction becomes
 * default-deny once any policy selecting the endpoint has a rule for it", docs.cilium.io
 * Policy Enforcement Modes). An explicit deny-everything rule is worse than redundant: deny
 * rules take precedence over every allow (docs.cilium.io "Deny Policies"), so a deny-all CCNP
 * cuts every allow of every namespace, baselines included. An allow-nothing policy (rules that
 * are all `{}`) is only redundant, so it is a warning.
 *
 * NetworkPolicy default-deny objects are not reported: without Cilium they are how the
 * design denies.
 */
export const noExplicitDefaultDeny = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Explicit default-deny policy on Cilium, where the baselines already deny.',
  help: FIX,
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies.filter((p) => isCilium(p.kind))) {
      const rules = policyRules(policy);
      for (const rule of rules.filter((r) => r.deny && deniesEverything(r))) {
        report(policy.manifest, {
          field: rule.path,
          message: `${rule.section} rule denies every peer on every port${selectsAll(policy) ? ' for every endpoint' : ''}; deny wins over allow in Cilium, so this blocks every allow rule, baselines included.`,
          fix: FIX,
        });
      }
      const allows = rules.filter((r) => !r.deny);
      if (allows.length > 0 && rules.every((r) => !r.deny) && allows.every((r) => peerFields(r).length === 0 && !selectsAnyPeer(r))) {
        report(policy.manifest, {
          field: policy.path,
          message: `allows nothing (${[...new Set(allows.map((r) => `${r.section}: [{}]`))].join(', ')}): a deny-all object whose only effect is the default-deny the baselines already give.`,
          fix: FIX,
          severity: 'warning',
        });
      }
    }
  },
});

function selectsAll(policy: PolicySpec): boolean {
  const selector = asSelector(policy.spec.endpointSelector);
  return selector !== undefined && isEmptySelector(selector);
}

/** A deny rule covers everything when it has no port restriction and a peer that is everyone. */
function deniesEverything(rule: PolicyRule): boolean {
  if (!rulePorts(rule).some(isAllPorts)) return false;
  return peerFields(rule).some(({ field, entries }) => {
    if (field.endsWith('Entities')) return entries.includes('all');
    if (field.endsWith('Endpoints')) return entries.some((e) => { const s = asSelector(e); return s !== undefined && isEmptySelector(s); });
    if (field.endsWith('CIDR')) return entries.some((e) => e === '0.0.0.0/0' || e === '::/0');
    return false;
  });
}
