/**
 * The upstream Kubernetes NetworkPolicy conformance scenarios, ported to `netpol probe`.
 *
 * Source: kubernetes/kubernetes test/e2e/network/netpol/network_policy.go (contexts "NetworkPolicy
 * between server and client", "... using UDP", "... using SCTP"); helpers policies.go
 * (`SetSpecIngressRules`/`SetSpecEgressRules` also set `policyTypes`), kubemanager.go/model.go
 * (pods labelled `pod: <name>`, container ports `serve-<port>-<protocol>`). Test names are the
 * upstream `f.It` names; policies and truth tables restate each test, loopback is ignored as
 * upstream does. Each scenario runs under `--cni kubernetes` and `--cni cilium`: Cilium enforces
 * NetworkPolicy the same way except that ipBlock never selects pods (flow-probe spec, and
 * docs.cilium.io Policy Language > IP/CIDR based > "Selecting nodes with CIDR / ipBlock": "By
 * default, CIDR-based selectors do not match in-cluster entities (pods or nodes)").
 *
 * The scenarios live here, apart from their test, so the import test (test/import) can import
 * every fixture and require zero flow change.
 */
import { e2eTopology, networkPolicy, namespaceObject, podIp, TruthTable, type ProtocolName, type TopologyDoc } from './harness';

type Table = (t: TruthTable) => TruthTable;

/** One probe round: the cluster state, the port/protocol probed and the expected grid. */
interface Step {
  readonly manifests: readonly object[];
  /** @default - `e2eTopology(...pods)` of the scenario */
  readonly topology?: TopologyDoc;
  readonly port: number;
  /** @default - TCP */
  readonly protocol?: ProtocolName;
  /** Edits an all-allowed table into the expected one; per CNI where Cilium differs. */
  readonly expect: Table | Record<'kubernetes' | 'cilium', Table>;
}

export interface Scenario {
  readonly name: string;
  readonly pods: readonly string[];
  readonly steps: readonly Step[];
}

const NS_LABEL = 'kubernetes.io/metadata.name';
const X = { namespace: 'x' };
const Y = { namespace: 'y' };
const Z = { namespace: 'z' };
const ALL = {};
const same: Table = (t) => t;

/** A selector on upstream's `pod: <name>` label. */
const pod = (name: string): object => ({ matchLabels: { pod: name } });
/** A namespace selector on the immutable name label. */
const nsNamed = (name: string): object => ({ matchLabels: { [NS_LABEL]: name } });
const nsNotIn = (name: string): object => ({ matchExpressions: [{ key: NS_LABEL, operator: 'NotIn', values: [name] }] });

/**
 * Upstream `GenNetworkPolicyWithNameAndPodSelector(name, selector, SetSpecIngressRules(...),
 * SetSpecEgressRules(...))`: each given direction is listed in `policyTypes`, as upstream does.
 */
export function policy(name: string, podSelector: object, rules: { ingress?: object[]; egress?: object[] }, namespace = 'x'): object {
  const policyTypes = [...(rules.ingress ? ['Ingress'] : []), ...(rules.egress ? ['Egress'] : [])];
  return networkPolicy(namespace, name, { podSelector, policyTypes, ...rules });
}

/** A topology whose pod or namespace labels were updated (upstream `AddPodLabels`/`AddNamespaceLabel`). */
function withPodLabels(topology: TopologyDoc, target: string, labels: Record<string, string>): TopologyDoc {
  const [ns, name] = target.split('/');
  const copy = structuredClone(topology) as { namespaces: Record<string, { pods: Record<string, { labels: Record<string, string> }> }> };
  Object.assign(copy.namespaces[ns].pods[name].labels, labels);
  return copy as unknown as TopologyDoc;
}

