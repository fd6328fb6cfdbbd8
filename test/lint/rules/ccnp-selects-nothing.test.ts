import { describe, expect, test } from 'vitest';
import { ccnpSelectsNothing } from '../../../src/lint/rules/ccnp-selects-nothing';
import { ccnp, check, cnp, endpoints, fields, manifest, namespace } from '../builders';

const PROFILE = 'network-policy.homelab/profile';
const profileCcnp = (value: string) => ccnp(`profile-${value}`, { endpointSelector: endpoints({ [`io.cilium.k8s.namespace.labels.${PROFILE}`]: value }), egress: [{}] });

describe('ccnp-selects-nothing', () => {
  test('reports a profile CCNP for a profile no namespace uses', () => {
    const findings = check(ccnpSelectsNothing, [profileCcnp('isolated'), profileCcnp('standard'), namespace('shop', { [PROFILE]: 'standard' })]);
    expect(fields(findings)).toEqual(['CiliumClusterwideNetworkPolicy profile-isolated spec.endpointSelector']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].message).toBe(`selects no namespace: no Namespace manifest satisfies io.cilium.k8s.namespace.labels.${PROFILE}=isolated.`);
  });

  test('tells to declare the namespace a SharedService selects by name, not to delete the CCNP', () => {
    // GIVEN the server side of SharedService "redis" (namespace cache), whose Namespace is not in the input
    const policy = ccnp('access-redis-server', { endpointSelector: endpoints({ 'io.kubernetes.pod.namespace': 'cache', 'app.kubernetes.io/name': 'redis' }), ingress: [{}] });
    // WHEN linted with another namespace's manifest
    const findings = check(ccnpSelectsNothing, [policy, namespace('shop')]);
    // THEN the fix is the namespace
    expect(findings.map((f) => f.message)).toEqual(['selects pods of namespace "cache", which the input does not declare (no Namespace manifest).']);
    expect(findings[0].fix).toMatch(/^Declare namespace "cache"/);
  });

  test('reports a pod label no workload or other policy carries', () => {
    const policy = ccnp('x', { endpointSelector: endpoints({ app: 'ghost' }) });
    const deployment = manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'web' } } } } });
    const findings = check(ccnpSelectsNothing, [policy, deployment]);
    expect(findings[0].message).toBe('selects no pod: no workload template or other policy carries app=ghost.');
  });

  test.each([
    ['an empty endpointSelector', [ccnp('all', { endpointSelector: {} }), namespace('a')]],
    ['a profile some namespace uses', [profileCcnp('standard'), namespace('shop', { [PROFILE]: 'standard' })]],
    ['the implied kubernetes.io/metadata.name label', [ccnp('x', { endpointSelector: endpoints({ 'io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name': 'shop' }) }), namespace('shop')]],
    ['namespace requirements without Namespace manifests', [profileCcnp('isolated')]],
    ['a pod label a workload template carries', [ccnp('x', { endpointSelector: endpoints({ app: 'web' }) }), manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { metadata: { labels: { app: 'web' } } } } })]],
    ['a pod label another policy selects on', [ccnp('x', { endpointSelector: endpoints({ app: 'db' }) }), cnp('shop', 'y', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ app: 'db' })] }] })]],
    ['a nodeSelector CCNP', [ccnp('host', { nodeSelector: endpoints({ role: 'gone' }) })]],
    // The library's own escape hatch, in the normal state: no namespace has enforcement disabled.
    ['the escape hatch while no namespace is disabled', [ccnp('enforcement-disabled', { endpointSelector: endpoints({ 'io.cilium.k8s.namespace.labels.network-policy.homelab/enforcement': 'disabled' }), ingress: [{ fromEntities: ['all'] }] }), namespace('shop')]],
    ['a namespace bootstrap creates (kube-system, labels unknown)', [ccnp('x', { endpointSelector: endpoints({ 'io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' }) }), namespace('shop'), cnp('shop', 'y', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'k8s-app': 'kube-dns' })] }] })]],
    // Tsuguya/home-cluster (CC0) manifests/infra/ccnp-dns.yaml: Cilium labels every endpoint with its cluster name.
    ['the cluster label Cilium sets on every endpoint', [ccnp('allow-dns', { endpointSelector: endpoints({ 'io.cilium.k8s.policy.cluster': 'default' }) }), namespace('shop')]],
  ])('ignores %s', (_name, manifests) => {
    expect(check(ccnpSelectsNothing, manifests)).toEqual([]);
  });
});
