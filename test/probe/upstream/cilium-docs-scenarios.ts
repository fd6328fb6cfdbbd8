/**
 * Cilium policy-language conformance: the examples of docs.cilium.io (cilium/cilium
 * Documentation/security/policy/{intro,layer3,layer4,kubernetes,deny}.rst and
 * examples/policies/**), restated over one topology and probed with `netpol probe --cni cilium`.
 * Each scenario names the doc section it comes from; where the docs are silent or stale, the
 * Cilium source file that decides is cited. Example policies are paraphrased (names and labels
 * adapted to the topology below), not copied.
 *
 * The scenarios live here, apart from their test, so the import test (test/import) can import
 * every fixture and require zero flow change.
 */
import { ciliumClusterwideNetworkPolicy as ccnp, ciliumNetworkPolicy as cnp, networkPolicy, type ProtocolName, type VerdictName } from './harness';

export type Flow = readonly [from: string, to: string, port: number, protocol: ProtocolName, verdict: VerdictName];

export interface Scenario {
  /** The doc section (and example file) the scenario restates. */
  readonly section: string;
  readonly manifests: readonly object[];
  readonly flows: readonly Flow[];
  /** Policies that must appear in `by` of a side of a flow: `[flow index, side, policy]`. */
  readonly by?: readonly (readonly [number, 'egress' | 'ingress', string])[];
}

/** A TCP flow. */
export const tcp = (from: string, to: string, port: number, verdict: VerdictName): Flow => [from, to, port, 'TCP', verdict];
export const udp = (from: string, to: string, port: number, verdict: VerdictName): Flow => [from, to, port, 'UDP', verdict];

export const FRONTEND = 'default/frontend';
export const BACKEND = 'default/backend';
export const OTHER = 'default/other';
export const KUBE_DNS = 'kube-system/kube-dns';
export const role = (r: string): object => ({ matchLabels: { role: r } });
const KUBE_DNS_SELECTOR = { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' } };
/** The DNS egress with the DNS proxy rule that `toFQDNs` needs (Layer 3 > DNS based, note on the DNS Proxy). */
const DNS_PROXY_EGRESS = { toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] };

