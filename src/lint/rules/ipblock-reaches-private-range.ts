import { policyRules } from '../../manifests/policies';
import { privateRangesReached } from '../../model/address-space';
import { addressesWithReasons } from '../../render/rendered-object';
import { defineRule, type Report } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import type { LintContext } from '../lint-context';
import { ruleCidrs } from '../peers';

const ID = 'ipblock-reaches-private-range';

/**
 * NetworkPolicy allow rules whose `ipBlock`s, except lists subtracted, reach a whole private
 * range (10/8, 100.64/10, 169.254/16, 172.16/12, 192.168/16, fc00::/7, fe80::/10), even with a
 * stated reason: on Calico, kube-router and most other CNIs an `ipBlock` matches pod addresses
 * too, so `0.0.0.0/0` without excepts, `10.0.0.0/8`, or `0.0.0.0/1` with `128.0.0.0/1` reaches
 * every pod of the cluster and the whole LAN, not the outside it was written for (a
 * `Downgrade.toCidrs(['0.0.0.0/0'])` rendering, for one). An unexplained `0.0.0.0/0` or `::/0`
 * is `no-hard-coded-ip`'s finding.
 */
export const ipblockReachesPrivateRange = defineRule({
  id: ID,
  severity: 'error',
  summary: 'NetworkPolicy ipBlocks that reach a whole private range (every pod, the LAN).',
  help: 'Except the private ranges (`except: [10.0.0.0/8, 100.64.0.0/10, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16]`), or name the destination\'s own, narrower ranges.',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies.filter((p) => p.kind === 'NetworkPolicy')) {
      if (isEscapeHatch(policy, context)) continue;
      const explained = addressesWithReasons(policy.manifest.object.metadata.annotations);
      for (const rule of policyRules(policy)) {
        const blocks = ruleCidrs(rule).filter(({ cidr }) => explained.has(cidr) || (cidr !== '0.0.0.0/0' && cidr !== '::/0'));
        const reached = privateRangesReached(blocks.map(({ cidr, except }) => ({ cidr, except })));
        if (reached.length === 0) continue;
        report(policy.manifest, {
          field: `${rule.path}.${rule.direction === 'ingress' ? 'from' : 'to'}`,
          message: `ipBlock ${blocks.map((b) => b.cidr).join(', ')} reaches all of ${reached.join(', ')}: an ipBlock matches pod addresses too, so that is every pod and the whole LAN, whatever reason is stated.`,
          fix: `Add ${reached.map((r) => `"${r}"`).join(', ')} to \`except\`, or list the destination's own ranges.`,
        });
      }
    }
  },
});
