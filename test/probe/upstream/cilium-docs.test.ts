/**
 * Cilium policy-language conformance: the examples of docs.cilium.io (cilium/cilium
 * Documentation/security/policy/{intro,layer3,layer4,kubernetes,deny}.rst and
 * examples/policies/**), restated over one topology and probed with `netpol probe --cni cilium`.
 * Each scenario names the doc section it comes from; where the docs are silent or stale, the
 * Cilium source file that decides is cited. Example policies are paraphrased (names and labels
 * adapted to the topology below), not copied.
 */
import { describe, expect, test } from 'vitest';
import { ciliumClusterwideNetworkPolicy as ccnp, ciliumNetworkPolicy as cnp, expectFlows, networkPolicy, type CniName, type VerdictName } from './harness';
import { BACKEND, DENY_AND_DEFAULTS, FRONTEND, KUBERNETES_CONSTRUCTS, LAYER3, LAYER4, OTHER, RESERVED_SUBJECTS, role, RULE_BASICS, tcp } from './cilium-docs-scenarios';
import { TOPOLOGY } from './cilium-docs-topology';

describe('Cilium policy language (docs.cilium.io), --cni cilium', () => {
  describe.each([
    ['Rule Basics', RULE_BASICS],
    ['Layer 3 Policies', LAYER3],
    ['Layer 4 Policies', LAYER4],
    ['Using Kubernetes Constructs in Policy', KUBERNETES_CONSTRUCTS],
    ['Deny Policies and Policy Enforcement Modes', DENY_AND_DEFAULTS],
    ['Reserved identities as policy subjects', RESERVED_SUBJECTS],
  ] as const)('%s', (_chapter, scenarios) => {
    test.each(scenarios)('$section', async ({ manifests, flows, by }) => {
      const run = await expectFlows({ manifests, topology: TOPOLOGY, cni: 'cilium', flows });
      for (const [index, side, policy] of by ?? []) expect(run.lines[index][side].by).toContain(policy);
    });
  });
});

/**
 * The enforcer switch of the flow-probe spec (`--cni`): Cilium enforces NetworkPolicy, CNP and CCNP
 * together (Cilium docs, Network Policy > "Kubernetes NetworkPolicy ... CiliumNetworkPolicy ...
 * CiliumClusterwideNetworkPolicy" are all enforced); `kubernetes` only NetworkPolicy; `none` nothing.
 */
describe('--cni', () => {
  const manifests = [
    networkPolicy('default', 'backend-from-frontend', { podSelector: role('backend'), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: role('frontend') }] }] }),
    cnp('default', 'backend-from-other', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('other')] }] }),
    ccnp('crawler-egress', { endpointSelector: role('crawler'), egress: [{}] }),
  ];
  const cases: readonly { cni: CniName; frontend: VerdictName; other: VerdictName; svc: VerdictName; crawler: VerdictName; notice: RegExp }[] = [
    { cni: 'cilium', frontend: 'allow', other: 'allow', svc: 'deny', crawler: 'deny', notice: /^$/ },
    { cni: 'kubernetes', frontend: 'allow', other: 'deny', svc: 'deny', crawler: 'allow', notice: /ignor[\s\S]*backend-from-other[\s\S]*crawler-egress|ignor[\s\S]*crawler-egress[\s\S]*backend-from-other/ },
    { cni: 'none', frontend: 'allow', other: 'allow', svc: 'allow', crawler: 'allow', notice: /enforces nothing|not enforced|nothing is enforced/i },
  ];

  test.each(cases)('--cni $cni: NetworkPolicy, CNP and CCNP enforced as that CNI does', async ({ cni, frontend, other, svc, crawler, notice }) => {
    // GIVEN a NetworkPolicy and a CNP that both select backend, and a CCNP that denies crawler's egress
    // WHEN probing under the CNI
    const run = await expectFlows({
      manifests,
      topology: TOPOLOGY,
      cni,
      flows: [tcp(FRONTEND, BACKEND, 80, frontend), tcp(OTHER, BACKEND, 80, other), tcp('default/svc', BACKEND, 80, svc), tcp('default/crawler', 'external:example', 443, crawler)],
    });
    // THEN the verdicts are the CNI's, what is not enforced is said on stderr, and an enforced
    // NetworkPolicy is named as `NetworkPolicy namespace/name` (flow-probe spec, "Output")
    expect(run.stderr).toMatch(notice);
    if (cni !== 'none') expect(run.lines[0].ingress.by).toContain('NetworkPolicy default/backend-from-frontend');
  });
});

/**
 * NetworkPolicy peers outside the pod network under both CNIs: ipBlock matches external addresses
 * (and, per the flow-probe spec, pod IPs only under `kubernetes`: here the pods' 10.0.0.0/8 is
 * excepted, so both CNIs agree); a namespaceSelector matches pods only; `ingress: [{}]` admits
 * every source (networking.k8s.io/v1 NetworkPolicyIngressRule.from: "If this field is empty or
 * missing, this rule matches all sources").
 */
describe.each(['kubernetes', 'cilium'] as const)('NetworkPolicy peers outside the pod network, --cni %s', (cni) => {
  test('ipBlock, namespaceSelector and an empty rule against externals and nodes', async () => {
    await expectFlows({
      manifests: [
        networkPolicy('default', 'svc-egress', { podSelector: { matchLabels: { app: 'myService' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] }),
        networkPolicy('default', 'public-from-anywhere', { podSelector: role('public'), policyTypes: ['Ingress'], ingress: [{}] }),
        networkPolicy('default', 'backend-from-pods', { podSelector: role('backend'), policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] }),
      ],
      topology: TOPOLOGY,
      cni,
      flows: [
        tcp('default/svc', 'external:example', 443, 'allow'),
        tcp('default/svc', 'external:in-10', 443, 'deny'),
        tcp('default/svc', 'external:in-96', 443, 'deny'),
        tcp('default/svc', BACKEND, 80, 'deny'),
        tcp('external:example', 'default/public', 443, 'allow'),
        tcp('entity:remote-node', 'default/public', 443, 'allow'),
        tcp('ns2/luke', BACKEND, 80, 'allow'),
        tcp('external:example', BACKEND, 80, 'deny'),
        tcp('entity:remote-node', BACKEND, 80, 'deny'),
      ],
    });
  });
});
