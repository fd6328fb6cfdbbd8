import { describe, expect, test } from 'vitest';
import { noAnyPort } from '../../../src/lint/rules/no-any-port';
import { ccnp, check, cnp, endpoints, fields, namespace, np, toPorts } from '../builders';

describe('no-any-port', () => {
  test.each([
    ['CNP egress without toPorts', cnp('shop', 'out', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] }), 'CiliumNetworkPolicy shop/out spec.egress[0].toPorts'],
    ['CNP egress with port 0', cnp('shop', 'out', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '0' }] }] }] }), 'CiliumNetworkPolicy shop/out spec.egress[0].toPorts'],
    ['CCNP ingress from another namespace', ccnp('in', { endpointSelector: {}, ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'monitoring' })] }] }), 'CiliumClusterwideNetworkPolicy in spec.ingress[0].toPorts'],
    ['NetworkPolicy rule without ports', np('shop', 'in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }), 'NetworkPolicy shop/in spec.ingress[0].ports'],
    ['CNP L4-only rule with port 0 (any peer, any port)', cnp('shop', 'l4', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '0' }] }] }] }), 'CiliumNetworkPolicy shop/l4 spec.ingress[0].toPorts'],
    ['NetworkPolicy allow-all rule', np('shop', 'all', { podSelector: {}, egress: [{}] }), 'NetworkPolicy shop/all spec.egress[0].ports'],
  ])('reports %s', (_name, m, field) => {
    const findings = check(noAnyPort, [m]);
    expect(fields(findings)).toEqual([field]);
  });

  test('reports a rule under specs[] with its path', () => {
    const m = cnp('shop', 'multi', {});
    (m.object as Record<string, unknown>).specs = [{ endpointSelector: {}, egress: [{ toEntities: ['world'] }] }];
    expect(fields(check(noAnyPort, [m]))).toEqual(['CiliumNetworkPolicy shop/multi specs[0].egress[0].toPorts']);
  });

  test.each([
    ['the escape-hatch CCNP', ccnp('escape-hatch', {
      endpointSelector: endpoints({ 'io.cilium.k8s.namespace.labels.network-policy.homelab/enforcement': 'disabled' }),
      ingress: [{ fromEntities: ['all'] }], egress: [{ toEntities: ['all'] }],
    })],
    ['same-namespace peers of a CNP', cnp('shop', 'intra', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}, endpoints({ 'io.kubernetes.pod.namespace': 'shop', app: 'x' })] }] })],
    ['podSelector-only peers of a NetworkPolicy', np('shop', 'intra', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })],
    ['the health entity and kubelet probe address', ccnp('health', { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }, { fromCIDR: ['169.254.7.127/32'] }] })],
    ['a Cilium rule without peers (allows nothing)', cnp('shop', 'none', { endpointSelector: {}, ingress: [{}] })],
    ['rules with ports', cnp('shop', 'web', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }] })],
    ['deny rules', ccnp('deny', { endpointSelector: {}, egressDeny: [{ toEntities: ['world'] }] })],
  ])('ignores %s', (_name, m) => {
    expect(check(noAnyPort, [m])).toEqual([]);
  });

  test('does not exempt a CNP peer in another namespace', () => {
    const m = cnp('shop', 'cross', { endpointSelector: {}, ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'other' })] }] });
    expect(check(noAnyPort, [m])[0].message).toBe('ingress rule allows fromEndpoints on every port.');
  });

  test('exempts NetworkPolicies of a namespace whose enforcement is disabled (the escape hatch on NetworkPolicy)', () => {
    const allowAll = np('debug', 'enforcement-disabled', { podSelector: {}, ingress: [{}], egress: [{}] });
    expect(check(noAnyPort, [namespace('debug', { 'network-policy.homelab/enforcement': 'disabled' }), allowAll])).toEqual([]);
    expect(fields(check(noAnyPort, [namespace('debug'), allowAll]))).toEqual([
      'NetworkPolicy debug/enforcement-disabled spec.egress[0].ports',
      'NetworkPolicy debug/enforcement-disabled spec.ingress[0].ports',
    ]);
  });
});
