import { describe, expect, test } from 'vitest';
import { lint } from '../../../src/lint/linter';
import type { Manifest } from '../../../src/manifests/manifest';
import { ccnp, cnp, endpoints, manifest, namespace, np, toPorts } from '../builders';

/**
 * The hand-written YAML of the bypasses `test/constructs/guardrail-bypasses.test.ts` refuses at
 * synthesis (issue 15, "Guardrails without a bypass"): `netpol lint` flags each, with the rule
 * and the field.
 */

const WORLD = { fromEntities: ['world'] };
const PRIVATE = ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'];

function disabled(reason?: string): Manifest {
  return manifest({
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name: 'kube-system', labels: { 'network-policy.homelab/enforcement': 'disabled' }, ...(reason !== undefined ? { annotations: { 'network-policy.homelab/enforcement-reason': reason } } : {}) },
  });
}

function withReasons(m: Manifest, reasons: string): Manifest {
  (m.object.metadata as { annotations?: Record<string, string> }).annotations = { 'network-policy.homelab/address-reasons': reasons };
  return m;
}

const ports = (...list: Record<string, unknown>[]): Record<string, unknown>[] => [{ ports: list }];
const egressTo = (blocks: Record<string, unknown>[]): Record<string, unknown> => ({ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: blocks.map((ipBlock) => ({ ipBlock })), ports: [{ port: 443 }] }] });

