import { describe, expect, test } from 'vitest';
import { dnsEgressMissing } from '../../../src/lint/rules/dns-egress-missing';
import { ccnp, check, cnp, dnsBaseline, endpoints, fields, namespace, np, toPorts } from '../builders';

const PROFILE = 'io.cilium.k8s.namespace.labels.network-policy.homelab/profile';
const httpsOut = (ns: string) => cnp(ns, 'https', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }] });

describe('dns-egress-missing', () => {
  test('reports a namespace with restricted egress and no DNS rule, on its Namespace manifest', () => {
    const findings = check(dnsEgressMissing, [namespace('shop'), httpsOut('shop')]);
    expect(fields(findings)).toEqual(['Namespace shop metadata.name']);
    expect(findings[0].message).toBe('namespace "shop" cannot resolve DNS: 53/UDP and 53/TCP to kube-system k8s-app=kube-dns is denied '
      + '(egress of shop: default-deny: selected by CNP shop/https; no rule allows kube-system/kube-dns on 53/UDP).');
  });

  test('reports on the restricting policy when the namespace has no manifest', () => {
    expect(fields(check(dnsEgressMissing, [httpsOut('shop')]))).toEqual(['CiliumNetworkPolicy shop/https spec.egress']);
  });

  test('reports a missing TCP half', () => {
    const udpOnly = ccnp('dns', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' })], toPorts: toPorts([53, 'UDP']) }] });
    expect(check(dnsEgressMissing, [udpOnly, httpsOut('shop')])[0].message).toMatch(/cannot resolve DNS: 53\/TCP to kube-system/);
  });

  test('reports a profile CCNP namespace when the DNS rule is in a CNP of another namespace', () => {
    // GIVEN a profile CCNP restricting egress for namespace shop, and DNS granted only in namespace other
    const profile = ccnp('profile-internal', { endpointSelector: endpoints({ [PROFILE]: 'internal' }), egress: [{}] });
    const otherDns = cnp('other', 'dns', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'kube-system' })], toPorts: toPorts([53, 'ANY']) }] });
    // WHEN linting
    const findings = check(dnsEgressMissing, [namespace('shop', { 'network-policy.homelab/profile': 'internal' }), profile, otherDns]);
    // THEN only shop is reported
    expect(fields(findings)).toEqual(['Namespace shop metadata.name']);
  });

  test('reports a NetworkPolicy egress default-deny without DNS, with a NetworkPolicy fix', () => {
    const findings = check(dnsEgressMissing, [np('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })]);
    expect(fields(findings)).toEqual(['NetworkPolicy shop/default-deny spec.policyTypes']);
    expect(findings[0].fix).toMatch(/namespaceSelector: \{matchLabels: \{kubernetes\.io\/metadata\.name: kube-system\}\}/);
  });

  test.each([
    ['the DNS baseline CCNP', [dnsBaseline(), httpsOut('shop')]],
    ['a CNP allowing port 53 protocol ANY to kube-system', [httpsOut('shop'), cnp('shop', 'dns', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'k8s:io.kubernetes.pod.namespace': 'kube-system' })], toPorts: [{ ports: [{ port: '53' }] }] }] })]],
    ['egress to the cluster entity on any port', [httpsOut('shop'), cnp('shop', 'cluster', { endpointSelector: {}, egress: [{ toEntities: ['cluster'] }] })]],
    ['a NetworkPolicy DNS rule', [np('shop', 'dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }] })]],
    ['a NetworkPolicy allowing port 53 to anywhere', [np('shop', 'dns', { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }] }] })]],
    ['a namespace with unrestricted egress', [namespace('shop'), cnp('shop', 'in', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] })]],
    ['a policy restricting only some pods', [cnp('shop', 'web', { endpointSelector: endpoints({ app: 'web' }), egress: [{}] })]],
  ])('accepts %s', (_name, manifests) => {
    expect(check(dnsEgressMissing, manifests)).toEqual([]);
  });

  test('reports namespaces whose DNS queries kube-system ingress refuses', () => {
    const kubeSystemLocked = cnp('kube-system', 'locked', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] });
    const [f] = check(dnsEgressMissing, [namespace('shop'), dnsBaseline(), kubeSystemLocked]);
    expect(f.message).toMatch(/^namespace "shop" cannot resolve DNS: 53\/UDP and 53\/TCP .* \(ingress of kube-dns: default-deny: selected by CNP kube-system\/locked/);
  });

  test('falls back to the rule data when the simulator cannot read a policy', () => {
    // GIVEN a policy with a selector operator the simulator rejects
    const odd = cnp('shop', 'odd', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchExpressions: [{ key: 'a', operator: 'Near' }] }] }] });
    // WHEN linting THEN the rule-data check still reports the missing DNS rule
    const findings = check(dnsEgressMissing, [odd]);
    expect(findings.map((f) => f.message)).toEqual([
      'namespace "shop" cannot resolve DNS: 53/UDP and 53/TCP to kube-system k8s-app=kube-dns is denied (egress restricted by CiliumNetworkPolicy shop/odd).',
    ]);
  });

  test('does not count a CNP peer selector without namespace as kube-system', () => {
    // In a CNP of namespace shop, {k8s-app: kube-dns} selects pods of shop, not kube-system.
    const wrong = cnp('shop', 'dns', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'k8s-app': 'kube-dns' })], toPorts: toPorts([53, 'ANY']) }] });
    expect(check(dnsEgressMissing, [wrong])).toHaveLength(1);
  });
});
