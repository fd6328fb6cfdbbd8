import { describe, expect, test } from 'vitest';
import { oneSidedFlow } from '../../../src/lint/rules/one-sided-flow';
import { ccnp, check, cnp, fields, namespace, toPorts } from '../builders';

const fromGateway = cnp('web', 'from-gateway', {
  endpointSelector: {},
  ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'gw' } }], toPorts: toPorts([80, 'TCP']) }],
});

describe('one-sided-flow', () => {
  test('reports an ingress rule whose sender\'s egress is default-deny, on the allowing policy', () => {
    // GIVEN web admits gw on 80, but gw's egress is restricted to the internet
    const gwEgress = cnp('gw', 'out', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }] });
    // WHEN linted
    const findings = check(oneSidedFlow, [namespace('web'), namespace('gw'), fromGateway, gwEgress]);
    // THEN the ingress rule is reported, with the other side's reason and the fix
    expect(fields(findings)).toEqual(['CiliumNetworkPolicy web/from-gateway spec.ingress']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].message).toMatch(/^ingress rules allow traffic from gw\/\S+ on 80\/TCP, but the egress of gw\/\S+ denies it \(default-deny: selected by CNP gw\/out/);
    expect(findings[0].fix).toMatch(/Allow the other end too: egress on gw\/\S+'s side for 80\/TCP/);
  });

  test('is silent when both ends allow the flow', () => {
    const gwEgress = cnp('gw', 'out', {
      endpointSelector: {},
      egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'web' } }], toPorts: toPorts([80, 'TCP']) }],
    });
    expect(check(oneSidedFlow, [namespace('web'), namespace('gw'), fromGateway, gwEgress])).toEqual([]);
  });

  test('is silent when the other end is selected by no policy (it is not enforced)', () => {
    expect(check(oneSidedFlow, [namespace('web'), namespace('gw'), fromGateway])).toEqual([]);
  });

  test('never reports the escape hatch, whose allow-all is one-sided on purpose', () => {
    const hatch = ccnp('hatch', {
      endpointSelector: { matchLabels: { 'io.cilium.k8s.namespace.labels.network-policy.homelab/enforcement': 'disabled' } },
      egress: [{ toEntities: ['all'] }],
    });
    const webIngress = cnp('web', 'in', { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }] });
    expect(check(oneSidedFlow, [namespace('web'), namespace('debug', { 'network-policy.homelab/enforcement': 'disabled' }), hatch, webIngress])).toEqual([]);
  });
});
