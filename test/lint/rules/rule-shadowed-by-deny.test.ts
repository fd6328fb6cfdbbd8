import { describe, expect, test } from 'vitest';
import { ruleShadowedByDeny } from '../../../src/lint/rules/rule-shadowed-by-deny';
import { ccnp, check, cnp, endpoints, fields, toPorts } from '../builders';

type Rule = Record<string, unknown>;
const spec = (egress: Rule[], egressDeny: Rule[]) => ({ endpointSelector: endpoints({ app: 'web' }), egress, egressDeny });

describe('rule-shadowed-by-deny', () => {
  test.each<[string, Rule, Rule]>([
    ['same peers, deny on every port', { toEndpoints: [endpoints({ app: 'db' })], toPorts: toPorts([5432, 'TCP']) }, { toEndpoints: [endpoints({ app: 'db' })] }],
    ['narrower allow selector', { toEndpoints: [endpoints({ app: 'db', tier: 'a' })], toPorts: toPorts([5432, 'TCP']) }, { toEndpoints: [endpoints({ app: 'db' })], toPorts: toPorts([5432, 'ANY']) }],
    ['port range covers the port', { toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }, { toEntities: ['world'], toPorts: [{ ports: [{ port: '1', endPort: 1024, protocol: 'TCP' }] }] }],
    ['cluster entity covers host', { toEntities: ['host'], toPorts: toPorts([10250, 'TCP']) }, { toEntities: ['cluster'] }],
    ['wider CIDR', { toCIDR: ['10.1.2.0/24'], toPorts: toPorts([443, 'TCP']) }, { toCIDRSet: [{ cidr: '10.0.0.0/8' }] }],
    ['a port-only deny covers every peer on its ports', { toEndpoints: [endpoints({ app: 'db' })], toPorts: toPorts([25, 'TCP']) }, { toPorts: toPorts([25, 'ANY']) }],
    ['world covers a CIDR', { toCIDR: ['203.0.113.0/24'] }, { toEntities: ['world'] }],
  ])('reports an allow shadowed in the same spec: %s', (_name, allow, deny) => {
    const findings = check(ruleShadowedByDeny, [cnp('shop', 'p', spec([allow], [deny]))]);
    expect(fields(findings)).toEqual(['CiliumNetworkPolicy shop/p spec.egress[0]']);
    expect(findings[0].message).toMatch(/shadowed by deny rule spec\.egressDeny\[0\]/);
  });

  test('reports an allow shadowed by a deny-everything CCNP', () => {
    const findings = check(ruleShadowedByDeny, [
      cnp('shop', 'p', { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }] }),
      ccnp('deny-all', { endpointSelector: {}, egressDeny: [{ toEntities: ['all'] }] }),
    ]);
    expect(findings[0].message).toMatch(/deny rule spec\.egressDeny\[0\] of CiliumClusterwideNetworkPolicy deny-all/);
  });

  test('reports an allow shadowed by another CNP with the same endpointSelector', () => {
    const allow = cnp('shop', 'allow', spec([{ toEntities: ['world'], toPorts: toPorts([443, 'TCP']) }], []));
    const deny = cnp('shop', 'deny', spec([], [{ toEntities: ['world'] }]));
    expect(fields(check(ruleShadowedByDeny, [allow, deny]))).toEqual(['CiliumNetworkPolicy shop/allow spec.egress[0]']);
  });

  test.each<[string, Rule, Rule]>([
    ['a port the deny does not cover', { toEndpoints: [endpoints({ app: 'db' })], toPorts: toPorts([5432, 'TCP'], [6379, 'TCP']) }, { toEndpoints: [endpoints({ app: 'db' })], toPorts: toPorts([5432, 'TCP']) }],
    ['another protocol', { toEntities: ['world'], toPorts: toPorts([53, 'UDP']) }, { toEntities: ['world'], toPorts: toPorts([53, 'TCP']) }],
    ['a wider allow selector', { toEndpoints: [endpoints({ app: 'db' })] }, { toEndpoints: [endpoints({ app: 'db', tier: 'a' })] }],
    ['a peer the deny does not name', { toEndpoints: [endpoints({ app: 'db' })], toEntities: ['world'] }, { toEndpoints: [endpoints({ app: 'db' })] }],
    ['FQDNs (not provable)', { toFQDNs: [{ matchName: 'api.github.com' }] }, { toEntities: ['world'] }],
    ['a CIDRSet deny with excepts', { toCIDR: ['10.1.2.3/32'] }, { toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }],
  ])('does not report %s', (_name, allow, deny) => {
    expect(check(ruleShadowedByDeny, [cnp('shop', 'p', spec([allow], [deny]))])).toEqual([]);
  });

  test('does not compare directions or endpoints that differ', () => {
    const allow = cnp('shop', 'allow', { endpointSelector: endpoints({ app: 'web' }), ingress: [{ fromEntities: ['world'] }] });
    const otherEndpoints = cnp('shop', 'deny', { endpointSelector: endpoints({ app: 'api' }), ingressDeny: [{ fromEntities: ['world'] }] });
    const otherDirection = cnp('shop', 'deny2', { endpointSelector: endpoints({ app: 'web' }), egressDeny: [{ toEntities: ['world'] }] });
    expect(check(ruleShadowedByDeny, [allow, otherEndpoints, otherDirection])).toEqual([]);
  });

  test('a deny CCNP selecting every pod does not shadow a host policy, which only host policies with its nodeSelector do', () => {
    // cilium/cilium examples/policies: l3/entities/from_world_deny.yaml beside host/lock-down-dev-vms.yaml.
    const host = ccnp('lock-down', { nodeSelector: {}, ingress: [{ fromEntities: ['world'], toPorts: toPorts([22, 'TCP']) }] });
    const podDeny = ccnp('external-lockdown', { endpointSelector: {}, ingressDeny: [{ fromEntities: ['world'] }] });
    expect(check(ruleShadowedByDeny, [host, podDeny])).toEqual([]);
    const hostDeny = ccnp('no-world', { nodeSelector: {}, ingressDeny: [{ fromEntities: ['world'] }] });
    expect(fields(check(ruleShadowedByDeny, [host, hostDeny]))).toEqual(['CiliumClusterwideNetworkPolicy lock-down spec.ingress[0]']);
    expect(check(ruleShadowedByDeny, [host, ccnp('other-nodes', { nodeSelector: endpoints({ role: 'edge' }), ingressDeny: [{ fromEntities: ['world'] }] })])).toEqual([]);
  });
});
