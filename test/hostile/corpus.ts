/**
 * Hostile inputs: each is something the Kubernetes API server or Cilium's CRD schema would
 * reject (or that would be read differently by kubectl), and every netpol command must refuse it
 * with exit status 2, naming the file and the field. Sources of the rules:
 * - k8s.io/apimachinery/pkg/util/validation/validation.go: IsDNS1123Label (namespace names),
 *   IsDNS1123Subdomain (policy names), IsQualifiedName (label keys), IsValidLabelValue,
 *   IsValidPortNum (1-65535);
 * - k8s.io/kubernetes/pkg/apis/networking/validation/validation.go: ValidateNetworkPolicyPort
 *   (protocol TCP/UDP/SCTP, endPort >= port), ValidateIPBlock (a CIDR);
 * - Cilium's CRD schema (@kubernetes-models/cilium, pkg/policy/api): PortProtocol (port 0-65535
 *   or a name, protocol TCP/UDP/SCTP/VRRP/IGMP/ANY), matchLabels values (label value pattern),
 *   Entity enum, CIDR format.
 */

/** One hostile input and what the refusal must name. */
export interface HostileCase {
  /** A short name, also the file's base name. */
  readonly name: string;
  /** The file's bytes. */
  readonly content: string | Buffer;
  /** Text the message must contain besides the file name (the object and field). */
  readonly names: readonly string[];
}

const np = (spec: string, meta = 'name: np\n  namespace: shop') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  ${meta}
spec:
${spec}`;

const npPort = (port: string) => np(`  podSelector: {}
  ingress:
    - ports:
        - ${port}
`);

const cnp = (rule: string) => `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: cnp, namespace: shop}
spec:
  endpointSelector: {}
  egress:
    - ${rule}
`;

const ns = (name: string, labels = '') => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${labels}`;

const npPeer = (peer: string) => np(`  podSelector: {}
  egress:
    - to:
        - ${peer}
`);