const flagged: [string, Manifest, string, string][] = [
  // 1 and 2: the escape hatch without a visible reason
  ['the escape-hatch label without a reason', disabled(), 'escape-hatch-without-reason', 'metadata.labels["network-policy.homelab/enforcement"]'],
  ['the escape hatch with a blank reason', disabled('   '), 'escape-hatch-without-reason', 'metadata.annotations["network-policy.homelab/enforcement-reason"]'],
  ['the escape hatch with a zero-width reason', disabled('\u200b'), 'escape-hatch-without-reason', 'metadata.annotations["network-policy.homelab/enforcement-reason"]'],
  ['the escape hatch with a bidi-override reason', disabled('INC-1\u202e'), 'escape-hatch-without-reason', 'metadata.annotations["network-policy.homelab/enforcement-reason"]'],
  ['an address reason that is a zero-width space', withReasons(cnp('shop', 'nas', { endpointSelector: {}, egress: [{ toCIDR: ['192.168.1.20/32'], toPorts: toPorts([2049, 'TCP']) }] }), '192.168.1.20/32: \u200b'),
    'reason-not-visible', 'metadata.annotations["network-policy.homelab/address-reasons"]'],
  ['an address reason of punctuation', withReasons(np('shop', 'nas', egressTo([{ cidr: '192.168.1.20/32' }])), '192.168.1.20/32: ...'),
    'reason-not-visible', 'metadata.annotations["network-policy.homelab/address-reasons"]'],
  ['an every-port reason that is a right-to-left override', (() => {
    const m = cnp('shop', 'any', { endpointSelector: {}, ingress: [{ ...WORLD }] });
    (m.object.metadata as { annotations?: Record<string, string> }).annotations = { 'network-policy.homelab/any-port-reasons': 'spec.ingress[0]: \u202e' };
    return m;
  })(), 'reason-not-visible', 'metadata.annotations["network-policy.homelab/any-port-reasons"]'],
  // 3: every port in disguise
  ['port "0"', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: ports({ port: '0', protocol: 'TCP' }) }] }), 'no-any-port', 'spec.ingress[0].toPorts'],
  ['toPorts: [{}]', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: [{}] }] }), 'no-any-port', 'spec.ingress[0].toPorts'],
  ['toPorts: [{ ports: [] }]', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: [{ ports: [] }] }] }), 'no-any-port', 'spec.ingress[0].toPorts'],
  ['icmps: [] in place of ports', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, icmps: [] }] }), 'no-any-port', 'spec.ingress[0].toPorts'],
  ['endPort 65535 from port 2', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: ports({ port: '2', endPort: 65535, protocol: 'TCP' }) }] }), 'wide-port-range', 'spec.ingress[0].toPorts'],
  ['endPort 65535 from port 1024', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: ports({ port: '1024', endPort: 65535, protocol: 'TCP' }) }] }), 'wide-port-range', 'spec.ingress[0].toPorts'],
  ['two adjacent Cilium ranges', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: [{ ports: [{ port: '1', endPort: 30000, protocol: 'UDP' }] }, { ports: [{ port: '30001', endPort: 65535, protocol: 'UDP' }] }] }] }), 'wide-port-range', 'spec.ingress[0].toPorts'],
  ['two adjacent NetworkPolicy ranges', np('shop', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } }], ports: [{ port: 1, endPort: 40000 }, { port: 40001, endPort: 65535 }] }] }), 'wide-port-range', 'spec.ingress[0].ports'],
  // 4: address blocks reaching every pod and the LAN on NetworkPolicy, reason or not
  ['a downgrade to 0.0.0.0/0 with a reason', withReasons(np('shop', 'gh', egressTo([{ cidr: '0.0.0.0/0' }])), '0.0.0.0/0: fqdn:api.github.com downgraded: GitHub'), 'ipblock-reaches-private-range', 'spec.egress[0].to'],
  ['0.0.0.0/1 and 128.0.0.0/1', np('shop', 'gh', egressTo([{ cidr: '0.0.0.0/1' }, { cidr: '128.0.0.0/1' }])), 'ipblock-reaches-private-range', 'spec.egress[0].to'],
  ['10.0.0.0/8 with a reason', withReasons(np('shop', 'gh', egressTo([{ cidr: '10.0.0.0/8' }])), '10.0.0.0/8: the office'), 'ipblock-reaches-private-range', 'spec.egress[0].to'],
  ['0.0.0.0/0 excepting only RFC 1918', withReasons(np('shop', 'gh', egressTo([{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }])), '0.0.0.0/0: the internet'), 'ipblock-reaches-private-range', 'spec.egress[0].to'],
  // 5: design peers spanning every namespace
  ['Prometheus as every pod (the scrape baseline)', ccnp('baseline-prometheus-scrape', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }] }], toPorts: toPorts([9090, 'TCP']) }] }),
    'every-namespace-peer', 'spec.ingress[0].fromEndpoints[0]'],
  ['the DNS server by pod labels in every namespace', ccnp('baseline-dns', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'k8s-app': 'kube-dns' })], toPorts: toPorts([53, 'UDP']) }] }),
    'every-namespace-peer', 'spec.egress[0].toEndpoints[0]'],
  ['every pod to the cluster entity', ccnp('mesh', { endpointSelector: {}, egress: [{ toEntities: ['cluster'], toPorts: toPorts([8080, 'TCP']) }] }), 'every-namespace-peer', 'spec.egress[0].toEntities[0]'],
  ['a gateway by pod labels in every namespace', ccnp('profile-standard', {
    endpointSelector: endpoints({ 'io.cilium.k8s.namespace.labels.network-policy.homelab/profile': 'standard' }),
    ingress: [{ fromEndpoints: [{ matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'external' }, matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }] }], toPorts: toPorts([8080, 'TCP']) }],
  }), 'every-namespace-peer', 'spec.ingress[0].fromEndpoints[0]'],
  ['Prometheus from any namespace in a NetworkPolicy', np('shop', 'scrape', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9090 }] }] }),
    'every-namespace-peer', 'spec.ingress[0].from[0]'],
  // 6: every pod exposed to the internet
  ['a CCNP admitting the world into {}', ccnp('open', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: toPorts([443, 'TCP']) }] }), 'internet-to-every-namespace', 'spec.ingress[0].fromEntities[0]'],
  ['a CCNP admitting entity all into pods by label', ccnp('open', { endpointSelector: endpoints({ app: 'web' }), ingress: [{ fromEntities: ['all'], toPorts: toPorts([443, 'TCP']) }] }), 'internet-to-every-namespace', 'spec.ingress[0].fromEntities[0]'],
  ['a CCNP admitting 0.0.0.0/0 into every namespace but one', withReasons(ccnp('open', {
    endpointSelector: { matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'NotIn', values: ['kube-system'] }] },
    ingress: [{ fromCIDRSet: [{ cidr: '0.0.0.0/0' }], toPorts: toPorts([443, 'TCP']) }],
  }), '0.0.0.0/0: everyone'), 'internet-to-every-namespace', 'spec.ingress[0].fromCIDRSet[0]'],
];

