import { describe, expect, test } from 'vitest';
import { emptySectionIgnored } from '../../../src/lint/rules/empty-section-ignored';
import { loadManifests } from '../../../src/manifests/load';
import { ccnp, check, cnp, endpoints, fields, np, toPorts } from '../builders';

describe('empty-section-ignored', () => {
  test('reports an empty egress list that Cilium ignores (Tsuguya/home-cluster, smartctl-exporter)', () => {
    // GIVEN the real policy: ingress from Prometheus, and `egress: []` meant as "no egress"
    const manifests = loadManifests(['test/fixtures/lint/real/home-cluster/manifests/monitoring/netpol-smartctl-exporter.yaml']);
    // WHEN linted THEN the empty list is reported, with the rule that denies
    const findings = check(emptySectionIgnored, manifests);
    expect(fields(findings)).toEqual(['CiliumNetworkPolicy monitoring/smartctl-exporter spec.egress']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].message).toMatch(/^`egress: \[\]` is ignored by Cilium/);
    expect(findings[0].fix).toMatch(/write `egress: \[\{\}\]`/);
  });

  test('reports ingress: [] of a CCNP spec in specs[]', () => {
    const m = ccnp('deny-in', { endpointSelector: {} });
    (m.object as Record<string, unknown>).specs = [{ endpointSelector: endpoints({ app: 'a' }), ingress: [] }];
    expect(fields(check(emptySectionIgnored, [m]))).toEqual(['CiliumClusterwideNetworkPolicy deny-in specs[0].ingress']);
  });

  test.each([
    ['an empty rule, which denies', cnp('a', 'p', { endpointSelector: {}, egress: [{}] })],
    ['an empty list next to deny rules of the same direction', cnp('a', 'p', { endpointSelector: {}, ingress: [], ingressDeny: [{ fromEntities: ['world'] }] })],
    ['rules', cnp('a', 'p', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }] })],
    ['a NetworkPolicy, where `ingress: []` denies all', np('a', 'p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] })],
  ])('ignores %s', (_name, m) => {
    expect(check(emptySectionIgnored, [m])).toEqual([]);
  });
});
