import { AMBIENT_PROBE_SOURCE } from '../../model/cidr';
import { cidrContains, parseCidr } from '../../model/cidr-range';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';
import { ruleCidrs } from '../peers';
import { policyRules } from '../../manifests/policies';
import { addressesWithReasons, ADDRESS_REASONS_ANNOTATION } from '../../render/rendered-object';

const ID = 'no-hard-coded-ip';

/** The private ranges internet egress must except (RFC 1918; RFC 4193 unique local for IPv6). */
export const PRIVATE_RANGES: Readonly<Record<'0.0.0.0/0' | '::/0', readonly string[]>> = {
  '0.0.0.0/0': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  '::/0': ['fc00::/7'],
};

/**
 * CIDR rules with addresses: `fromCIDR`/`toCIDR`, `fromCIDRSet`/`toCIDRSet` and NetworkPolicy
 * `ipBlock`. Addresses change; selectors and entities follow the workloads. Allowed:
 * - 169.254.7.127/32, the address kubelet probes come from under Istio ambient;
 * - `0.0.0.0/0` and `::/0` in a NetworkPolicy `ipBlock` that excepts the private ranges: the
 *   only way plain NetworkPolicy can say "the internet" (on Cilium use the `world` entity);
 * - addresses the object states a reason for in its `network-policy.homelab/address-reasons`
 *   annotation (one `cidr: reason` line each; a stated range covers the addresses inside it):
 *   the library writes it for `Peer.cidr(..., { reason })`, `Downgrade.toCidrs` and the
 *   configured API server address, and hand-written YAML states LAN ranges, a BGP router or a
 *   BMC subnet the same way.
 */
export const noHardCodedIp = defineRule({
  id: ID,
  severity: 'error',
  summary: 'CIDR rule with a hard-coded address.',
  help: 'Select the peer with endpoint/namespace selectors or Cilium entities (`world`, `kube-apiserver`, `host`) instead of addresses.',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies) {
      const explained = addressesWithReasons(policy.manifest.object.metadata.annotations);
      for (const rule of policyRules(policy)) {
        for (const { path, cidr, except } of ruleCidrs(rule)) {
          if (cidr === AMBIENT_PROBE_SOURCE || [...explained].some((e) => e === cidr || covers(e, cidr))) continue;
          if (cidr === '0.0.0.0/0' || cidr === '::/0') {
            if (policy.kind !== 'NetworkPolicy') {
              report(policy.manifest, {
                field: path,
                message: `CIDR "${cidr}" stands for the internet, which Cilium names as an entity.`,
                fix: `Replace it with \`${rule.direction === 'ingress' ? 'fromEntities' : 'toEntities'}: [world]\`.`,
              });
              continue;
            }
            const missing = PRIVATE_RANGES[cidr].filter((range) => !except.some((e) => covers(e, range)));
            if (missing.length === 0) continue;
            report(policy.manifest, {
              field: `${path}.except`,
              message: `ipBlock "${cidr}" does not except ${missing.join(', ')}, so it also reaches in-cluster and LAN addresses.`,
              fix: `Add ${missing.map((m) => `"${m}"`).join(', ')} to \`except\`.`,
            });
            continue;
          }
          report(policy.manifest, {
            field: path,
            message: `hard-coded address "${cidr}"; addresses change and do not follow the workload.`,
            fix: (policy.kind === 'NetworkPolicy'
              ? 'Use a namespaceSelector/podSelector peer for in-cluster workloads, or an access label for shared services.'
              : 'Use endpoint selectors for pods, or an entity (`world`, `kube-apiserver`, `host`, `remote-node`) for the rest.')
              + ` If the address is really needed, state why in the annotation ${ADDRESS_REASONS_ANNOTATION} ("${cidr}: <reason>").`,
          });
        }
      }
    }
  },
});

function covers(except: string, range: string): boolean {
  const outer = parseCidr(except);
  const inner = parseCidr(range);
  return outer !== undefined && inner !== undefined && cidrContains(outer, inner);
}
