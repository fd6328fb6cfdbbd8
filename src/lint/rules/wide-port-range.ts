import { policyRules } from '../../manifests/policies';
import { describeCoverage, widePortCoverage } from '../../model/port-coverage';
import { anyPortRulesWithReasons } from '../../render/rendered-object';
import { defineRule, type Report } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import type { LintContext } from '../lint-context';
import { isAllPorts, rulePorts } from '../ports';

const ID = 'wide-port-range';

/**
 * Allow rules whose port ranges together open more than half of a protocol's 65,535 ports
 * (`WIDE_PORT_LIMIT`): `endPort: 65535` from a low port, `2-65535`, adjacent ranges such as
 * `1-30000` and `30001-65535`. That is every port in disguise: SSH, the kubelet and nearly any
 * port a pod serves. A single range over every port is `no-any-port`'s finding; the escape hatch
 * and rules whose reason the `network-policy.homelab/any-port-reasons` annotation states are exempt.
 */
export const widePortRange = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Port ranges that together open more than half of the ports.',
  help: 'List the ports the peer needs. In the library, every port is said on purpose with `Port.any({ reason })`.',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies) {
      if (isEscapeHatch(policy, context)) continue;
      const stated = anyPortRulesWithReasons(policy.manifest.object.metadata.annotations);
      for (const rule of policyRules(policy).filter((r) => !r.deny && !stated.has(r.path))) {
        const ports = rulePorts(rule);
        if (ports.some(isAllPorts)) continue;
        const wide = widePortCoverage(ports.filter((p) => p.name === undefined));
        if (wide.length === 0) continue;
        const cilium = policy.kind !== 'NetworkPolicy';
        report(policy.manifest, {
          field: `${rule.path}.${cilium ? 'toPorts' : 'ports'}`,
          message: `${rule.direction} rule opens ${wide.map(describeCoverage).join(' and ')}: more than half of the ports, every port in disguise.`,
          fix: 'List the ports the peer needs, e.g. `port: "8080"`; a range only where a service really uses one (NodePorts 30000-32767, a media relay).',
        });
      }
    }
  },
});
