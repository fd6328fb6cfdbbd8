import { isCilium } from '../../manifests/policies';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'empty-section-ignored';

/**
 * `ingress: []` or `egress: []` in a Cilium policy, with no deny rule for that direction
 * either. Cilium ignores an empty list: a direction of a spec counts only when it holds at least
 * one rule (pkg/policy/api/rule.go Sanitize, `len(r.Ingress) > 0 || len(r.IngressDeny) > 0`), so
 * the field neither allows nor denies and does not put the endpoints in default-deny, unlike a
 * NetworkPolicy's `ingress: []` with `policyTypes: [Ingress]`, which denies all. Whoever wrote it
 * meant "no ingress" (Tsuguya/home-cluster, manifests/monitoring/netpol-smartctl-exporter.yaml:
 * `egress: []`, "egress is not needed"); the endpoints are denied only if another policy says so.
 */
export const emptySectionIgnored = defineRule({
  id: ID,
  severity: 'warning',
  summary: 'Empty ingress/egress list in a Cilium policy, which Cilium ignores.',
  help: 'To deny the direction, write one empty rule (`egress: [{}]`: default-deny, allows nothing); if another policy already denies it, delete the field.',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies.filter((p) => isCilium(p.kind))) {
      for (const direction of ['ingress', 'egress'] as const) {
        const list = policy.spec[direction];
        const deny = policy.spec[`${direction}Deny`];
        if (!Array.isArray(list) || list.length > 0 || (Array.isArray(deny) && deny.length > 0)) continue;
        report(policy.manifest, {
          field: `${policy.path}.${direction}`,
          message: `\`${direction}: []\` is ignored by Cilium: an empty list neither allows nor denies, and does not make the selected endpoints default-deny for ${direction} (only a section with a rule does).`,
          fix: `To deny all ${direction} of these endpoints here, write \`${direction}: [{}]\`; if another policy already makes them default-deny (e.g. a baseline CCNP), delete the field.`,
        });
      }
    }
  },
});
