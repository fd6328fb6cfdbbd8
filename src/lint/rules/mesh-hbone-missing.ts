import { asSelector, ciliumEndpointLabels, CILIUM_NAMESPACE_LABELS, CILIUM_POD_NAMESPACE, requirementHolds, requirements, type LabelRequirement } from '../../manifests/label-selector';
import { isRecord, policyRules, type PolicyRule, type PolicySpec } from '../../manifests/policies';
import { AMBIENT_LABEL, AMBIENT_MODE } from '../../model/labels';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';
import { isNamespaceRequirement, scopedPeerRequirements } from '../peer-scope';
import { peerFields, selectsAnyPeer } from '../peers';
import { isAllPorts, portsInclude, rulePorts } from '../ports';

const ID = 'mesh-hbone-missing';

/** The Istio ambient HBONE port. */
const HBONE = 15008;

/** The Gateway API label Istio puts on the pods of gateways and waypoints, which are HBONE clients. */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** The requirement that narrows a peer to the meshed namespaces, which a 15008 rule may add. */
const MESH_REQUIREMENT = `${CILIUM_NAMESPACE_LABELS}${AMBIENT_LABEL}`;

/**
 * A namespace in the Istio ambient mesh (`istio.io/dataplane-mode=ambient`) whose ingress admits
 * pods that can speak HBONE on an application port (TCP) with nothing admitting the same pods on
 * tcp/15008. With in-pod redirection (Istio >= 1.21) traffic between meshed pods arrives at the
 * destination pod on 15008, with the client pod as source (istio.io, "Ambient and Kubernetes
 * NetworkPolicy": add 15008 next to the application port), and so does traffic from Istio
 * gateways and waypoints; the application port alone drops all of it.
 *
 * A peer can speak HBONE when its namespace requirements hold for some meshed Namespace manifest
 * of the input (its own namespace included), or when it selects gateway or waypoint pods
 * (`gateway.networking.k8s.io/gateway-name`). It counts as admitted on 15008 when an ingress rule
 * of any policy selecting the namespace allows tcp/15008 from every peer, from `cluster`/`all`,
 * or from a selector with no requirement the peer lacks (the mesh label aside: a 15008 rule may
 * narrow its peer to the meshed namespaces).
 */
export const meshHboneMissing = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Meshed namespace admitting pods on an application port without HBONE (tcp/15008).',
  help: 'Add `{port: "15008", protocol: TCP}` next to the application ports of the rule (cdk8s-netpol does it for `mesh: true` namespaces).',
  check(context: LintContext, report: Report): void {
    const meshed = context.namespaces.filter((m) => (m.object.metadata.labels ?? {})[AMBIENT_LABEL] === AMBIENT_MODE)
      .map((m) => ciliumEndpointLabels(m.object.metadata.name, m.object.metadata.labels ?? {}));
    const reported = new Set<string>();
    for (const labels of meshed) {
      const namespace = labels[CILIUM_POD_NAMESPACE];
      const rules = context.policies.filter((p) => selectsNamespace(p, namespace, labels)).flatMap(policyRules)
        .filter((r) => r.direction === 'ingress' && !r.deny);
      const grants = rules.filter((r) => portsInclude(rulePorts(r), HBONE, 'TCP'));
      for (const rule of rules) {
        const ports = rulePorts(rule).filter((p) => p.protocol === 'TCP' || p.protocol === 'ANY');
        if (ports.length === 0 || ports.some(isAllPorts) || portsInclude(ports, HBONE, 'TCP')) continue;
        for (const { path, peer } of podPeers(rule)) {
          const key = `${rule.policy.manifest.source.file}|${rule.policy.manifest.source.document}|${path}`;
          if (reported.has(key) || !speaksHbone(peer, meshed) || grants.some((g) => admits(g, peer))) continue;
          reported.add(key);
          const portText = ports.map((p) => p.name ?? (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
          report(rule.policy.manifest, {
            field: path,
            message: `namespace ${namespace} is in the Istio ambient mesh, and this ingress rule admits pods that speak HBONE on ${portText} only: `
              + 'meshed clients, gateways and waypoints arrive on tcp/15008 (the client pod as source, the destination pod as target), so their traffic is dropped.',
            fix: 'Add `{port: "15008", protocol: TCP}` (NetworkPolicy: `{port: 15008, protocol: TCP}`) to the ports of this rule; keep the application port for clients outside the mesh.',
          });
        }
      }
    }
  },
});