export const denyIngressX = policy('deny-ingress', {}, { ingress: [] });
const allowPort81FromY = policy('allow-client-a-via-ns-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y') }], ports: [{ port: 81, protocol: 'TCP' }] }] });
const onlyYToXa81: Table = (t) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expectPeer(Y, { namespace: 'x', pod: 'a' }, true).expectPeer(Z, { namespace: 'x', pod: 'a' }, false);
/** The /4 around x/b's IP, as upstream `makeLargeCIDRForIP` builds it (10.244.1.2 -> 0.0.0.0/4). */
const LARGE_CIDR_AROUND_XB = '0.0.0.0/4';
const exceptXb = policy('allow-client-a-via-cidr-egress-rule', pod('a'), { egress: [{ to: [{ ipBlock: { cidr: LARGE_CIDR_AROUND_XB, except: [`${podIp('x/b')}/32`] } }] }] });

/** network_policy.go, Context "NetworkPolicy between server and client". */
export const SERVER_AND_CLIENT: readonly Scenario[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    pods: ['x/a', 'x/b', 'y/a', 'y/b'],
    steps: [{ manifests: [denyIngressX], port: 80, expect: (t) => t.expectPeer(ALL, X, false) }],
  },
  {
    name: "should support a 'default-deny-all' policy",
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{ manifests: [policy('deny-all', {}, { ingress: [], egress: [] })], port: 80, expect: (t) => t.expectPeer(ALL, X, false).expectPeer(X, ALL, false) }],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [{ manifests: [policy('x-a-allows-x-b', pod('a'), { ingress: [{ from: [{ podSelector: pod('b') }] }] })], port: 80, expect: (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true) }],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{
      manifests: [policy('deny-all', {}, { ingress: [] }), policy('allow-all-to-a', pod('a'), { ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', true).expectAllIngress('x/b', false),
    }],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [{ manifests: [policy('allow-from-another-ns', pod('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })], port: 80, expect: same }],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [{ manifests: [policy('allow-client-a-via-ns-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y') }] }] })], port: 80, expect: (t) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expectPeer(Z, { namespace: 'x', pod: 'a' }, false) }],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{
      manifests: [policy('x-a-allows-x-b', pod('a'), { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
    }],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [{
      manifests: [policy('allow-ns-y-match-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NS_LABEL, operator: 'In', values: ['y'] }] } }] }] })],
      port: 80,
      expect: (t) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expectPeer(Z, { namespace: 'x', pod: 'a' }, false),
    }],
  },
  {
    // Two peers in one rule are ORed: any namespace but x, or pod b of x.
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [{
      manifests: [policy('allow-ns-y-match-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNotIn('x') }, { podSelector: pod('b') }] }] })],
      port: 80,
      expect: (t) => t.expect('x/c', 'x/a', false),
    }],
  },
  {
    // One peer with both selectors is ANDed: pod b in a namespace other than x.
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'],
    steps: [{
      manifests: [policy('allow-ns-y-podselector-and-nsselector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNotIn('x'), podSelector: pod('b') }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true),
    }],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'],
    steps: [{
      manifests: [policy('allow-ns-y-z-pod-b-c', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNotIn('x'), podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] } }] }] })],
      port: 80,
      expect: (t) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expect('y/a', 'x/a', false),
    }],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    pods: ['x/a', 'x/b', 'x/c'],
    steps: [{
      manifests: [policy('allow-ns-x-pod-b-c', pod('a'), { ingress: [{ from: [{ podSelector: pod('b') }, { podSelector: pod('c') }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true),
    }],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [{
      manifests: [policy('allow-ns-y-pod-a-via-namespace-pod-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y'), podSelector: pod('a') }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', false).expect('y/a', 'x/a', true),
    }],
  },
  {
    name: 'should enforce policy based on Ports',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [{ manifests: [allowPort81FromY], port: 81, expect: onlyYToXa81 }],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [
      { manifests: [allowPort81FromY], port: 81, expect: onlyYToXa81 },
      { manifests: [allowPort81FromY], port: 80, expect: (t) => t.expectAllIngress('x/a', false) },
      {
        manifests: [allowPort81FromY, policy('allow-client-a-via-ns-selector-80', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y') }], ports: [{ port: 80, protocol: 'TCP' }] }] })],
        port: 80,
        expect: onlyYToXa81,
      },
    ],
  },
  {
    name: 'should support allow-all policy',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [80, 81].map((port) => ({ manifests: [policy('allow-all', {}, { ingress: [{}] })], port, expect: same })),
  },
  {
    name: 'should allow ingress access on one named port',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      { manifests: [policy('allow-all', {}, { ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], port: 81, expect: same },
      { manifests: [policy('allow-all', {}, { ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], port: 80, expect: (t) => t.expectPeer(ALL, X, false) },
    ],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [80, 81].map((port) => ({
      manifests: [policy('allow-client-a-via-ns-selector-80', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y') }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }] })],
      port,
      expect: port === 80 ? (t: TruthTable) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expectPeer(Z, { namespace: 'x', pod: 'a' }, false) : (t: TruthTable) => t.expectAllIngress('x/a', false),
    })),
  },
  {
    name: 'should allow egress access on one named port',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('allow-egress', {}, { egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })], port: 80, expect: same },
      { manifests: [policy('allow-egress', {}, { egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })], port: 81, expect: (t) => t.expectPeer(X, ALL, false) },
    ],
  },
  {
    name: 'should enforce updated policy',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('allow-all-mutate-to-deny-all', {}, { ingress: [{}] })], port: 81, expect: same },
      { manifests: [policy('allow-all-mutate-to-deny-all', {}, { ingress: [] })], port: 81, expect: (t) => t.expectPeer(ALL, X, false) },
    ],
  },
  {
    // The label update is a Namespace manifest: its labels merge into the topology (flow-probe spec).
    name: 'should allow ingress access from updated namespace',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('allow-client-a-via-ns-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] })], port: 80, expect: (t) => t.expectAllIngress('x/a', false) },
      {
        manifests: [policy('allow-client-a-via-ns-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] }), namespaceObject('y', { ns2: 'updated' })],
        port: 80,
        expect: (t) => t.expectAllIngress('x/a', false).expectPeer(Y, ALL, true),
      },
    ],
  },
  {
    name: 'should allow ingress access from updated pod',
    pods: ['x/a', 'x/b'],
    steps: [
      { manifests: [policy('allow-client-a-via-pod-selector', pod('a'), { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] })], port: 80, expect: (t) => t.expectAllIngress('x/a', false) },
      {
        manifests: [policy('allow-client-a-via-pod-selector', pod('a'), { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] })],
        topology: withPodLabels(e2eTopology('x/a', 'x/b'), 'x/b', { pod2: 'updated' }),
        port: 80,
        expect: (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
      },
    ],
  },
  {
    // An empty podSelector in `from` (without namespaceSelector) means every pod of the policy's namespace.
    name: 'should deny ingress from pods on other namespaces',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [{ manifests: [policy('deny-empty-policy', {}, { ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })], port: 80, expect: (t) => t.expectPeer(Y, X, false).expectPeer(Z, X, false) }],
  },
  {
    name: 'should deny ingress access to updated pod',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('deny-ingress-via-label-selector', { matchLabels: { target: 'isolated' } }, { ingress: [] })], port: 80, expect: same },
      {
        manifests: [policy('deny-ingress-via-label-selector', { matchLabels: { target: 'isolated' } }, { ingress: [] })],
        topology: withPodLabels(e2eTopology('x/a', 'y/a'), 'x/a', { target: 'isolated' }),
        port: 80,
        expect: (t) => t.expectAllIngress('x/a', false),
      },
    ],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{ manifests: [policy('deny-egress-pod-a', pod('a'), { egress: [] })], port: 80, expect: (t) => t.expectAllEgress('x/a', false) }],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{ manifests: [policy('deny-egress-ns-x', {}, { egress: [] })], port: 80, expect: (t) => t.expectPeer(X, ALL, false) }],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [80, 81].map((port) => ({
      manifests: [networkPolicy('x', 'allow-client-a-via-pod-selector', { podSelector: pod('a'), policyTypes: ['Egress', 'Ingress'], ingress: [{ from: [{ podSelector: pod('b') }] }], egress: [{ ports: [{ port: 80 }] }] })],
      port,
      expect: port === 80
        ? (t: TruthTable) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true)
        : (t: TruthTable) => t.expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true),
    })),
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    pods: ['x/a', 'y/a', 'y/b'],
    steps: [{
      manifests: [
        policy('allow-to-ns-y-pod-a', pod('a'), { egress: [{ to: [{ namespaceSelector: nsNamed('y'), podSelector: pod('a') }] }] }),
        policy('allow-from-xa-on-ya-match-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('x'), podSelector: pod('a') }] }] }, 'y'),
        policy('allow-from-xa-on-yb-match-selector', pod('b'), { ingress: [{ from: [{ namespaceSelector: nsNamed('x'), podSelector: pod('a') }] }] }, 'y'),
      ],
      port: 80,
      expect: (t) => t.expectPeer({ namespace: 'x', pod: 'a' }, ALL, false).expectPeer(ALL, { namespace: 'y', pod: 'a' }, false)
        .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'a' }, true).expectPeer(ALL, { namespace: 'y', pod: 'b' }, false),
    }],
  },
  {
    name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    pods: ['x/a', 'y/a', 'y/b'],
    steps: [{
      manifests: [policy('allow-to-ns-y-pod-a', pod('a'), { egress: [{ to: [{ namespaceSelector: nsNamed('y'), podSelector: pod('a') }] }] })],
      port: 80,
      expect: (t) => t.expectAllEgress('x/a', false).expect('x/a', 'y/a', true),
    }],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('allow-ingress-by-proto', pod('a'), { ingress: [{ ports: [{ protocol: 'TCP' }] }] })], port: 80, protocol: 'TCP', expect: same },
      { manifests: [policy('allow-ingress-by-proto', pod('a'), { ingress: [{ ports: [{ protocol: 'TCP' }] }] })], port: 80, protocol: 'UDP', expect: (t) => t.expectPeer(ALL, { namespace: 'x', pod: 'a' }, false) },
    ],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('allow-ingress-port-80', {}, { ingress: [{ ports: [{ port: 80 }] }] })], port: 81, expect: (t) => t.expectPeer(ALL, X, false) },
      { manifests: [policy('allow-ingress-port-80', {}, { ingress: [{ ports: [{ port: 80 }] }] }), policy('allow-ingress', {}, { ingress: [{}] })], port: 81, expect: same },
    ],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('allow-egress-port-80', {}, { egress: [{ ports: [{ port: 80 }] }] })], port: 81, expect: (t) => t.expectPeer(X, ALL, false) },
      { manifests: [policy('allow-egress-port-80', {}, { egress: [{ ports: [{ port: 80 }] }] }), policy('allow-egress', {}, { egress: [{}] })], port: 81, expect: same },
    ],
  },
  {
    name: 'should stop enforcing policies after they are deleted',
    pods: ['x/a', 'y/a'],
    steps: [
      { manifests: [policy('deny-all', {}, { ingress: [], egress: [] })], port: 80, expect: (t) => t.expectPeer(X, ALL, false).expectPeer(ALL, X, false) },
      { manifests: [], port: 80, expect: same },
    ],
  },
  {
    name: 'should allow egress access to server in CIDR block',
    pods: ['x/a', 'y/a', 'y/b'],
    steps: [{
      manifests: [policy('allow-client-a-via-cidr-egress-rule', pod('a'), { egress: [{ to: [{ ipBlock: { cidr: `${podIp('y/b')}/32` } }] }] })],
      port: 80,
      expect: {
        kubernetes: (t) => t.expectAllEgress('x/a', false).expect('x/a', 'y/b', true),
        cilium: (t) => t.expectAllEgress('x/a', false),
      },
    }],
  },
  {
    name: 'should enforce except clause while egress access to server in CIDR block',
    pods: ['x/a', 'x/b', 'x/c'],
    steps: [{
      manifests: [exceptXb],
      port: 80,
      expect: { kubernetes: (t) => t.expect('x/a', 'x/b', false), cilium: (t) => t.expectAllEgress('x/a', false) },
    }],
  },
  {
    // Upstream's second step re-creates the policy under the same name (`UpdatePolicy`), so the /32
    // rule replaces the except rule: only x/b stays reachable from x/a.
    name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    pods: ['x/a', 'x/b', 'x/c'],
    steps: [
      { manifests: [exceptXb], port: 80, expect: { kubernetes: (t) => t.expect('x/a', 'x/b', false), cilium: (t) => t.expectAllEgress('x/a', false) } },
      {
        manifests: [policy('allow-client-a-via-cidr-egress-rule', pod('a'), { egress: [{ to: [{ ipBlock: { cidr: `${podIp('x/b')}/32` } }] }] })],
        port: 80,
        expect: { kubernetes: (t) => t.expectAllEgress('x/a', false).expect('x/a', 'x/b', true), cilium: (t) => t.expectAllEgress('x/a', false) },
      },
    ],
  },
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [
      { manifests: [policy('allow-egress-for-target', pod('a'), { egress: [{}] })], port: 80, expect: same },
      { manifests: [policy('allow-egress-for-target', pod('a'), { egress: [{}] }), policy('deny-ingress-via-label-selector', pod('a'), { ingress: [] })], port: 80, expect: (t) => t.expectAllIngress('x/a', false) },
    ],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    pods: ['x/a', 'y/a'],
    steps: [{ manifests: [denyIngressX, policy('allow-only-sctp-ingress-on-port-81', pod('a'), { ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] })], port: 81, expect: (t) => t.expectPeer(ALL, X, false) }],
  },
  {
    name: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    pods: ['x/a', 'y/a'],
    steps: [{ manifests: [policy('allow-only-sctp-ingress-on-port-80', pod('a'), { ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })], port: 81, expect: (t) => t.expectAllIngress('x/a', false) }],
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    pods: ['x/a', 'y/a'],
    steps: [{ manifests: [policy('allow-only-udp-ingress-on-port-81', pod('a'), { ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })], port: 81, expect: (t) => t.expectAllIngress('x/a', false) }],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [{
      manifests: [policy('allow-client-a-via-ns-selector-for-immutable-ns-label', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y') }] }] })],
      port: 80,
      expect: (t) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expectPeer(Z, { namespace: 'x', pod: 'a' }, false),
    }],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    steps: [{
      manifests: [policy('allow-ns-y-match-selector-for-immutable-ns-label', pod('a'), { egress: [{ to: [{ namespaceSelector: nsNotIn('y') }] }] })],
      port: 80,
      expect: (t) => t.expectPeer({ namespace: 'x', pod: 'a' }, Y, false),
    }],
  },
];

/**
 * network_policy.go, Contexts "NetworkPolicy between server and client using UDP" and "... using
 * SCTP": the same three scenarios run once per protocol.
 */
export function perProtocol(protocol: ProtocolName): readonly Scenario[] {
  return [
    {
      name: "should support a 'default-deny-ingress' policy",
      pods: ['x/a', 'x/b', 'y/a', 'y/b'],
      steps: [{ manifests: [policy('deny-all', {}, { ingress: [] })], port: 80, protocol, expect: (t) => t.expectPeer(ALL, X, false) }],
    },
    {
      name: 'should enforce policy based on Ports',
      pods: ['x/a', 'x/b', 'y/a', 'z/a'],
      steps: [{
        manifests: [policy('allow-ingress-on-port-81-ns-x', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y') }], ports: [{ port: 81, protocol }] }] })],
        port: 81,
        protocol,
        expect: (t) => t.expectPeer(X, { namespace: 'x', pod: 'a' }, false).expectPeer(Z, { namespace: 'x', pod: 'a' }, false),
      }],
    },
    {
      name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
      pods: ['x/a', 'x/b', 'y/a'],
      steps: [{
        manifests: [policy('allow-ns-y-pod-a-via-namespace-pod-selector', pod('a'), { ingress: [{ from: [{ namespaceSelector: nsNamed('y'), podSelector: pod('a') }] }] })],
        port: 80,
        protocol,
        expect: (t) => t.expectAllIngress('x/a', false).expect('y/a', 'x/a', true),
      }],
    },
  ];
}

/**
 * Rules of the networking.k8s.io/v1 API reference (NetworkPolicySpec, NetworkPolicyPeer,
 * NetworkPolicyPort) that the e2e suite does not probe directly, in the same x/y/z model.
 */
export const API_REFERENCE: readonly Scenario[] = [
  {
    // NetworkPolicySpec.policyTypes: "If this field is not specified, it will default based on the
    // existence of ingress or egress rules; ... all policies (whether or not they contain an ingress
    // section) are assumed to affect ingress."
    name: 'policyTypes defaults to Ingress, plus Egress when egress rules exist: an egress-only policy also isolates ingress',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{
      manifests: [networkPolicy('x', 'egress-to-y', { podSelector: pod('a'), egress: [{ to: [{ namespaceSelector: nsNamed('y') }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/a', 'y/a', true),
    }],
  },
  {
    name: 'policyTypes defaults to Ingress: a policy without rules or policyTypes is a default-deny for ingress only',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{ manifests: [networkPolicy('x', 'no-types', { podSelector: {} })], port: 80, expect: (t) => t.expectPeer(ALL, X, false) }],
  },
  {
    // NetworkPolicyPort.endPort: "indicates that the range of ports from port to endPort if set, inclusive".
    name: 'endPort allows the inclusive range port..endPort and nothing beyond it',
    pods: ['x/a', 'y/a'],
    steps: [80, 81, 82].map((port) => ({
      manifests: [policy('allow-80-81', pod('a'), { ingress: [{ ports: [{ protocol: 'TCP', port: 80, endPort: 81 }] }] })],
      port,
      expect: port === 82 ? (t: TruthTable) => t.expectAllIngress('x/a', false) : same,
    })),
  },
  {
    // NetworkPolicyPeer: namespaceSelector {} with a podSelector selects matching pods in all namespaces.
    name: 'an empty namespaceSelector ANDed with a podSelector selects those pods in every namespace',
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    steps: [{
      manifests: [policy('pod-b-anywhere', pod('a'), { ingress: [{ from: [{ namespaceSelector: {}, podSelector: pod('b') }] }] })],
      port: 80,
      expect: (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('y/b', 'x/a', true),
    }],
  },
  {
    // Policies are additive (NetworkPolicy concept page, "The Two Sorts of Pod Isolation"): the /32 of a
    // second policy re-allows the address the first policy's except removed.
    name: 'ipBlock except in one policy does not take away what another policy allows',
    pods: ['x/a', 'x/b', 'x/c'],
    steps: [{
      manifests: [exceptXb, policy('allow-xb', pod('a'), { egress: [{ to: [{ ipBlock: { cidr: `${podIp('x/b')}/32` } }] }] })],
      port: 80,
      expect: { kubernetes: same, cilium: (t) => t.expectAllEgress('x/a', false) },
    }],
  },
  {
    // Flow-probe spec: under --cni kubernetes ipBlock matches pod IPs (what the e2e CIDR tests expect),
    // under --cni cilium it never selects pods.
    name: 'ingress from an ipBlock holding a pod IP',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{
      manifests: [policy('from-ya-ip', pod('a'), { ingress: [{ from: [{ ipBlock: { cidr: `${podIp('y/a')}/32` } }] }] })],
      port: 80,
      expect: { kubernetes: (t) => t.expectAllIngress('x/a', false).expect('y/a', 'x/a', true), cilium: (t) => t.expectAllIngress('x/a', false) },
    }],
  },
  {
    // LabelSelectorRequirement operators (meta/v1 LabelSelector): NotIn and DoesNotExist also match
    // pods without the key; Exists matches any value.
    name: 'podSelector matchExpressions NotIn, Exists and DoesNotExist',
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    steps: [{
      manifests: [
        policy('a-from-not-b', pod('a'), { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['b'] }] } }] }] }),
        policy('b-from-any-pod-label', pod('b'), { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'Exists' }] } }] }] }),
        policy('c-from-unlabelled', pod('c'), { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'DoesNotExist' }] } }] }] }),
      ],
      port: 80,
      expect: (t) => t.expectPeer(Y, X, false).expect('x/b', 'x/a', false).expectAllIngress('x/c', false),
    }],
  },
  {
    // NetworkPolicySpec.policyTypes lists the directions the policy applies to: rules of an unlisted
    // direction are ignored.
    name: 'explicit policyTypes: rules of a direction not listed have no effect',
    pods: ['x/a', 'x/b', 'y/a'],
    steps: [{
      manifests: [networkPolicy('x', 'egress-only', { podSelector: pod('a'), policyTypes: ['Egress'], ingress: [{ from: [{ podSelector: pod('b') }] }], egress: [{ to: [{ podSelector: pod('b') }] }] })],
      port: 80,
      expect: (t) => t.expectAllEgress('x/a', false).expect('x/a', 'x/b', true),
    }],
  },
  {
    // NetworkPolicyPort.port: a named port resolves on each destination pod (ingress: the selected pod;
    // egress: the peer), so one name can mean different numbers on different pods (not under Cilium, see below).
    name: 'a named port resolves to the number each destination pod gives it',
    pods: ['x/a', 'x/b', 'x/c'],
    steps: [8080, 9090].map((port) => ({
      manifests: [
        policy('http-in', { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'b'] }] }, { ingress: [{ ports: [{ port: 'http' }] }] }),
        policy('http-out', pod('c'), { egress: [{ ports: [{ port: 'http' }] }] }),
      ],
      topology: {
        namespaces: {
          x: {
            pods: {
              a: { labels: { pod: 'a' }, ports: [{ name: 'http', port: 8080, protocol: 'TCP' as const }] },
              b: { labels: { pod: 'b' }, ports: [{ name: 'http', port: 9090, protocol: 'TCP' as const }] },
              c: { labels: { pod: 'c' } },
            },
          },
        },
      },
      port,
      expect: {
        kubernetes: port === 8080
          ? (t: TruthTable) => t.expectAllIngress('x/b', false).expect('x/c', 'x/c', false).expect('x/a', 'x/c', true)
          : (t: TruthTable) => t.expectAllIngress('x/a', false).expect('x/c', 'x/b', true).expect('x/a', 'x/c', true),
        // Cilium resolves egress named ports from one cluster-wide map (pkg/types/portmap.go
        // GetNamedPort): http is 8080 on a and 9090 on b, so it resolves to nothing and c's egress
        // allows no port at all (ErrDuplicateNamedPorts); ingress still uses each pod's own ports.
        cilium: port === 8080
          ? (t: TruthTable) => t.expectAllIngress('x/b', false).expectAllEgress('x/c', false)
          : (t: TruthTable) => t.expectAllIngress('x/a', false).expectAllEgress('x/c', false),
      },
    })),
  },
  {
    // NetworkPolicyPort.protocol: "If not specified, this field defaults to TCP."
    name: 'a port without protocol means TCP only',
    pods: ['x/a', 'y/a'],
    steps: (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({
      manifests: [policy('allow-80', pod('a'), { ingress: [{ ports: [{ port: 80 }] }] })],
      port: 80,
      protocol,
      expect: protocol === 'TCP' ? same : (t: TruthTable) => t.expectAllIngress('x/a', false),
    })),
  },
];