/** Layer 3 Policies (layer3.rst). */
export const LAYER3: readonly Scenario[] = [
  {
    section: 'Endpoints based > Simple Ingress Allow (l3/simple/l3.yaml)',
    manifests: [cnp('default', 'l3-rule', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('frontend')] }] })],
    flows: [
      tcp(FRONTEND, BACKEND, 80, 'allow'),
      tcp(OTHER, BACKEND, 80, 'deny'),
      tcp(BACKEND, FRONTEND, 80, 'allow'),
      // fromEndpoints without a namespace label stays in the policy's namespace (kubernetes.rst, Namespaces).
      tcp('ns2/frontend', BACKEND, 80, 'deny'),
      tcp('external:example', BACKEND, 80, 'deny'),
    ],
    by: [[0, 'ingress', 'CiliumNetworkPolicy default/l3-rule']],
  },
  {
    // A CNP's empty fromEndpoints selector gains the policy's namespace (pkg/k8s/apis/cilium.io/utils/utils.go getEndpointSelector).
    section: 'Endpoints based > Ingress Allow All Endpoints (l3/ingress-allow-all)',
    manifests: [cnp('default', 'allow-all-to-victim', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [{ matchLabels: {} }] }] })],
    flows: [tcp(OTHER, BACKEND, 80, 'allow'), tcp('ns2/luke', BACKEND, 80, 'deny'), tcp('external:example', BACKEND, 80, 'deny'), tcp('entity:remote-node', BACKEND, 80, 'deny')],
  },
  {
    section: 'Endpoints based > Simple Egress Allow (l3/simple/l3_egress.yaml)',
    manifests: [cnp('default', 'l3-egress-rule', { endpointSelector: role('frontend'), egress: [{ toEndpoints: [role('backend')] }] })],
    flows: [tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(FRONTEND, OTHER, 80, 'deny'), tcp(FRONTEND, 'external:example', 443, 'deny'), tcp(OTHER, BACKEND, 80, 'allow')],
    by: [[0, 'egress', 'CiliumNetworkPolicy default/l3-egress-rule']],
  },
  {
    section: 'Endpoints based > Egress Allow All Endpoints (l3/egress-allow-all): all endpoints of the same namespace',
    manifests: [cnp('default', 'allow-all-from-frontend', { endpointSelector: role('frontend'), egress: [{ toEndpoints: [{}] }] })],
    flows: [tcp(FRONTEND, OTHER, 80, 'allow'), tcp(FRONTEND, 'ns2/luke', 80, 'deny'), tcp(FRONTEND, 'external:example', 443, 'deny')],
  },
  {
    section: 'Endpoints based > Simple Egress Deny (l3/egress-deny): egressDeny wins over the egress allow of the same policy',
    manifests: [cnp('default', 'deny-egress-example', { endpointSelector: role('frontend'), egress: [{ toEntities: ['all'] }], egressDeny: [{ toEndpoints: [role('backend')] }] })],
    flows: [tcp(FRONTEND, BACKEND, 80, 'deny'), tcp(FRONTEND, OTHER, 80, 'allow'), tcp(FRONTEND, 'external:example', 443, 'allow')],
    by: [[0, 'egress', 'CiliumNetworkPolicy default/deny-egress-example']],
  },
  {
    // `egress: [{}]`: a section with one rule that allows nothing (api/rule_validation.go Sanitize: default
    // deny when len(Egress) > 0); ingress is untouched.
    section: 'Endpoints based > Ingress/Egress Default Deny (l3/egress-default-deny)',
    manifests: [cnp('default', 'deny-all-egress', { endpointSelector: role('restricted'), egress: [{}] })],
    flows: [tcp('default/restricted', OTHER, 80, 'deny'), tcp('default/restricted', 'external:example', 443, 'deny'), tcp(OTHER, 'default/restricted', 80, 'allow')],
  },
  {
    section: 'Entities based > Access to/from kube-apiserver (l3/entities/apiserver.yaml)',
    manifests: [cnp('default', 'allow-to-apiserver', { endpointSelector: { matchLabels: { env: 'dev' } }, egress: [{ toEntities: ['kube-apiserver'] }] })],
    flows: [tcp('default/dev', 'entity:kube-apiserver', 6443, 'allow'), tcp('default/dev', 'external:example', 443, 'deny'), tcp('default/dev', BACKEND, 80, 'deny')],
  },
  {
    section: 'Entities based > Access to/from local host (l3/entities/host.yaml)',
    manifests: [cnp('default', 'dev-to-host', { endpointSelector: { matchLabels: { env: 'dev' } }, egress: [{ toEntities: ['host'] }] })],
    flows: [tcp('default/dev', 'entity:host', 10250, 'allow'), tcp('default/dev', 'entity:remote-node', 10250, 'deny')],
  },
  {
    section: 'Entities based > Access to/from all nodes in the cluster (l3/entities/nodes.yaml)',
    manifests: [cnp('default', 'to-dev-from-nodes-in-cluster', { endpointSelector: { matchLabels: { env: 'dev' } }, ingress: [{ fromEntities: ['host', 'remote-node'] }] })],
    flows: [tcp('entity:remote-node', 'default/dev', 8080, 'allow'), tcp('entity:host', 'default/dev', 8080, 'allow'), tcp(FRONTEND, 'default/dev', 8080, 'deny')],
  },
  {
    section: 'Entities based > Access to/from outside cluster (l3/entities/world.yaml)',
    manifests: [cnp('default', 'from-world-to-role-public', { endpointSelector: role('public'), ingress: [{ fromEntities: ['world'] }] })],
    flows: [tcp('external:example', 'default/public', 443, 'allow'), tcp(FRONTEND, 'default/public', 443, 'deny'), tcp('entity:remote-node', 'default/public', 443, 'deny')],
  },
  {
    section: 'Entities based > cluster: every endpoint of the local cluster, never world',
    manifests: [cnp('default', 'from-cluster', { endpointSelector: role('backend'), ingress: [{ fromEntities: ['cluster'] }] })],
    // pkg/policy/api/entity.go InitEntities: cluster = host, remote-node, init, health, unmanaged and the cluster's pods.
    flows: [
      tcp('ns2/luke', BACKEND, 80, 'allow'), tcp('entity:remote-node', BACKEND, 80, 'allow'), tcp('entity:health', BACKEND, 80, 'allow'),
      tcp('entity:init', BACKEND, 80, 'allow'), tcp('entity:unmanaged', BACKEND, 80, 'allow'), tcp('external:example', BACKEND, 80, 'deny'),
    ],
  },
  {
    section: 'Entities based > all: every known cluster and world',
    manifests: [cnp('default', 'from-all', { endpointSelector: role('backend'), ingress: [{ fromEntities: ['all'] }] })],
    flows: [tcp('ns2/luke', BACKEND, 80, 'allow'), tcp('entity:remote-node', BACKEND, 80, 'allow'), tcp('external:example', BACKEND, 80, 'allow')],
  },
  {
    section: 'Entities based > health: the health endpoints only',
    manifests: [ccnp('allow-health', { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }] })],
    flows: [tcp('entity:health', BACKEND, 4240, 'allow'), tcp('entity:remote-node', BACKEND, 4240, 'deny'), tcp(FRONTEND, BACKEND, 4240, 'deny')],
    by: [[0, 'ingress', 'CiliumClusterwideNetworkPolicy allow-health']],
  },
  {
    // Flow-probe spec: Cilium's default allow-localhost in Kubernetes mode; layer3.rst "Access to/from
    // local host" note: "Kubernetes will automatically allow all communication from the local host of
    // all local endpoints." remote-node gets no such exemption.
    section: 'Entities based > local host: entity:host reaches a pod in default-deny, entity:remote-node does not',
    // The exemption is for traffic from the host: egress to it needs a rule (the host.yaml example exists for that).
    manifests: [
      cnp('default', 'backend-from-frontend', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('frontend')] }] }),
      cnp('default', 'deny-all-egress', { endpointSelector: role('restricted'), egress: [{}] }),
    ],
    flows: [tcp('entity:host', BACKEND, 8080, 'allow'), tcp('entity:remote-node', BACKEND, 8080, 'deny'), tcp(OTHER, BACKEND, 8080, 'deny'), tcp('default/restricted', 'entity:host', 10250, 'deny')],
  },
  {
    // "By default, CIDR-based selectors do not match in-cluster entities (pods or nodes)": backend's 10.0.1.2 is inside 10.0.0.0/8.
    section: 'IP/CIDR based > Allow to external CIDR block (l3/cidr/cidr.yaml) and Selecting nodes with CIDR / ipBlock',
    manifests: [cnp('default', 'cidr-rule', { endpointSelector: { matchLabels: { app: 'myService' } }, egress: [{ toCIDR: ['20.1.1.1/32'] }, { toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }] }] })],
    flows: [
      tcp('default/svc', 'external:remote', 443, 'allow'),
      tcp('default/svc', 'external:in-10', 443, 'allow'),
      tcp('default/svc', 'external:in-96', 443, 'deny'),
      tcp('default/svc', 'external:example', 443, 'deny'),
      tcp('default/svc', BACKEND, 80, 'deny'),
    ],
  },
  {
    // Entities based > world: "Allowing to world is identical to allowing to CIDR 0.0.0.0/0."
    section: 'IP/CIDR based: toCIDR 0.0.0.0/0 is world: externals yes, pods and nodes no',
    manifests: [cnp('default', 'to-everywhere-outside', { endpointSelector: role('frontend'), egress: [{ toCIDR: ['0.0.0.0/0'] }] })],
    flows: [tcp(FRONTEND, 'external:example', 443, 'allow'), tcp(FRONTEND, 'external:in-10', 443, 'allow'), tcp(FRONTEND, BACKEND, 80, 'deny'), tcp(FRONTEND, 'entity:remote-node', 443, 'deny')],
  },
  {
    section: 'IP/CIDR based > Ingress fromCIDRSet with except',
    manifests: [cnp('default', 'from-cidrset', { endpointSelector: role('public'), ingress: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }] }] })],
    flows: [tcp('external:in-10', 'default/public', 443, 'allow'), tcp('external:in-96', 'default/public', 443, 'deny'), tcp(FRONTEND, 'default/public', 443, 'deny')],
  },
  {
    section: 'DNS based > Example (l3/fqdn/fqdn.yaml): toFQDNs matchName with the DNS proxy rule on the DNS egress',
    manifests: [cnp('default', 'to-fqdn', { endpointSelector: { matchLabels: { app: 'test-app' } }, egress: [DNS_PROXY_EGRESS, { toFQDNs: [{ matchName: 'api.github.com' }] }] })],
    flows: [tcp('default/test-app', 'external:github', 443, 'allow'), tcp('default/test-app', 'external:example', 443, 'deny'), udp('default/test-app', KUBE_DNS, 53, 'allow'), tcp('default/test-app', KUBE_DNS, 53, 'allow')],
    by: [[0, 'egress', 'CiliumNetworkPolicy default/to-fqdn']],
  },
  {
    // "In order to associate domain names with IP addresses, Cilium intercepts DNS responses per-Endpoint
    // using a DNS Proxy. This requires ... an L7 policy allowing DNS requests."
    section: 'DNS based > toFQDNs learns nothing when the DNS egress has no DNS proxy rule',
    manifests: [cnp('default', 'to-fqdn-no-proxy', { endpointSelector: { matchLabels: { app: 'test-app' } }, egress: [{ toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }, { toFQDNs: [{ matchName: 'api.github.com' }] }] })],
    flows: [tcp('default/test-app', 'external:github', 443, 'deny'), udp('default/test-app', KUBE_DNS, 53, 'allow')],
  },
  {
    section: 'DNS based > toFQDNs.matchPattern: "*" within a domain never crosses a "."',
    manifests: [cnp('default', 'to-github', { endpointSelector: { matchLabels: { app: 'test-app' } }, egress: [DNS_PROXY_EGRESS, { toFQDNs: [{ matchPattern: '*.github.com' }] }] })],
    flows: [tcp('default/test-app', 'external:github', 443, 'allow'), tcp('default/test-app', 'external:github-apex', 443, 'deny'), tcp('default/test-app', 'external:github-deep', 443, 'deny')],
  },
  {
    section: 'DNS based > toFQDNs.matchPattern: "**." wildcards all cascaded subdomains, not the apex',
    manifests: [cnp('default', 'to-cilium', { endpointSelector: { matchLabels: { app: 'test-app' } }, egress: [DNS_PROXY_EGRESS, { toFQDNs: [{ matchPattern: '**.cilium.io' }] }] })],
    flows: [tcp('default/test-app', 'external:app-cilium', 443, 'allow'), tcp('default/test-app', 'external:test-app-cilium', 443, 'allow'), tcp('default/test-app', 'external:cilium-apex', 443, 'deny')],
  },
  {
    // layer7.rst "DNS Policy and IP Discovery": DNS queries for cilium.io, *.cilium.io and *.api.cilium.io
    // pass the proxy; connections go only to names toFQDNs selects, on TCP 80 ("DNS queries to
    // anothersub.cilium.io are allowed but connections to the returned IPs are not").
    section: 'DNS based + Layer 7 > DNS Policy and IP Discovery (l7/dns/dns.yaml)',
    manifests: [cnp('default', 'tofqdn-dns-visibility', {
      endpointSelector: { matchLabels: { 'any:org': 'alliance' } },
      egress: [
        { toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchName: 'cilium.io' }, { matchPattern: '*.cilium.io' }, { matchPattern: '*.api.cilium.io' }] } }] },
        { toFQDNs: [{ matchName: 'cilium.io' }, { matchName: 'sub.cilium.io' }, { matchName: 'service1.api.cilium.io' }, { matchPattern: 'special*service.api.cilium.io' }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] },
      ],
    })],
    flows: [
      tcp('default/alliance', 'external:cilium-apex', 80, 'allow'),
      tcp('default/alliance', 'external:cilium-sub', 80, 'allow'),
      tcp('default/alliance', 'external:cilium-service1', 80, 'allow'),
      tcp('default/alliance', 'external:cilium-special', 80, 'allow'),
      tcp('default/alliance', 'external:cilium-region1', 80, 'deny'),
      tcp('default/alliance', 'external:cilium-anothersub', 80, 'deny'),
      tcp('default/alliance', 'external:cilium-sub', 443, 'deny'),
      udp('default/alliance', KUBE_DNS, 53, 'allow'),
    ],
  },
  {
    // layer7.rst "DNS Proxy": "Only IPs in intercepted DNS responses to an application will be allowed";
    // a query the DNS rule refuses gets no response, so toFQDNs never learns that name's IPs.
    section: 'DNS based: a name the DNS proxy rule refuses is never learned, even if toFQDNs matches it',
    manifests: [cnp('default', 'narrow-dns', {
      endpointSelector: { matchLabels: { app: 'test-app' } },
      egress: [
        { toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchName: 'api.github.com' }] } }] },
        { toFQDNs: [{ matchPattern: '*.github.com' }] },
      ],
    })],
    flows: [tcp('default/test-app', 'external:github', 443, 'allow'), tcp('default/test-app', 'external:github-raw', 443, 'deny')],
  },
  {
    // pkg/fqdn/matchpattern (Sanitize): names are lower-cased and made fully qualified before matching.
    section: 'DNS based > toFQDNs.matchName compares case-insensitively, with or without the trailing dot',
    manifests: [cnp('default', 'to-github-upper', { endpointSelector: { matchLabels: { app: 'test-app' } }, egress: [DNS_PROXY_EGRESS, { toFQDNs: [{ matchName: 'API.GitHub.com.' }] }] })],
    flows: [tcp('default/test-app', 'external:github', 443, 'allow'), tcp('default/test-app', 'external:github-apex', 443, 'deny')],
  },
  {
    section: 'Endpoint Selector (intro.rst): Kubernetes LabelSelector matchExpressions In, NotIn, Exists, DoesNotExist',
    manifests: [
      cnp('default', 'in', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'role', operator: 'In', values: ['frontend', 'other'] }] }] }] }),
      cnp('default', 'not-in', { endpointSelector: role('public'), ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['frontend'] }] }] }] }),
      cnp('default', 'exists', { endpointSelector: role('crawler'), ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'env', operator: 'Exists' }] }] }] }),
      cnp('default', 'does-not-exist', { endpointSelector: role('restricted'), ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'role', operator: 'DoesNotExist' }] }] }] }),
    ],
    flows: [
      tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(OTHER, BACKEND, 80, 'allow'), tcp('default/svc', BACKEND, 80, 'deny'),
      tcp(FRONTEND, 'default/public', 80, 'deny'), tcp(OTHER, 'default/public', 80, 'allow'), tcp('default/svc', 'default/public', 80, 'allow'),
      tcp('default/dev', 'default/crawler', 80, 'allow'), tcp(FRONTEND, 'default/crawler', 80, 'deny'),
      tcp('default/svc', 'default/restricted', 80, 'allow'), tcp(FRONTEND, 'default/restricted', 80, 'deny'),
    ],
  },
  {
    // Label sources (pkg/labels): `k8s:` and `any:` prefixes name the same pod labels.
    section: 'Endpoint Selector: source prefixes k8s: and any: on label keys',
    manifests: [
      cnp('default', 'any-prefix', { endpointSelector: { matchLabels: { 'any:role': 'backend' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'any:role': 'frontend' } }] }] }),
      cnp('default', 'k8s-prefix', { endpointSelector: { matchLabels: { 'k8s:role': 'public' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:role': 'frontend' } }] }] }),
    ],
    flows: [tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(OTHER, BACKEND, 80, 'deny'), tcp(FRONTEND, 'default/public', 80, 'allow'), tcp(OTHER, 'default/public', 80, 'deny')],
  },
  {
    // kubernetes/clusterwide/health.yaml selects `reserved:health`; utils.go getEndpointSelector adds no
    // namespace to selectors on reserved labels, so they match the reserved identities.
    section: 'Entities based: fromEndpoints on a reserved: label selects that reserved identity',
    manifests: [cnp('default', 'from-reserved-remote-node', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [{ matchLabels: { 'reserved:remote-node': '' } }] }] })],
    flows: [tcp('entity:remote-node', BACKEND, 80, 'allow'), tcp(FRONTEND, BACKEND, 80, 'deny')],
  },
  {
    section: 'Entities based > world: toEntities world reaches addresses outside the cluster, not pods',
    manifests: [cnp('default', 'to-world', { endpointSelector: role('frontend'), egress: [{ toEntities: ['world'] }] })],
    flows: [tcp(FRONTEND, 'external:example', 443, 'allow'), tcp(FRONTEND, BACKEND, 80, 'deny'), tcp(FRONTEND, 'entity:remote-node', 443, 'deny')],
  },
];