/** Whether a policy can select pods of the namespace (pod labels are not known, so they may). */
function selectsNamespace(policy: PolicySpec, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (policy.kind !== 'CiliumClusterwideNetworkPolicy') return policy.namespace === namespace;
  const selector = asSelector(policy.spec.endpointSelector);
  if (!selector) return false;
  const list = requirements(selector);
  if (list.some((r) => r.key.startsWith('reserved:'))) return false;
  return list.filter(isNamespaceRequirement).every((r) => requirementHolds(r, labels));
}

/** The pod peers of a rule as Cilium-style requirements, with their JSON paths (`cluster` and `all` hold every pod). */
function podPeers(rule: PolicyRule): { path: string; peer: LabelRequirement[] }[] {
  const found: { path: string; peer: LabelRequirement[] }[] = [];
  for (const { field, entries } of peerFields(rule)) {
    entries.forEach((entry, index) => {
      const path = `${rule.path}.${field}[${index}]`;
      if (field === 'fromEntities' && (entry === 'cluster' || entry === 'all')) {
        // Every pod of the cluster is among these peers, meshed ones included.
        found.push({ path, peer: [] });
      } else if (field === 'fromEndpoints') {
        const peer = scopedPeerRequirements(rule.policy, entry);
        if (peer) found.push({ path, peer });
      } else if (field === 'from' && isRecord(entry) && (entry.podSelector !== undefined || entry.namespaceSelector !== undefined)) {
        found.push({ path, peer: networkPolicyPeer(rule.policy, entry) });
      }
    });
  }
  return found;
}

/**
 * A NetworkPolicyPeer as Cilium-style requirements: `namespaceSelector` labels under
 * `io.cilium.k8s.namespace.labels.`, and without a `namespaceSelector` the policy's namespace
 * (API reference, NetworkPolicyPeer.podSelector).
 */
function networkPolicyPeer(policy: PolicySpec, entry: Record<string, unknown>): LabelRequirement[] {
  const pods = requirements(asSelector(entry.podSelector) ?? {});
  const namespaceSelector = asSelector(entry.namespaceSelector);
  if (namespaceSelector === undefined) return [...pods, { key: CILIUM_POD_NAMESPACE, operator: 'In', values: [policy.namespace ?? 'default'] }];
  return [...pods, ...requirements(namespaceSelector).map((r) => ({ ...r, key: `${CILIUM_NAMESPACE_LABELS}${r.key}` }))];
}

/** Whether the peer can send HBONE: pods of a meshed namespace, or gateway/waypoint pods. */
function speaksHbone(peer: readonly LabelRequirement[], meshed: readonly Readonly<Record<string, string>>[]): boolean {
  if (peer.some((r) => r.key === GATEWAY_NAME_LABEL && r.operator !== 'DoesNotExist' && r.operator !== 'NotIn')) return true;
  const namespaceRequirements = peer.filter(isNamespaceRequirement);
  return meshed.some((labels) => namespaceRequirements.every((r) => requirementHolds(r, labels)));
}

/** Whether a 15008 rule admits every pod the peer selects. */
function admits(grant: PolicyRule, peer: readonly LabelRequirement[]): boolean {
  if (selectsAnyPeer(grant)) return true;
  const have = new Set(peer.map(requirementText));
  return peerFields(grant).some(({ field, entries }) => entries.some((entry) => {
    if (field === 'fromEntities') return entry === 'cluster' || entry === 'all';
    const grantPeer = field === 'fromEndpoints' ? scopedPeerRequirements(grant.policy, entry)
      : field === 'from' && isRecord(entry) && entry.ipBlock === undefined ? networkPolicyPeer(grant.policy, entry) : undefined;
    return grantPeer !== undefined && grantPeer.filter((r) => r.key !== MESH_REQUIREMENT).every((r) => have.has(requirementText(r)));
  }));
}

function requirementText(requirement: LabelRequirement): string {
  return `${requirement.key} ${requirement.operator} ${[...(requirement.values ?? [])].sort().join(',')}`;
}
