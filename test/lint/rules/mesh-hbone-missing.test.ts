import { describe, expect, test } from 'vitest';
import { meshHboneMissing } from '../../../src/lint/rules/mesh-hbone-missing';
import { ccnp, check, cnp, endpoints, fields, namespace, np, toPorts } from '../builders';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };
const NAMESPACES = [namespace('shop', AMBIENT), namespace('db', AMBIENT), namespace('legacy'), namespace('istio-gateway')];
const FROM_SHOP = endpoints({ 'io.kubernetes.pod.namespace': 'shop', app: 'web' });

// istio.io, "Ambient and Kubernetes NetworkPolicy": the NetworkPolicy admitting only 8080 blocks
// HBONE to a meshed pod; it needs `port: 15008` next to it.
describe('mesh-hbone-missing', () => {
  test.each([
    ['a CNP', cnp('db', 'postgres', { endpointSelector: {}, ingress: [{ fromEndpoints: [FROM_SHOP], toPorts: toPorts([5432, 'TCP']) }] }), 'spec.ingress[0].fromEndpoints[0]'],
    ['a NetworkPolicy (Istio\'s own example, from the same namespace)', np('db', 'my-app-allow-ingress-web', {
      podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    }), 'spec.ingress[0].from[0]'],
    ['a CCNP selecting the meshed namespace by label, from a gateway', ccnp('profile-standard', {
      endpointSelector: { matchLabels: { 'io.cilium.k8s.namespace.labels.istio.io/dataplane-mode': 'ambient' } },
      ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'istio-gateway', 'gateway.networking.k8s.io/gateway-name': 'external' })], toPorts: toPorts([8080, 'TCP']) }],
    }), 'spec.ingress[0].fromEndpoints[0]'],
    ['a CNP admitting the cluster entity', cnp('shop', 'web', { endpointSelector: {}, ingress: [{ fromEntities: ['cluster'], toPorts: toPorts([8080, 'TCP']) }] }), 'spec.ingress[0].fromEntities[0]'],
  ])('reports %s admitting meshed pods on the application port only', (_what, policy, field) => {
    const findings = check(meshHboneMissing, [...NAMESPACES, policy]);
    expect(fields(findings)).toEqual([`${findings[0].object} ${field}`]);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].message).toMatch(/is in the Istio ambient mesh, and this ingress rule admits pods that speak HBONE on (5432|8080) only/);
    expect(findings[0].fix).toMatch(/15008/);
  });

  test.each([
    ['15008 in the same rule', cnp('db', 'postgres', { endpointSelector: {}, ingress: [{ fromEndpoints: [FROM_SHOP], toPorts: toPorts([5432, 'TCP'], [15008, 'TCP']) }] })],
    ['15008 from a wider selector in another policy', [
      cnp('db', 'postgres', { endpointSelector: {}, ingress: [{ fromEndpoints: [FROM_SHOP], toPorts: toPorts([5432, 'TCP']) }] }),
      ccnp('postgres-hbone', {
        endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'db' } },
        ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'shop', 'io.cilium.k8s.namespace.labels.istio.io/dataplane-mode': 'ambient' })], toPorts: toPorts([15008, 'TCP']) }],
      }),
    ]],
    ['a client outside the mesh', cnp('db', 'postgres', { endpointSelector: {}, ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'legacy' })], toPorts: toPorts([5432, 'TCP']) }] })],
    ['a destination outside the mesh', cnp('legacy', 'app', { endpointSelector: {}, ingress: [{ fromEndpoints: [FROM_SHOP], toPorts: toPorts([8080, 'TCP']) }] })],
    ['UDP, which HBONE does not carry', cnp('db', 'dns', { endpointSelector: {}, ingress: [{ fromEndpoints: [FROM_SHOP], toPorts: toPorts([53, 'UDP']) }] })],
    ['entities', cnp('db', 'nodes', { endpointSelector: {}, ingress: [{ fromEntities: ['remote-node'], toPorts: toPorts([5432, 'TCP']) }] })],
  ])('ignores %s', (_what, policies) => {
    expect(check(meshHboneMissing, [...NAMESPACES, ...[policies].flat()])).toEqual([]);
  });
});