/** Rule Basics (intro.rst) and the CRD (pkg/k8s/apis/cilium.io/v2/cnp_types.go). */
export const RULE_BASICS: readonly Scenario[] = [
  {
    // cnp_types.go: `specs` "is a list of desired Cilium specific rule specification"; each rule applies.
    section: 'CiliumNetworkPolicy with several rules under specs',
    manifests: [{
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'two-rules', namespace: 'default' },
      specs: [
        { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('frontend')] }] },
        { endpointSelector: role('public'), ingress: [{ fromEntities: ['world'] }] },
      ],
    }],
    flows: [tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(OTHER, BACKEND, 80, 'deny'), tcp('external:example', 'default/public', 443, 'allow'), tcp(FRONTEND, 'default/public', 443, 'deny')],
    by: [[0, 'ingress', 'CiliumNetworkPolicy default/two-rules']],
  },
  {
    // A rule allows traffic matching any of its peer selectors on any of its ports ("Rule Basics":
    // whitelist model; traffic matching the union of the rules is allowed).
    section: 'Rule Basics: peers of one rule (fromEndpoints, fromEntities, fromCIDR) and its ports are each ORed',
    manifests: [cnp('default', 'mixed-peers', {
      endpointSelector: role('backend'),
      ingress: [{ fromEndpoints: [role('frontend')], fromEntities: ['remote-node'], fromCIDR: ['93.184.216.34/32'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }, { port: '8443', protocol: 'TCP' }] }] }],
    })],
    flows: [
      tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(FRONTEND, BACKEND, 8443, 'allow'), tcp(FRONTEND, BACKEND, 81, 'deny'),
      tcp('entity:remote-node', BACKEND, 8443, 'allow'), tcp('external:example', BACKEND, 80, 'allow'), tcp('external:remote', BACKEND, 80, 'deny'), tcp(OTHER, BACKEND, 80, 'deny'),
    ],
  },
];