/** Manifests every command that reads manifests (all six) must refuse. */
export const HOSTILE_MANIFESTS: readonly HostileCase[] = [
  { name: 'np-port-0', content: npPort('{port: 0}'), names: ['NetworkPolicy shop/np', 'spec.ingress[0].ports[0].port'] },
  { name: 'np-port-70000', content: npPort('{port: 70000}'), names: ['NetworkPolicy shop/np', 'spec.ingress[0].ports[0].port'] },
  { name: 'np-port-fraction', content: npPort('{port: 80.5}'), names: ['spec.ingress[0].ports[0].port'] },
  { name: 'np-port-bad-name', content: npPort('{port: "HTTP_80"}'), names: ['spec.ingress[0].ports[0].port'] },
  { name: 'np-port-octal', content: npPort('{port: 010}'), names: ['line 10, column 18', '010 is ambiguous'] },
  { name: 'np-endport-below', content: npPort('{port: 8080, endPort: 80}'), names: ['spec.ingress[0].ports[0].endPort'] },
  { name: 'np-protocol-http', content: npPort('{port: 80, protocol: HTTP}'), names: ['spec.ingress[0].ports[0].protocol'] },
  { name: 'np-protocol-lowercase', content: npPort('{port: 80, protocol: tcp}'), names: ['spec.ingress[0].ports[0].protocol'] },
  { name: 'np-spec-string', content: np('  "string"\n').replace('spec:\n  "string"', 'spec: "string"'), names: ['NetworkPolicy shop/np', 'spec'] },
  { name: 'np-selector-operator', content: np('  podSelector: {matchExpressions: [{key: app, operator: Equals, values: [x]}]}\n'), names: ['spec.podSelector.matchExpressions[0].operator'] },
  { name: 'np-selector-bad-key', content: np('  podSelector: {matchLabels: {"bad key": x}}\n'), names: ['spec.podSelector.matchLabels', 'bad key'] },
  { name: 'np-selector-bad-value', content: np('  podSelector: {matchLabels: {app: "-x-"}}\n'), names: ['spec.podSelector.matchLabels.app'] },
  { name: 'np-selector-long-value', content: np(`  podSelector: {matchLabels: {app: ${'a'.repeat(64)}}}\n`), names: ['spec.podSelector.matchLabels.app', '64 characters'] },
  { name: 'np-cidr-mask', content: npPeer('ipBlock: {cidr: 10.0.0.0/33}'), names: ['spec.egress[0].to[0].ipBlock.cidr'] },
  { name: 'np-cidr-no-mask', content: npPeer('ipBlock: {cidr: 10.0.0.1}'), names: ['spec.egress[0].to[0].ipBlock.cidr', 'Did you mean "10.0.0.1/32"'] },
  { name: 'np-cidr-leading-zero', content: npPeer('ipBlock: {cidr: 010.0.0.0/8}'), names: ['spec.egress[0].to[0].ipBlock.cidr', 'leading zero'] },
  { name: 'np-cidr-garbage', content: npPeer('ipBlock: {cidr: "10.0.0.0/8; rm -rf"}'), names: ['spec.egress[0].to[0].ipBlock.cidr'] },
  { name: 'np-namespace-uppercase', content: np('  podSelector: {}\n', 'name: np\n  namespace: Shop'), names: ['metadata.namespace', '"Shop"'] },
  { name: 'np-name-invalid', content: np('  podSelector: {}\n', 'name: "np_1"\n  namespace: shop'), names: ['metadata.name', 'DNS-1123 subdomain'] },
  { name: 'ns-cyrillic', content: ns('kube-ѕystem'), names: ['Namespace kube-ѕystem', 'metadata.name', 'U+0455'] },
  { name: 'ns-uppercase', content: ns('Blog'), names: ['metadata.name', 'DNS-1123 label'] },
  { name: 'ns-quote-bracket', content: ns('\'"]\''), names: ['metadata.name', 'DNS-1123 label'] },
  { name: 'ns-newline', content: ns('"blog\\n## injected"'), names: ['metadata.name', 'control character U+000A'] },
  { name: 'ns-too-long', content: ns('a'.repeat(64)), names: ['metadata.name', '64 characters'] },
  { name: 'ns-label-key', content: ns('blog', '  labels: {"-bad": x}\n'), names: ['Namespace blog', 'metadata.labels', '-bad'] },
  { name: 'ns-label-key-prefix', content: ns('blog', '  labels: {"Bad_Prefix/x": y}\n'), names: ['metadata.labels', 'Bad_Prefix'] },
  { name: 'ns-label-value', content: ns('blog', '  labels: {team: "a b"}\n'), names: ['metadata.labels.team', '"a b"'] },
  { name: 'ns-label-number', content: ns('blog', '  labels: {team: 1}\n'), names: ['metadata.labels.team', 'quote it'] },
  { name: 'duplicate-key', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n', names: ['line 5', 'duplicate key "name"'] },
  { name: 'invalid-utf8', content: Buffer.concat([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]), names: [':3: not valid UTF-8', 'offset 51'] },
  { name: 'cnp-port-70000', content: cnp('toPorts: [{ports: [{port: "70000"}]}]'), names: ['CiliumNetworkPolicy shop/cnp', 'spec.egress[0].toPorts[0].ports[0].port'] },
  { name: 'cnp-protocol', content: cnp('toPorts: [{ports: [{port: "80", protocol: HTTP}]}]'), names: ['spec.egress[0].toPorts[0].ports[0].protocol'] },
  { name: 'cnp-endport-below', content: cnp('toPorts: [{ports: [{port: "8080", endPort: 80}]}]'), names: ['spec.egress[0].toPorts[0].ports[0].endPort'] },
  { name: 'cnp-cidr', content: cnp('toCIDR: ["10.0.0.0/99"]'), names: ['spec.egress[0].toCIDR[0]'] },
  { name: 'cnp-entity', content: cnp('toEntities: [everything]'), names: ['spec.egress[0].toEntities[0]'] },
  { name: 'cnp-selector-value', content: cnp('toEndpoints: [{matchLabels: {app: "x y"}}]'), names: ['spec.egress[0].toEndpoints[0].matchLabels.app'] },
  { name: 'cnp-spec-string', content: 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cnp, namespace: shop}\nspec: "string"\n', names: ['CiliumNetworkPolicy shop/cnp', 'spec: expected a mapping'] },
  { name: 'not-yaml', content: 'kind: [Namespace\nmetadata: {}\n', names: ['invalid YAML'] },
];

/** Topology files every command that reads one (probe, explain, diff, docs, doctor) must refuse. */
export const HOSTILE_TOPOLOGIES: readonly HostileCase[] = [
  { name: 'topo-namespace-cyrillic', content: 'namespaces:\n  kube-ѕystem: {pods: {a: {}}}\n', names: ['namespaces.kube-ѕystem', 'U+0455'] },
  { name: 'topo-label-value', content: 'namespaces:\n  shop: {pods: {a: {labels: {app: "x y"}}}}\n', names: ['namespaces.shop.pods.a.labels.app'] },
  { name: 'topo-label-key', content: 'namespaces:\n  shop: {labels: {"a b": x}}\n', names: ['namespaces.shop.labels', 'a b'] },
  { name: 'topo-port-octal', content: 'namespaces:\n  shop: {pods: {a: {ports: [{name: http, port: 010}]}}}\n', names: ['line 2', '010 is ambiguous'] },
  { name: 'topo-pod-ip', content: 'namespaces:\n  shop: {pods: {a: {ip: 010.0.0.1}}}\n', names: ['namespaces.shop.pods.a.ip'] },
  { name: 'topo-duplicate', content: 'namespaces:\n  shop: {}\n  shop: {}\n', names: ['line 3', 'duplicate key "shop"'] },
  { name: 'topo-utf8', content: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0xff, 0x3a, 0x0a]), names: [':1: not valid UTF-8'] },
];

