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
    // THEN the ingress rule is reported, with the flows it allows, the other side's reason and the fix
    expect(fields(findings)).toEqual(['CiliumNetworkPolicy web/from-gateway spec.ingress[0]']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].message).toBe('ingress rule (fromEndpoints {io.kubernetes.pod.namespace=gw} on tcp/80) never carries traffic: the egress of the other end '
      + 'denies every flow it allows (1 flow: gw/pod -> web/pod 80/TCP; default-deny: selected by CNP gw/out; no rule allows web/pod on 80/TCP).');
    expect(findings[0].fix).toMatch(/^Allow the other end too: egress on the senders' side for these flows/);
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

  test('does not report a rule some of whose flows carry traffic, the case of a broad ingress rule (a real repository\'s 400 false warnings)', () => {
    // GIVEN db admits every namespace on 5432 (one broad rule); app's egress allows db on 5432, batch's egress allows only the internet
    const dbIngress = ccnp('db-in', { endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'db' } }, ingress: [{ fromEndpoints: [{}], toPorts: toPorts([5432, 'TCP']) }] });
    const appEgress = cnp('app', 'out', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'db' } }], toPorts: toPorts([5432, 'TCP']) }] });
    const batchEgress = cnp('batch', 'out', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }] });
    // WHEN linted
    const findings = check(oneSidedFlow, [namespace('db'), namespace('app'), namespace('batch'), dbIngress, appEgress, batchEgress]);
    // THEN the db rule carries app's traffic, so it is not called dead although batch never uses it
    expect(findings).toEqual([]);
  });

  test('reports an egress rule every destination of which refuses, naming every refused flow', () => {
    // GIVEN app may send to api and worker pods of svc on 8080, and svc admits only the gateway
    const appEgress = cnp('app', 'out', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'svc', tier: 'backend' } }], toPorts: toPorts([8080, 'TCP']) }] });
    const svcIngress = cnp('svc', 'in', { endpointSelector: { matchLabels: { tier: 'backend' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'gw' } }], toPorts: toPorts([8080, 'TCP']) }] });
    // WHEN linted
    const findings = check(oneSidedFlow, [namespace('app'), namespace('svc'), namespace('gw'), appEgress, svcIngress]);
    // THEN app's rule is dead, and the flows are named
    expect(fields(findings)).toEqual(['CiliumNetworkPolicy app/out spec.egress[0]']);
    expect(findings[0].message).toMatch(/\(1 flow: app\/pod -> svc\/backend 8080\/TCP; default-deny: selected by CNP svc\/in; no rule allows app\/pod on 8080\/TCP\)/);
  });
});