/** Layer 4 Policies (layer4.rst). */
export const LAYER4: readonly Scenario[] = [
  {
    section: 'Limit ingress/egress ports > Example (L4) (l4/l4.yaml): TCP 80 to any layer 3 destination',
    manifests: [cnp('default', 'l4-rule', { endpointSelector: { matchLabels: { app: 'myService' } }, egress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })],
    flows: [tcp('default/svc', 'external:example', 80, 'allow'), tcp('default/svc', 'external:example', 443, 'deny'), tcp('default/svc', BACKEND, 80, 'allow'), udp('default/svc', BACKEND, 80, 'deny')],
  },
  {
    section: 'Limit ingress/egress ports > Example Port Ranges (l4/l4_port_range.yaml): port 80, endPort 444',
    manifests: [cnp('default', 'l4-port-range-rule', { endpointSelector: { matchLabels: { app: 'myService' } }, egress: [{ toPorts: [{ ports: [{ port: '80', endPort: 444, protocol: 'TCP' }] }] }] })],
    flows: [79, 80, 443, 444, 445].map((port) => tcp('default/svc', 'external:example', port, port >= 80 && port <= 444 ? 'allow' : 'deny')),
  },
  {
    section: 'Limit ingress/egress ports > Labels-dependent Layer 4 rule (l4/l3_l4_combined.yaml)',
    manifests: [cnp('default', 'l3-l4-rule', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('frontend')], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })],
    flows: [tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(FRONTEND, BACKEND, 81, 'deny'), tcp(OTHER, BACKEND, 80, 'deny')],
  },
  {
    section: 'Limit ingress/egress ports > CIDR-dependent Layer 4 Rule (l4/cidr_l4_combined.yaml)',
    manifests: [cnp('default', 'cidr-l4-rule', { endpointSelector: role('crawler'), egress: [{ toCIDR: ['192.0.2.0/24'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] })],
    flows: [tcp('default/crawler', 'external:crawl-target', 80, 'allow'), tcp('default/crawler', 'external:crawl-target', 443, 'deny'), tcp('default/crawler', 'external:example', 80, 'deny')],
  },
  {
    // PortProtocol.Port: "Port can be an L4 port number, or a name in the form of "http" or "http-8080"."
    section: 'Limit ingress/egress ports > named port of the selected pod on ingress',
    manifests: [cnp('default', 'named-port', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('frontend')], toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] }] })],
    flows: [tcp(FRONTEND, BACKEND, 8080, 'allow'), tcp(FRONTEND, BACKEND, 80, 'deny')],
  },
  {
    section: 'Limit ingress/egress ports > named port of the destination pod on egress',
    manifests: [cnp('default', 'named-port-egress', { endpointSelector: role('frontend'), egress: [{ toEndpoints: [role('backend')], toPorts: [{ ports: [{ port: 'http' }] }] }] })],
    flows: [tcp(FRONTEND, BACKEND, 8080, 'allow'), tcp(FRONTEND, BACKEND, 80, 'deny')],
  },
  {
    // PortProtocol.Protocol: "If omitted or empty, any protocol matches."
    section: 'Limit ingress/egress ports > PortProtocol without protocol matches TCP and UDP',
    manifests: [cnp('default', 'dns-any-protocol', { endpointSelector: role('frontend'), egress: [{ toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53' }] }] }] })],
    flows: [udp(FRONTEND, KUBE_DNS, 53, 'allow'), tcp(FRONTEND, KUBE_DNS, 53, 'allow'), udp(FRONTEND, KUBE_DNS, 54, 'deny')],
  },
];

/** Using Kubernetes Constructs in Policy (kubernetes.rst). */
export const KUBERNETES_CONSTRUCTS: readonly Scenario[] = [
  {
    section: 'Namespaces > Example: Enforce namespace boundaries (kubernetes/namespace/isolate-namespaces.yaml)',
    manifests: ['ns1', 'ns2'].map((ns) => cnp(ns, 'isolate-ns', { endpointSelector: { matchLabels: {} }, ingress: [{ fromEndpoints: [{ matchLabels: {} }] }] })),
    flows: [
      tcp('ns1/han', 'ns1/leia', 80, 'allow'),
      tcp('ns2/luke', 'ns1/leia', 80, 'deny'),
      tcp(FRONTEND, 'ns1/leia', 80, 'deny'),
      tcp('ns2/luke', 'ns2/vader', 80, 'allow'),
      // Only ingress is locked down: egress to anywhere stays open.
      tcp('ns1/leia', BACKEND, 80, 'allow'),
    ],
  },
  {
    section: 'Namespaces > Example: Expose pods across namespaces (kubernetes/namespace/namespace-policy.yaml, k8s: prefix)',
    manifests: [cnp('ns1', 'k8s-expose-across-namespace', { endpointSelector: { matchLabels: { name: 'leia' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ns2', name: 'luke' } }] }] })],
    flows: [tcp('ns2/luke', 'ns1/leia', 80, 'allow'), tcp('ns2/vader', 'ns1/leia', 80, 'deny'), tcp('ns1/han', 'ns1/leia', 80, 'deny'), tcp(FRONTEND, 'ns1/leia', 80, 'deny')],
  },
  {
    section: 'Namespaces > Example: Allow egress to kube-dns in kube-system namespace (kubernetes/namespace/kubedns-policy.yaml)',
    manifests: [cnp('default', 'allow-to-kubedns', { endpointSelector: {}, egress: [{ toEndpoints: [KUBE_DNS_SELECTOR], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }] })],
    flows: [udp(FRONTEND, KUBE_DNS, 53, 'allow'), tcp(FRONTEND, KUBE_DNS, 53, 'deny'), tcp(FRONTEND, BACKEND, 80, 'deny'), udp('ns2/luke', KUBE_DNS, 53, 'allow')],
  },
  {
    section: 'Namespaces > io.cilium.k8s.namespace.labels in a CiliumClusterwideNetworkPolicy (kubernetes/namespace/namespace-labels-policy.yaml)',
    manifests: [ccnp('alliance-only', { endpointSelector: { matchLabels: { name: 'rebel-base' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.faction': 'alliance' } }] }], egress: [{ toEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.faction': 'alliance' } }] }] })],
    flows: [
      tcp('ns2/luke', 'default/rebel-base', 80, 'allow'),
      tcp('ns1/leia', 'default/rebel-base', 80, 'deny'),
      tcp(FRONTEND, 'default/rebel-base', 80, 'deny'),
      tcp('default/rebel-base', 'ns2/vader', 80, 'allow'),
      tcp('default/rebel-base', 'ns1/leia', 80, 'deny'),
    ],
  },
  {
    // The docs' example is a CNP. Source decides the scope: pkg/k8s/apis/cilium.io/utils/utils.go
    // getEndpointSelector does not add the policy's namespace to a selector on namespace labels, so the
    // peer may be in any namespace with those labels.
    section: 'Namespaces > io.cilium.k8s.namespace.labels in a CiliumNetworkPolicy selects peers in any namespace with those labels',
    manifests: [cnp('default', 'alliance-only', { endpointSelector: { matchLabels: { name: 'rebel-base' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.faction': 'alliance' } }] }] })],
    flows: [tcp('ns2/luke', 'default/rebel-base', 80, 'allow'), tcp('ns1/leia', 'default/rebel-base', 80, 'deny'), tcp(FRONTEND, 'default/rebel-base', 80, 'deny')],
  },
  {
    // "Kubernetes prohibits specifying the namespace in the endpointSelector ... The endpointSelector
    // always applies to pods in the namespace associated with the CiliumNetworkPolicy resource itself."
    // (utils.go ParseToCiliumRule overwrites the namespace match with the policy's.)
    section: "Namespaces > Known Pitfalls: a namespace in a CNP's endpointSelector is replaced by the policy's own",
    manifests: [cnp('ns1', 'illegal-namespace', { endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'ns2' } }, ingress: [{ fromEndpoints: [{ matchLabels: { name: 'han' } }] }] })],
    flows: [tcp('ns1/han', 'ns1/leia', 80, 'allow'), tcp('ns2/luke', 'ns1/leia', 80, 'deny'), tcp('ns1/leia', 'ns2/luke', 80, 'allow'), tcp('ns2/vader', 'ns2/luke', 80, 'allow')],
  },
  {
    // utils.go getEndpointSelector: a selector that names the namespace key itself (here in
    // matchExpressions) gets no implicit namespace, so it may reach several namespaces.
    section: 'Namespaces: io.kubernetes.pod.namespace in matchExpressions selects peers across the listed namespaces',
    manifests: [cnp('default', 'from-ns1-ns2', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'In', values: ['ns1', 'ns2'] }] }] }] })],
    flows: [tcp('ns1/leia', BACKEND, 80, 'allow'), tcp('ns2/luke', BACKEND, 80, 'allow'), tcp(FRONTEND, BACKEND, 80, 'deny'), tcp(KUBE_DNS, BACKEND, 80, 'deny')],
  },
  {
    section: 'ServiceAccounts > Example (kubernetes/serviceaccount/serviceaccount-policy.yaml)',
    manifests: [cnp('default', 'k8s-svc-account', { endpointSelector: { matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'leia' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'luke' } }] }] })],
    flows: [tcp('default/sa-luke', 'default/sa-leia', 80, 'allow'), tcp('default/sa-default', 'default/sa-leia', 80, 'deny'), tcp('default/sa-leia', 'default/sa-luke', 80, 'allow')],
  },
  {
    section: 'Clusterwide Policies: a CCNP endpointSelector on io.kubernetes.pod.namespace selects one namespace',
    manifests: [ccnp('lock-ns1', { endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'ns1' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'ns1' } }] }] })],
    flows: [tcp('ns1/han', 'ns1/leia', 80, 'allow'), tcp('ns2/luke', 'ns1/leia', 80, 'deny'), tcp('ns1/leia', 'ns2/luke', 80, 'allow'), tcp('ns2/luke', 'ns2/vader', 80, 'allow')],
  },
  {
    section: 'Clusterwide Policies: a CCNP endpointSelector on io.cilium.k8s.namespace.labels selects the namespaces with that label',
    manifests: [ccnp('lock-alliance', { endpointSelector: { matchLabels: { 'io.cilium.k8s.namespace.labels.faction': 'alliance' } }, ingress: [{ fromEntities: ['health'] }] })],
    flows: [tcp('ns1/leia', 'ns2/luke', 80, 'deny'), tcp('ns2/vader', 'ns2/luke', 80, 'deny'), tcp('ns2/luke', 'ns1/leia', 80, 'allow'), tcp('entity:health', 'ns2/luke', 4240, 'allow')],
  },
  {
    section: 'Clusterwide Policies (kubernetes/clusterwide/clusterscope-policy.yaml): selectors span every namespace',
    manifests: [ccnp('clusterwide-policy-example', { endpointSelector: { matchLabels: { name: 'leia' } }, ingress: [{ fromEndpoints: [{ matchLabels: { name: 'luke' } }] }] })],
    flows: [tcp('ns2/luke', 'ns1/leia', 80, 'allow'), tcp('ns2/vader', 'ns1/leia', 80, 'deny')],
    by: [[0, 'ingress', 'CiliumClusterwideNetworkPolicy clusterwide-policy-example']],
  },
  {
    section: 'Clusterwide Policies: the same rule as a CiliumNetworkPolicy only sees its own namespace',
    manifests: [cnp('ns1', 'namespaced-example', { endpointSelector: { matchLabels: { name: 'leia' } }, ingress: [{ fromEndpoints: [{ matchLabels: { name: 'luke' } }] }] })],
    flows: [tcp('ns2/luke', 'ns1/leia', 80, 'deny')],
  },
  {
    // "The endpointSelector always applies to pods in the namespace associated with the CiliumNetworkPolicy resource itself."
    section: 'Namespaces > Known Pitfalls: a CiliumNetworkPolicy never selects pods of another namespace',
    manifests: [cnp('ns2', 'leia-elsewhere', { endpointSelector: { matchLabels: { name: 'leia' } }, ingress: [{ fromEndpoints: [{ matchLabels: { name: 'luke' } }] }] })],
    flows: [tcp('ns2/vader', 'ns1/leia', 80, 'allow')],
  },
  {
    // utils.go getEndpointSelector: a clusterwide selector without a namespace gets
    // `io.kubernetes.pod.namespace Exists`, so it matches pods only, never reserved identities.
    section: 'Clusterwide Policies: an empty fromEndpoints selector in a CCNP matches pods of every namespace, not entities',
    manifests: [ccnp('pods-only', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [{}] }] })],
    flows: [tcp('ns2/luke', BACKEND, 80, 'allow'), tcp('entity:remote-node', BACKEND, 80, 'deny'), tcp('external:example', BACKEND, 80, 'deny')],
  },
];

