import { finding, type Finding } from '../finding';
import { asSelector, ciliumEndpointLabels, matchesSelector, requirementHolds, requirements } from '../label-selector';
import type { LintContext } from '../lint-context';
import type { LintRule } from '../lint-rule';
import { isNamespaceRequirement, scopedPeerRequirements } from '../peer-scope';
import { isCilium, isRecord, networkPolicyTypes, policyRules, type PolicySpec } from '../policies';
import { portsInclude, rulePorts } from '../ports';

const ID = 'dns-egress-missing';

/** Where cluster DNS runs in the design: pods `k8s-app=kube-dns` in `kube-system`. */
export const KUBE_DNS = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } as const;

/** Port names CoreDNS charts give port 53 (NetworkPolicy named ports). */
const DNS_PORT_NAMES = ['dns', 'dns-tcp'];

/**
 * A namespace whose egress is restricted (a policy selecting the whole namespace has egress
 * rules, so the namespace is in egress default-deny) but that no rule lets resolve DNS: UDP
 * and TCP 53 to kube-dns in kube-system. Without DNS nearly every workload fails, and the
 * failure shows up as timeouts, not as policy drops on the real destination.
 *
 * This reads the rule data: policies are judged per namespace (pod selectors narrower than
 * the whole namespace are not considered), which is how the design grants DNS.
 */
export const dnsEgressMissing: LintRule = {
  id: ID,
  severity: 'error',
  summary: 'Namespace with restricted egress that cannot resolve DNS.',
  help: 'Allow egress to kube-system k8s-app=kube-dns on 53/UDP and 53/TCP (the DNS baseline CCNP, or a NetworkPolicy egress rule).',
  check(context: LintContext): Finding[] {
    const findings: Finding[] = [];
    const kubeSystemLabels = context.namespaceLabels(KUBE_DNS.namespace) ?? {};
    for (const namespace of context.namespaceNames()) {
      const labels = context.namespaceLabels(namespace) ?? {};
      const applying = context.policies.filter((p) => appliesToNamespace(p, namespace, labels));
      const restricting = applying.filter(restrictsEgress);
      if (restricting.length === 0) continue;
      let udp = false;
      let tcp = false;
      for (const policy of applying) {
        for (const rule of policyRules(policy).filter((r) => r.direction === 'egress' && !r.deny)) {
          if (!reachesKubeDns(policy, rule.rule, namespace, kubeSystemLabels)) continue;
          const ports = rulePorts(rule);
          udp ||= portsInclude(ports, 53, 'UDP', DNS_PORT_NAMES);
          tcp ||= portsInclude(ports, 53, 'TCP', DNS_PORT_NAMES);
        }
      }
      if (udp && tcp) continue;
      const missing = [udp ? undefined : '53/UDP', tcp ? undefined : '53/TCP'].filter(Boolean).join(' and ');
      // Report on the Namespace manifest, else on a policy living in the namespace.
      const namespaced = restricting.find((p) => p.namespace === namespace) ?? restricting[0];
      const manifest = context.namespaces.find((m) => m.object.metadata.name === namespace) ?? namespaced.manifest;
      const isNamespace = manifest.object.kind === 'Namespace';
      findings.push(finding(ID, 'error', manifest, {
        field: isNamespace ? 'metadata.name' : `${namespaced.path}.${egressSection(namespaced)}`,
        message: `namespace "${namespace}" has restricted egress (${restricting.map(describe).sort().join(', ')}) but no rule allows ${missing} to kube-system k8s-app=kube-dns.`,
        fix: isCilium(restricting[0].kind)
          ? 'Deploy the DNS baseline CCNP (ClusterBaseline), or add `toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]` with `toPorts` 53/UDP and 53/TCP.'
          : `Add an egress rule to namespace "${namespace}": \`to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]\` with ports 53/UDP and 53/TCP.`,
      }));
    }
    return findings;
  },
};

function describe(policy: PolicySpec): string {
  const { kind, metadata } = policy.manifest.object;
  return policy.namespace && kind !== 'CiliumClusterwideNetworkPolicy' ? `${kind} ${policy.namespace}/${metadata.name}` : `${kind} ${metadata.name}`;
}

/** Whether the policy selects every pod of the namespace. */
function appliesToNamespace(policy: PolicySpec, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (policy.kind === 'NetworkPolicy' || policy.kind === 'CiliumNetworkPolicy') {
    const selector = asSelector(policy.spec[policy.kind === 'NetworkPolicy' ? 'podSelector' : 'endpointSelector']);
    return policy.namespace === namespace && selector !== undefined && requirements(selector).every(isNamespaceRequirement)
      && matchesSelector(selector, ciliumEndpointLabels(namespace, labels));
  }
  const selector = asSelector(policy.spec.endpointSelector);
  if (!selector) return false;
  const list = requirements(selector);
  const endpoint = ciliumEndpointLabels(namespace, labels);
  return list.every(isNamespaceRequirement) && list.every((r) => requirementHolds(r, endpoint));
}

function egressSection(policy: PolicySpec): string {
  if (policy.kind === 'NetworkPolicy') return Array.isArray(policy.spec.egress) ? 'egress' : 'policyTypes';
  return Array.isArray(policy.spec.egress) ? 'egress' : Array.isArray(policy.spec.egressDeny) ? 'egressDeny' : 'enableDefaultDeny';
}

function restrictsEgress(policy: PolicySpec): boolean {
  if (policy.kind === 'NetworkPolicy') return networkPolicyTypes(policy.spec).includes('Egress');
  return Array.isArray(policy.spec.egress) || Array.isArray(policy.spec.egressDeny)
    || (isRecord(policy.spec.enableDefaultDeny) && policy.spec.enableDefaultDeny.egress === true);
}

function reachesKubeDns(policy: PolicySpec, rule: Readonly<Record<string, unknown>>, namespace: string, kubeSystemLabels: Readonly<Record<string, string>>): boolean {
  if (policy.kind === 'NetworkPolicy') {
    const to = rule.to;
    if (!Array.isArray(to) || to.length === 0) return true;
    return to.some((peer) => {
      if (!isRecord(peer)) return false;
      const pods = asSelector(peer.podSelector);
      const namespaces = asSelector(peer.namespaceSelector);
      const podOk = pods === undefined || matchesSelector(pods, KUBE_DNS.labels);
      if (namespaces === undefined) return pods !== undefined && podOk && namespace === KUBE_DNS.namespace;
      return podOk && matchesSelector(namespaces, { 'kubernetes.io/metadata.name': KUBE_DNS.namespace, ...kubeSystemLabels });
    });
  }
  const dns = ciliumEndpointLabels(KUBE_DNS.namespace, kubeSystemLabels, KUBE_DNS.labels);
  return peerFieldsOf(rule).some(([field, entries]) => {
    if (field === 'toEntities') return entries.some((e) => e === 'all' || e === 'cluster');
    if (field === 'toEndpoints') {
      return entries.some((entry) => {
        const reqs = scopedPeerRequirements(policy, entry);
        return reqs !== undefined && reqs.every((r) => requirementHolds(r, dns));
      });
    }
    return false;
  });
}

/** The two Cilium egress peer kinds that can reach kube-dns. */
function peerFieldsOf(rule: Readonly<Record<string, unknown>>): [string, unknown[]][] {
  return ['toEntities', 'toEndpoints'].filter((f) => Array.isArray(rule[f])).map((f) => [f, rule[f] as unknown[]]);
}
