import { describe, expect, test } from 'vitest';
import { noExplicitDefaultDeny } from '../../../src/lint/rules/no-explicit-default-deny';
import { ccnp, check, cnp, endpoints, fields, np, toPorts } from '../builders';

describe('no-explicit-default-deny', () => {
  test.each([
    ['egressDeny to entity all', { endpointSelector: {}, egressDeny: [{ toEntities: ['all'] }] }, 'spec.egressDeny[0]'],
    ['ingressDeny from every endpoint', { endpointSelector: {}, ingressDeny: [{ fromEndpoints: [{}] }] }, 'spec.ingressDeny[0]'],
    ['egressDeny to 0.0.0.0/0', { endpointSelector: {}, egressDeny: [{ toCIDR: ['0.0.0.0/0'] }] }, 'spec.egressDeny[0]'],
  ])('reports a deny-everything rule: %s', (_name, spec, field) => {
    const findings = check(noExplicitDefaultDeny, [ccnp('deny-all', spec)]);
    expect(fields(findings)).toEqual([`CiliumClusterwideNetworkPolicy deny-all ${field}`]);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].message).toMatch(/deny wins over allow/);
    expect(findings[0].fix).toMatch(/rely on the baselines/);
  });

  test('reports an allow-nothing CNP as a warning', () => {
    const findings = check(noExplicitDefaultDeny, [cnp('shop', 'default-deny', { endpointSelector: {}, ingress: [{}], egress: [{}] })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', field: 'spec', object: 'CiliumNetworkPolicy shop/default-deny' });
    expect(findings[0].message).toMatch(/allows nothing \(ingress: \[\{\}\], egress: \[\{\}\]\)/);
  });

  test.each([
    ['a deny limited to a port', ccnp('deny-smtp', { endpointSelector: {}, egressDeny: [{ toEntities: ['all'], toPorts: toPorts([25, 'TCP']) }] })],
    ['a deny of one peer', ccnp('deny-db', { endpointSelector: {}, egressDeny: [{ toEndpoints: [endpoints({ app: 'db' })] }] })],
    ['a NetworkPolicy default-deny (how plain clusters deny)', np('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    ['a CNP with an L4-only rule (any peer on a port)', cnp('shop', 'l4', { endpointSelector: {}, ingress: [{ toPorts: toPorts([80, 'TCP']) }] })],
    ['a CNP with real allow rules', cnp('shop', 'web', { endpointSelector: {}, ingress: [{}, { fromEndpoints: [{}] }] })],
  ])('ignores %s', (_name, m) => {
    expect(check(noExplicitDefaultDeny, [m])).toEqual([]);
  });
});