/** The allow and deny policies of deny.rst's enforcement table; client = frontend, server = backend. */
const ALLOW_80 = { fromEndpoints: [role('frontend')], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] };
const ALLOW_81 = { fromEndpoints: [role('frontend')], toPorts: [{ ports: [{ port: '81', protocol: 'TCP' }] }] };
const ALLOW_L3 = { fromEndpoints: [role('frontend')] };
const DENY_80 = { toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] };
const DENY_L3 = { fromEndpoints: [role('frontend')] };

/**
 * deny.rst, the table "Set of Ingress Policies Deployed to Server Pod": one row per column
 * (the Layer 7 allow and the ping row are left out: probes carry no HTTP or ICMP).
 */
const DENY_TABLE: readonly { column: number; ingress: object[]; ingressDeny: object[]; port81: VerdictName; port80: VerdictName }[] = [
  { column: 1, ingress: [ALLOW_80, ALLOW_81, ALLOW_L3], ingressDeny: [], port81: 'allow', port80: 'allow' },
  { column: 2, ingress: [ALLOW_80, ALLOW_81, ALLOW_L3], ingressDeny: [DENY_80], port81: 'allow', port80: 'deny' },
  { column: 3, ingress: [ALLOW_80, ALLOW_81, ALLOW_L3], ingressDeny: [DENY_L3], port81: 'deny', port80: 'deny' },
  { column: 4, ingress: [ALLOW_80, ALLOW_81, ALLOW_L3], ingressDeny: [DENY_80, DENY_L3], port81: 'deny', port80: 'deny' },
  { column: 5, ingress: [], ingressDeny: [DENY_80], port81: 'deny', port80: 'deny' },
];

