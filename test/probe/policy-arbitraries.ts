import fc from 'fast-check';
import type { Manifest } from '../../src/manifests/manifest';
import type { Cni } from '../../src/probe/flow';
import { ccnp, cnp, np } from './builders';

// Random policies over the namespaces and pods of `topology()` (test/probe/builders.ts), for property tests.

export type Json = Record<string, unknown>;

export const podSelector = fc.constantFrom<Json>({}, { matchLabels: { pod: 'a' } }, { matchLabels: { pod: 'b' } }, { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'c'] }] });
export const namespace = fc.constantFrom('x', 'y', 'z');
const npPeer = fc.oneof(
  podSelector.map((s) => ({ podSelector: s })),
  fc.constantFrom<Json>({ namespaceSelector: {} }, { namespaceSelector: { matchLabels: { ns: 'y' } } }),
  podSelector.map((s) => ({ namespaceSelector: { matchLabels: { ns: 'z' } }, podSelector: s })),
  fc.constantFrom<Json>({ ipBlock: { cidr: '10.0.2.0/24' } }, { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }),
);
const npPort = fc.constantFrom<Json>({ port: 80 }, { port: 53, protocol: 'UDP' }, { port: 'http' }, { port: 400, endPort: 500 }, { protocol: 'UDP' });
export const npRule = (key: 'from' | 'to') => fc.record({ peers: fc.array(npPeer, { maxLength: 2 }), ports: fc.array(npPort, { maxLength: 2 }) })
  .map(({ peers, ports }) => ({ ...(peers.length ? { [key]: peers } : {}), ...(ports.length ? { ports } : {}) }));

export const ciliumSelector = fc.constantFrom<Json>(
  {}, { matchLabels: { pod: 'b' } }, { matchLabels: { 'io.kubernetes.pod.namespace': 'y' } },
  { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.ns': 'z' } }, { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['a'] }] },
);
const ciliumPorts = fc.option(fc.array(fc.constantFrom<Json>({ port: '80', protocol: 'TCP' }, { port: '53' }, { port: 'http' }, { port: '400', endPort: 500, protocol: 'TCP' }), { minLength: 1, maxLength: 2 }), { nil: undefined });
// Allow egress rules may also carry toFQDNs and DNS proxy rules (deny rules cannot).
export const ciliumRule = (direction: 'from' | 'to', action: 'allow' | 'deny' = 'allow') => fc.record({
  peer: fc.oneof(
    fc.array(ciliumSelector, { minLength: 1, maxLength: 2 }).map((s) => ({ [`${direction}Endpoints`]: s })),
    fc.constantFrom(['world'], ['cluster'], ['host', 'remote-node'], ['all']).map((e) => ({ [`${direction}Entities`]: e })),
    fc.constantFrom(['140.82.0.0/16'], ['0.0.0.0/0']).map((c) => ({ [`${direction}CIDR`]: c })),
    fc.constant({}),
    ...(direction === 'to' && action === 'allow' ? [fc.constantFrom<Json>({ toFQDNs: [{ matchName: 'api.github.com' }] }, { toFQDNs: [{ matchPattern: '*.example.com' }] })] : []),
  ),
  ports: ciliumPorts,
  dns: direction === 'to' && action === 'allow' ? fc.option(fc.constantFrom('*', 'api.github.com'), { nil: undefined }) : fc.constant(undefined),
}).map(({ peer, ports, dns }) => ({
  ...peer,
  ...(ports || dns ? { toPorts: [{ ports: ports ?? [{ port: '53', protocol: 'ANY' }], ...(dns ? { rules: { dns: [dns === '*' ? { matchPattern: '*' } : { matchName: dns }] } } : {}) }] } : {}),
}));

export const policyPool = fc.array(fc.oneof(
  fc.record({ kind: fc.constant('np'), ns: namespace, selector: podSelector, ingress: fc.array(npRule('from'), { minLength: 1, maxLength: 2 }), egress: fc.array(npRule('to'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constantFrom('cnp', 'ccnp'), ns: namespace, selector: ciliumSelector, ingress: fc.array(ciliumRule('from'), { minLength: 1, maxLength: 2 }), egress: fc.array(ciliumRule('to'), { minLength: 1, maxLength: 2 }), open: fc.boolean() }),
), { minLength: 1, maxLength: 5 }).map((list) => list.map((p, i): Manifest => {
  if (p.kind === 'np') return np(p.ns, `p${i}`, { podSelector: p.selector, policyTypes: ['Ingress', 'Egress'], ingress: p.ingress, egress: p.egress });
  const spec = { endpointSelector: p.selector, ingress: p.ingress, egress: p.egress, ...('open' in p && p.open ? { enableDefaultDeny: { ingress: false } } : {}) };
  return p.kind === 'cnp' ? cnp(p.ns, `p${i}`, spec) : ccnp(`p${i}`, spec);
}));
export const cni = fc.constantFrom<Cni>('cilium', 'kubernetes');
