import { AMBIENT_PROBE_SOURCE } from '../../model/cidr';
import { isEscapeHatch } from '../escape-hatch';
import { defineRule, type Report } from '../define-rule';
import { asSelector, CILIUM_NAMESPACE_LABELS, CILIUM_POD_NAMESPACE, requirements } from '../../manifests/label-selector';
import type { LintContext } from '../lint-context';
import { peerFields, selectsAnyPeer } from '../peers';
import { isRecord, policyRules, type PolicyRule } from '../../manifests/policies';
import { isAllPorts, rulePorts } from '../ports';
import { ANY_PORT_REASONS_ANNOTATION, anyPortRulesWithReasons } from '../../render/rendered-object';

const ID = 'no-any-port';

/**
 * Allow rules that allow every port: a Cilium rule with peers but no `toPorts` (or a port
 * `0`), a NetworkPolicy rule without `ports`. Name the ports the service listens on.
 *
 * Exempt, on purpose:
 * - rules whose reason the policy states in its `network-policy.homelab/any-port-reasons`
 *   annotation (`spec.ingress[0]: <reason>`), which the library writes for `Port.any({ reason })`;
 * - the escape hatch: a CCNP selecting `network-policy.homelab/enforcement=disabled`
 *   namespaces is an allow-all by design, it is how enforcement is lifted; so is any
 *   NetworkPolicy in a namespace whose Namespace manifest carries that label (the NetworkPolicy
 *   rendering of the escape hatch);
 * - peers in the policy's own namespace only: the namespace is the design's unit of trust
 *   (profiles and access labels are granted per namespace), so pods of one namespace may talk
 *   on any port; naming each intra-namespace port would narrow nothing the design relies on;
 * - the `health` entity and the kubelet probe address 169.254.7.127/32: Cilium health checks
 *   use ICMP echo as well as TCP 4240 (docs.cilium.io "Cilium Health"), and ICMP cannot be
 *   written as a port; kubelet probes target whatever port each container declares.
 */
export const noAnyPort = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Allow rule that allows every port.',
  help: 'Add the ports the peer needs: `toPorts: [{ports: [{port: "5432", protocol: TCP}]}]` (Cilium) or `ports: [{port: 5432, protocol: TCP}]` (NetworkPolicy).',
  check(context: LintContext, report: Report): void {
    for (const policy of context.policies) {
      if (isEscapeHatch(policy, context)) continue;
      const explained = anyPortRulesWithReasons(policy.manifest.object.metadata.annotations);
      for (const rule of policyRules(policy).filter((r) => !r.deny)) {
        if (!rulePorts(rule).some(isAllPorts) || explained.has(rule.path)) continue;
        if (!allowsSomething(rule) || sameNamespaceOnly(rule) || exemptPeers(rule)) continue;
        const cilium = policy.kind !== 'NetworkPolicy';
        const peers = peerFields(rule).map((p) => p.field).join(', ') || 'any peer';
        report(policy.manifest, {
          field: `${rule.path}.${cilium ? 'toPorts' : 'ports'}`,
          message: `${rule.direction} rule allows ${peers} on every port.`,
          fix: (cilium
            ? `Add \`toPorts\` with the ports the peer needs, e.g. \`toPorts: [{ports: [{port: "443", protocol: TCP}]}]\`.`
            : `Add \`ports\` with the ports the peer needs, e.g. \`ports: [{port: 443, protocol: TCP}]\`.`)
            + ` If every port is really meant, say why: Port.any({ reason }) in cdk8s-netpol, or the annotation ${ANY_PORT_REASONS_ANNOTATION} ("${rule.path}: <reason>").`,
        });
      }
    }
  },
});

/** A Cilium rule without peers or ports (`{}`) allows nothing. */
function allowsSomething(rule: PolicyRule): boolean {
  return peerFields(rule).length > 0 || selectsAnyPeer(rule);
}

function sameNamespaceOnly(rule: PolicyRule): boolean {
  const { policy } = rule;
  const peers = peerFields(rule);
  if (peers.length === 0 || policy.kind === 'CiliumClusterwideNetworkPolicy') return false;
  return peers.every(({ field, entries }) => {
    if (field === 'fromEndpoints' || field === 'toEndpoints') {
      // In a CNP, endpoint selectors without a namespace key select in the policy's namespace.
      return entries.every((entry) => {
        const selector = asSelector(entry);
        if (!selector) return false;
        const ns = requirements(selector).filter((r) => r.key === CILIUM_POD_NAMESPACE || r.key.startsWith(CILIUM_NAMESPACE_LABELS));
        return ns.every((r) => r.key === CILIUM_POD_NAMESPACE && r.operator === 'In' && r.values?.length === 1 && r.values[0] === policy.namespace);
      });
    }
    if (field === 'from' || field === 'to') {
      // A NetworkPolicy peer with only a podSelector selects pods of the policy's namespace.
      return entries.every((entry) => isRecord(entry) && Object.keys(entry).every((k) => k === 'podSelector'));
    }
    return false;
  });
}

function exemptPeers(rule: PolicyRule): boolean {
  const peers = peerFields(rule);
  return peers.length > 0 && peers.every(({ field, entries }) => {
    if (field === 'fromEntities') return entries.every((e) => e === 'health');
    if (field === 'fromCIDR') return entries.every((e) => e === AMBIENT_PROBE_SOURCE);
    if (field === 'fromCIDRSet') return entries.every((e) => isRecord(e) && e.cidr === AMBIENT_PROBE_SOURCE);
    if (field === 'from') return entries.every((e) => isRecord(e) && isRecord(e.ipBlock) && e.ipBlock.cidr === AMBIENT_PROBE_SOURCE);
    return false;
  });
}