/** Deny Policies (deny.rst) and Policy Enforcement Modes (intro.rst). */
export const DENY_AND_DEFAULTS: readonly Scenario[] = [
  ...DENY_TABLE.map(({ column, ingress, ingressDeny, port81, port80 }): Scenario => ({
    section: `Deny Policies > enforcement table, column ${column}`,
    manifests: [
      ...(ingress.length ? [cnp('default', 'allow', { endpointSelector: role('backend'), ingress })] : []),
      ...(ingressDeny.length ? [cnp('default', 'deny', { endpointSelector: role('backend'), ingressDeny })] : []),
    ],
    flows: [tcp(FRONTEND, BACKEND, 81, port81), tcp(FRONTEND, BACKEND, 80, port80)],
  })),
  {
    section: 'Deny Policies: deny wins even over a Kubernetes NetworkPolicy allow',
    manifests: [
      networkPolicy('default', 'allow-all-to-backend', { podSelector: role('backend'), policyTypes: ['Ingress'], ingress: [{}] }),
      ccnp('deny-frontend', { endpointSelector: role('backend'), ingressDeny: [{ fromEndpoints: [role('frontend')] }] }),
    ],
    flows: [tcp(FRONTEND, BACKEND, 80, 'deny'), tcp(OTHER, BACKEND, 80, 'allow')],
    by: [[0, 'ingress', 'CiliumClusterwideNetworkPolicy deny-frontend']],
  },
  {
    section: 'Deny Policies: an egressDeny with toPorts denies only those ports',
    manifests: [cnp('default', 'no-https-out', { endpointSelector: role('frontend'), egress: [{ toEntities: ['all'] }], egressDeny: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] })],
    flows: [tcp(FRONTEND, 'external:example', 443, 'deny'), tcp(FRONTEND, 'external:example', 80, 'allow'), tcp(FRONTEND, BACKEND, 443, 'allow')],
  },
  {
    // Deny rules apply even when the policy does not turn default-deny on (intro.rst EnableDefaultDeny; deny.rst).
    section: 'Deny Policies with enableDefaultDeny false: the deny applies, nothing else is blocked',
    manifests: [ccnp('deny-world-only', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingressDeny: [{ fromEntities: ['world'] }] })],
    flows: [tcp('external:example', BACKEND, 443, 'deny'), tcp(FRONTEND, BACKEND, 80, 'allow'), tcp('entity:remote-node', BACKEND, 80, 'allow')],
  },
  {
    section: 'Deny Policies > external-lockdown (l3/entities/from_world_deny.yaml)',
    manifests: [ccnp('external-lockdown', { endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'] }], ingress: [{ fromEntities: ['all'] }] })],
    flows: [tcp('external:example', BACKEND, 443, 'deny'), tcp('ns2/luke', BACKEND, 80, 'allow'), tcp('entity:remote-node', BACKEND, 80, 'allow')],
  },
  {
    section: 'Policy Enforcement Modes > Endpoint default policy: default-deny per direction, only for selected endpoints',
    manifests: [cnp('default', 'backend-ingress', { endpointSelector: role('backend'), ingress: [{ fromEndpoints: [role('other')] }] })],
    flows: [
      tcp(FRONTEND, BACKEND, 80, 'deny'),
      tcp(OTHER, BACKEND, 80, 'allow'),
      // Egress of the selected endpoint has no rule: still open.
      tcp(BACKEND, 'external:example', 443, 'allow'),
      // A pod selected by no policy stays open both ways.
      tcp(OTHER, FRONTEND, 80, 'allow'),
      tcp(FRONTEND, 'external:example', 443, 'allow'),
    ],
  },
  {
    section: 'Policy Enforcement Modes > Endpoint default policy: any selecting policy with an ingress section (here a CCNP baseline) makes ingress default-deny',
    manifests: [ccnp('baseline-health', { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }] })],
    flows: [tcp(FRONTEND, BACKEND, 80, 'deny'), tcp('entity:health', BACKEND, 4240, 'allow'), tcp(FRONTEND, 'external:example', 443, 'allow')],
    by: [[1, 'ingress', 'CiliumClusterwideNetworkPolicy baseline-health']],
  },
  {
    // A Cilium rule with no peer allows nothing; unlike NetworkPolicy's `ingress: [{}]` (allow all).
    section: 'Ingress/Egress Default Deny: `ingress: [{}]` in a CiliumNetworkPolicy denies all ingress',
    manifests: [cnp('default', 'default-deny', { endpointSelector: {}, ingress: [{}] })],
    flows: [tcp(FRONTEND, BACKEND, 80, 'deny'), tcp('ns2/luke', BACKEND, 80, 'deny'), tcp(FRONTEND, 'external:example', 443, 'allow')],
  },
  {
    section: 'Policy Enforcement Modes > EnableDefaultDeny: intercept-all-dns with enableDefaultDeny false blocks nothing',
    manifests: [ccnp('intercept-all-dns', {
      endpointSelector: { matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system'] }, { key: 'k8s-app', operator: 'NotIn', values: ['kube-dns'] }] },
      enableDefaultDeny: { egress: false, ingress: false },
      egress: [DNS_PROXY_EGRESS],
    })],
    flows: [tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(FRONTEND, 'external:example', 443, 'allow'), udp(FRONTEND, KUBE_DNS, 53, 'allow')],
  },
  {
    // pkg/policy/repository.go: across the rules selecting an endpoint, any default-deny rule wins.
    section: 'Policy Enforcement Modes > EnableDefaultDeny: another selecting policy still turns default-deny on',
    manifests: [
      ccnp('intercept-all-dns', { endpointSelector: {}, enableDefaultDeny: { egress: false, ingress: false }, egress: [DNS_PROXY_EGRESS] }),
      cnp('default', 'frontend-egress', { endpointSelector: role('frontend'), egress: [{ toEndpoints: [role('backend')] }] }),
    ],
    flows: [tcp(FRONTEND, BACKEND, 80, 'allow'), tcp(FRONTEND, OTHER, 80, 'deny'), udp(FRONTEND, KUBE_DNS, 53, 'allow'), tcp(OTHER, 'external:example', 443, 'allow')],
  },
  {
    section: 'DNS based: the DNS proxy rule may come from a clusterwide baseline, toFQDNs from a namespaced policy',
    manifests: [
      ccnp('baseline-dns', { endpointSelector: {}, egress: [DNS_PROXY_EGRESS] }),
      cnp('default', 'to-github', { endpointSelector: { matchLabels: { app: 'test-app' } }, egress: [{ toFQDNs: [{ matchName: 'api.github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] }),
    ],
    flows: [tcp('default/test-app', 'external:github', 443, 'allow'), tcp('default/test-app', 'external:github', 80, 'deny'), tcp(FRONTEND, 'external:github', 443, 'deny')],
  },
];

/**
 * Reserved identities as policy subjects (flow-probe spec, "Peers"): Cilium runs the health
 * endpoint, the Ingress/Gateway Envoy endpoint and not-yet-labelled pods (init) as endpoints, and
 * a rule's `endpointSelector` is matched against their labels (`reserved:<name>`) like a pod's
 * (pkg/policy/rule.go `matches`); only the host needs a `nodeSelector` (host firewall).
 */
export const RESERVED_SUBJECTS: readonly Scenario[] = [
  {
    section: 'Clusterwide > health checks (examples/policies/kubernetes/clusterwide/health.yaml)',
    manifests: [ccnp('cilium-health-checks', {
      endpointSelector: { matchLabels: { 'reserved:health': '' } },
      ingress: [{ fromEntities: ['remote-node'] }],
      egress: [{ toEntities: ['remote-node'] }],
    })],
    flows: [
      tcp('entity:remote-node', 'entity:health', 4240, 'allow'),
      tcp('entity:health', 'entity:remote-node', 4240, 'allow'),
      tcp(FRONTEND, 'entity:health', 4240, 'deny'),
      tcp('entity:health', BACKEND, 4240, 'deny'),
      // allow-localhost: the local host reaches every local endpoint, the health endpoint included.
      tcp('entity:host', 'entity:health', 4240, 'allow'),
    ],
    by: [[0, 'ingress', 'CiliumClusterwideNetworkPolicy cilium-health-checks'], [1, 'egress', 'CiliumClusterwideNetworkPolicy cilium-health-checks']],
  },
  {
    // The reason health.yaml exists: a clusterwide default-deny with `endpointSelector: {}` also
    // selects the health endpoint, so node-to-node health checks fail without it.
    section: 'Clusterwide > a CCNP with an empty endpointSelector puts the health endpoint in default-deny',
    manifests: [ccnp('pods-only', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }], egress: [{ toEndpoints: [{}] }] })],
    flows: [
      tcp('entity:remote-node', 'entity:health', 4240, 'deny'),
      tcp('entity:health', 'entity:remote-node', 4240, 'deny'),
      // A CCNP peer `{}` means every pod (utils.go adds io.kubernetes.pod.namespace Exists), never the health endpoint.
      tcp(FRONTEND, BACKEND, 80, 'allow'),
      tcp(FRONTEND, 'entity:health', 4240, 'deny'),
      tcp('entity:health', BACKEND, 4240, 'deny'),
    ],
  },
  {
    section: 'Clusterwide > health.yaml next to the empty-selector baseline restores health checks',
    manifests: [
      ccnp('default-deny', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }], egress: [DNS_PROXY_EGRESS] }),
      ccnp('cilium-health-checks', { endpointSelector: { matchLabels: { 'reserved:health': '' } }, ingress: [{ fromEntities: ['remote-node'] }], egress: [{ toEntities: ['remote-node'] }] }),
    ],
    flows: [tcp('entity:remote-node', 'entity:health', 4240, 'allow'), tcp('entity:health', 'entity:remote-node', 4240, 'allow'), tcp('entity:health', 'external:example', 443, 'deny')],
  },
  {
    // utils.go ParseToCiliumRule: a CNP's endpointSelector always gets the namespace, so it never selects a reserved endpoint.
    section: 'Kubernetes > a CiliumNetworkPolicy never selects the health endpoint',
    manifests: [cnp('default', 'deny-all', { endpointSelector: {}, ingress: [{}], egress: [{}] })],
    flows: [tcp('entity:remote-node', 'entity:health', 4240, 'allow'), tcp('entity:health', 'entity:remote-node', 4240, 'allow'), tcp('entity:health', BACKEND, 80, 'deny')],
  },
  {
    // pkg/policy/rule.go matches: only a nodeSelector rule selects reserved:host (host firewall).
    section: 'Host firewall > an endpointSelector never selects the host',
    manifests: [ccnp('everything', { endpointSelector: {}, ingress: [{}], egress: [{}] })],
    flows: [tcp('entity:host', 'external:example', 443, 'allow'), tcp('entity:remote-node', 'entity:host', 22, 'allow'), tcp('entity:host', BACKEND, 80, 'allow')],
  },
  {
    section: 'Ingress > a CCNP selecting reserved:ingress governs the Envoy endpoint of Cilium Ingress',
    manifests: [ccnp('ingress-to-backend', {
      endpointSelector: { matchExpressions: [{ key: 'reserved:ingress', operator: 'Exists' }] },
      egress: [{ toEndpoints: [role('backend')], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
    })],
    flows: [tcp('entity:ingress', BACKEND, 80, 'allow'), tcp('entity:ingress', FRONTEND, 80, 'deny'), tcp('entity:ingress', BACKEND, 81, 'deny'), tcp('external:example', 'entity:ingress', 443, 'allow')],
  },
  {
    // utils.go getEndpointSelector: peers of a CCNP selecting reserved:init get no namespace
    // requirement (init endpoints have no namespace label), so `toEndpoints: [{}]` is every identity.
    section: 'Endpoint Lifecycle > Init Identity: a CCNP selecting reserved:init',
    manifests: [
      ccnp('init', { endpointSelector: { matchLabels: { 'reserved:init': '' } }, egress: [{ toEndpoints: [{}] }] }),
      ccnp('everyone', { endpointSelector: {}, egress: [{ toEndpoints: [{}] }] }),
    ],
    flows: [tcp('entity:init', 'entity:remote-node', 443, 'allow'), tcp('entity:init', BACKEND, 80, 'allow'), tcp(FRONTEND, 'entity:remote-node', 443, 'deny'), tcp(FRONTEND, BACKEND, 80, 'allow')],
  },
];