/** Probe files `netpol probe` must refuse. */
export const HOSTILE_PROBES: readonly HostileCase[] = [
  { name: 'probes-port-70000', content: 'probes:\n  - {from: shop/web, to: shop/web, port: 70000}\n', names: ['probes[0].port'] },
  { name: 'probes-port-http', content: 'probes:\n  - {from: shop/web, to: shop/web, port: http}\n', names: ['probes[0].port'] },
  { name: 'probes-port-fraction', content: 'probes:\n  - {from: shop/web, to: shop/web, port: 80.5}\n', names: ['probes[0].port'] },
  { name: 'probes-port-octal', content: 'probes:\n  - {from: shop/web, to: shop/web, port: 010}\n', names: ['line 2', '010 is ambiguous'] },
  { name: 'probes-protocol', content: 'probes:\n  - {from: shop/web, to: shop/web, port: 80, protocol: HTTP}\n', names: ['probes[0].protocol'] },
  { name: 'probes-unknown-pod', content: 'probes:\n  - {from: constructor/web, to: shop/web, port: 80}\n', names: ['probes[0].from', 'no namespace "constructor"'] },
  { name: 'probes-unknown-external', content: 'probes:\n  - {from: shop/web, to: "external:toString", port: 80}\n', names: ['probes[0].to', 'unknown external'] },
  { name: 'probes-duplicate', content: 'probes:\n  - {from: shop/web, from: shop/x, to: shop/web, port: 80}\n', names: ['duplicate key "from"'] },
];

const flow = (fields: Record<string, unknown>) => `${JSON.stringify({ flow: { verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED', ...fields } })}\n`;

/** Hubble flow files `netpol doctor` must refuse, naming the file and line. */
export const HOSTILE_FLOWS: readonly HostileCase[] = [
  { name: 'flows-port-70000', content: flow({ l4: { TCP: { destination_port: 70000 } } }), names: [':1: field "l4.TCP.destination_port" is 70000'] },
  { name: 'flows-port-string', content: flow({ l4: { UDP: { destination_port: '53' } } }), names: [':1: field "l4.UDP.destination_port"'] },
  { name: 'flows-namespace', content: flow({ source: { namespace: 'kube-ѕystem' } }), names: [':1: field "source.namespace"', 'U+0455'] },
  { name: 'flows-pod-name', content: flow({ destination: { namespace: 'shop', pod_name: 'Web\n' } }), names: [':1: field "destination.pod_name"'] },
  { name: 'flows-not-json', content: '{"flow": \n', names: [':1: not JSON'] },
  { name: 'flows-utf8', content: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]), names: [':1: not valid UTF-8'] },
];
