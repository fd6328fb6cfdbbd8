import { InputError } from '../../cli/input-error';
import { Simulator, type TopologyNamespace, type TopologyPod } from '../../probe';
import type { Manifest } from '../../manifests/manifest';
import { defineRule, type Report } from '../define-rule';
import type { FindingDetails } from '../finding';
import { asSelector, ciliumEndpointLabels, matchesSelector, requirementHolds, requirements } from '../../manifests/label-selector';
import type { LintContext } from '../lint-context';
import { isNamespaceRequirement, scopedPeerRequirements } from '../peer-scope';
import { selectsAnyPeer } from '../peers';
import { isCilium, isRecord, networkPolicyTypes, policyRules, type PolicySpec } from '../../manifests/policies';
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
 * The flow simulator (src/probe) decides, for an unlabelled pod of every namespace, whether it
 * reaches kube-dns (so a kube-system policy refusing the queries is reported too); when the simulator cannot read the manifests the rule falls back to the
 * rule data, judging policies per namespace (pod selectors narrower than the whole namespace
 * are not considered), which is how the design grants DNS.
 */
export const dnsEgressMissing = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Namespace that cannot resolve DNS: its egress or kube-dns ingress denies 53/UDP or 53/TCP.',
  help: 'Allow egress to kube-system k8s-app=kube-dns on 53/UDP and 53/TCP (the DNS baseline CCNP, or a NetworkPolicy egress rule).',
  check(context: LintContext, report: Report): void {
    for (const gap of simulated(context) ?? fromRuleData(context)) {
      const { manifest, details } = describeGap(context, gap);
      report(manifest, details);
    }
  },
});

/** A namespace that cannot resolve DNS, and why. */
interface DnsGap {
  readonly namespace: string;
  /** `53/UDP`, `53/TCP` or both. */
  readonly missing: string;
  /** Why, in words. */
  readonly detail: string;
}

const PROBE_POD = 'lint-dns-probe';
const DNS_POD = 'kube-dns';

/**
 * Asks the flow simulator (src/probe) whether an unlabelled pod of each namespace reaches a
 * kube-dns pod on 53/UDP and 53/TCP: it knows every Cilium and NetworkPolicy subtlety
 * (default-deny per direction, deny precedence, namespace scoping). Returns undefined when
 * the simulator cannot read the manifests, so the rule falls back to the rule data.
 */
function simulated(context: LintContext): DnsGap[] | undefined {
  const names = context.namespaceNames();
  const pods = new Map<string, Map<string, TopologyPod>>();
  for (const name of [...names, KUBE_DNS.namespace]) pods.set(name, new Map());
  for (const name of names) pods.get(name)!.set(PROBE_POD, { labels: {} });
  pods.get(KUBE_DNS.namespace)!.set(DNS_POD, { labels: { ...KUBE_DNS.labels } });
  const namespaces = new Map([...pods].map(([name, list]): [string, TopologyNamespace] => [name, { labels: {}, pods: list }]));
  let simulator: Simulator;
  try {
    simulator = Simulator.build([...context.manifests], { namespaces, externals: new Map() });
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  const gaps: DnsGap[] = [];
  for (const namespace of names) {
    const verdicts = (['UDP', 'TCP'] as const).map((protocol) => simulator.evaluate({
      from: `${namespace}/${PROBE_POD}`, to: `${KUBE_DNS.namespace}/${DNS_POD}`, port: 53, protocol,
    }));
    const denied = verdicts.filter((v) => v.verdict === 'deny');
    if (denied.length === 0) continue;
    const first = denied[0];
    const side = first.egress.verdict === 'deny' ? `egress of ${namespace}: ${first.egress.reason}` : `ingress of kube-dns: ${first.ingress.reason}`;
    gaps.push({ namespace, missing: denied.map((v) => `53/${v.protocol}`).join(' and '), detail: side });
  }
  return gaps;
}

/** The rule-data check, for manifests the simulator cannot read. */
function fromRuleData(context: LintContext): DnsGap[] {
  const gaps: DnsGap[] = [];
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
        if (!selectsAnyPeer(rule) && !reachesKubeDns(policy, rule.rule, namespace, kubeSystemLabels)) continue;
        const ports = rulePorts(rule);
        udp ||= portsInclude(ports, 53, 'UDP', DNS_PORT_NAMES);
        tcp ||= portsInclude(ports, 53, 'TCP', DNS_PORT_NAMES);
      }
    }
    if (udp && tcp) continue;
    const missing = [udp ? undefined : '53/UDP', tcp ? undefined : '53/TCP'].filter(Boolean).join(' and ');
    gaps.push({ namespace, missing, detail: `egress restricted by ${restricting.map(describe).sort().join(', ')}` });
  }
  return gaps;
}

/** Places a gap on the Namespace manifest, else on a policy restricting the namespace's egress. */
function describeGap(context: LintContext, gap: DnsGap): { manifest: Manifest; details: FindingDetails } {
  const labels = context.namespaceLabels(gap.namespace) ?? {};
  const restricting = context.policies.filter((p) => appliesToNamespace(p, gap.namespace, labels) && restrictsEgress(p));
  const candidates = [...restricting, ...context.policies.filter((p) => p.namespace === gap.namespace)];
  const policy = candidates.find((p) => p.namespace === gap.namespace) ?? candidates[0] ?? context.policies[0];
  const namespaceManifest = context.namespaces.find((m) => m.object.metadata.name === gap.namespace);
  const cilium = policy === undefined || isCilium(policy.kind);
  return { manifest: namespaceManifest ?? policy.manifest, details: {
    field: namespaceManifest ? 'metadata.name' : `${policy.path}.${egressSection(policy)}`,
    message: `namespace "${gap.namespace}" cannot resolve DNS: ${gap.missing} to kube-system k8s-app=kube-dns is denied (${gap.detail}).`,
    fix: cilium && context.platformContract !== undefined
      ? `The platform (${context.platformContract}) gives this namespace no DNS: ask the platform repo to deploy its DNS baseline (ClusterBaseline) and update the contract, or add \`toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]\` with \`toPorts\` 53/UDP and 53/TCP here.`
      : cilium
      ? 'Deploy the DNS baseline CCNP (ClusterBaseline; an app repo: check against its platform with --platform-contract <platform.json>), or add `toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]` with `toPorts` 53/UDP and 53/TCP.'
      : `Add an egress rule to namespace "${gap.namespace}": \`to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]\` with ports 53/UDP and 53/TCP.`,
  } };
}

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