const accepted: [string, Manifest][] = [
  ['the escape hatch with a reason', disabled('INC-42: debugging dropped traffic')],
  ['NodePorts 30000-32767', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: ports({ port: '30000', endPort: 32767, protocol: 'TCP' }) }] })],
  ['exactly half the ports', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: ports({ port: '1', endPort: 32768, protocol: 'TCP' }) }] })],
  ['the internet excepting the private ranges', np('shop', 'gh', egressTo([{ cidr: '0.0.0.0/0', except: PRIVATE }]))],
  ['a narrow LAN range with a reason', withReasons(np('shop', 'nas', egressTo([{ cidr: '192.168.1.0/24' }])), '192.168.1.0/24: the NAS VLAN')],
  ['the world into a pinned namespace', ccnp('gw', { endpointSelector: endpoints({ 'io.kubernetes.pod.namespace': 'istio-gateway' }), ingress: [{ ...WORLD, toPorts: toPorts([443, 'TCP']) }] })],
  ['the world into a CNP', cnp('istio-gateway', 'gw', { endpointSelector: {}, ingress: [{ ...WORLD, toPorts: toPorts([443, 'TCP']) }] })],
  ['Prometheus pinned to its namespace', ccnp('scrape', { endpointSelector: {}, ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'monitoring', app: 'prometheus' })], toPorts: toPorts([9090, 'TCP']) }] })],
  ['Prometheus reaching every pod (its own egress)', ccnp('prom', { endpointSelector: endpoints({ 'io.kubernetes.pod.namespace': 'monitoring', app: 'prometheus' }), egress: [{ toEndpoints: [{ matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }] }], toPorts: toPorts([9090, 'TCP']) }] })],
  ['namespaces selected by label in a NetworkPolicy', np('shop', 'in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'x' } } }], ports: [{ port: 80 }] }] })],
  ['health checks and ambient probes into every pod', ccnp('health', { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }, { fromCIDRSet: [{ cidr: '169.254.7.127/32' }] }] })],
];

const RULES = ['escape-hatch-without-reason', 'every-namespace-peer', 'internet-to-every-namespace', 'ipblock-reaches-private-range', 'reason-not-visible', 'wide-port-range', 'no-any-port'];

describe('netpol lint on the hand-written guardrail bypasses', () => {
  test.each(flagged)('flags %s', (_name, m, rule, field) => {
    const findings = lint([m]).filter((f) => f.rule === rule);
    expect(findings.map((f) => f.field)).toContain(field);
    expect(findings.every((f) => f.fix.length > 0)).toBe(true);
  });

  test.each(accepted)('accepts %s', (_name, m) => {
    expect(lint([m, namespace('shop'), namespace('istio-gateway')]).filter((f) => RULES.includes(f.rule))).toEqual([]);
  });

  test('a peer chosen by pod labels in every namespace is a warning where the subject is one namespace, an error where both ends span all', () => {
    const gateway = lint([flagged.find(([name]) => name.startsWith('a gateway'))![1]]).find((f) => f.rule === 'every-namespace-peer');
    const dns = lint([flagged.find(([name]) => name.startsWith('the DNS server'))![1]]).find((f) => f.rule === 'every-namespace-peer');
    expect(gateway?.severity).toBe('warning');
    expect(gateway?.message).toMatch(/any pod anyone creates anywhere can carry those labels/);
    expect(dns?.severity).toBe('error');
    expect(dns?.message).toMatch(/both ends span every namespace: pods of every namespace reach pods of every namespace chosen by pod labels alone/);
  });
});
