import { describe, expect, test } from 'vitest';
import { compileSelector, type Selector } from '../../src/probe/selector';
import { reservedSubjectMatches, SUBJECT_ENTITIES } from '../../src/probe/reserved-endpoint';
import { normalizeCiliumKey } from '../../src/probe/cilium-labels';
import type { SubjectMatcher } from '../../src/probe/rule';
import { ccnp, cnp, decide, np } from './builders';
import { Simulator } from '../../src/probe/simulator';
import { topology } from './builders';

function selector(value: unknown): Selector {
  const compiled = compileSelector(value, 'endpointSelector', normalizeCiliumKey);
  if (typeof compiled === 'string') throw new Error(compiled);
  return compiled;
}

const clusterwide = (value: unknown): SubjectMatcher => ({ kind: 'endpoints', selector: selector(value) });

describe('reserved endpoints as policy subjects', () => {
  test('the subjects are the endpoints Cilium runs itself: health, ingress, init (never host)', () => {
    expect([...SUBJECT_ENTITIES].sort()).toEqual(['health', 'ingress', 'init']);
  });

  test.each([
    [{}, 'health', true],
    [{}, 'ingress', true],
    [{ matchLabels: { 'reserved:health': '' } }, 'health', true],
    [{ matchLabels: { 'reserved:health': '' } }, 'ingress', false],
    [{ matchLabels: { 'any:reserved:health': '' } }, 'health', true],
    [{ matchExpressions: [{ key: 'reserved:ingress', operator: 'Exists' }] }, 'ingress', true],
    [{ matchExpressions: [{ key: 'reserved:health', operator: 'DoesNotExist' }] }, 'health', false],
    [{ matchLabels: { app: 'web' } }, 'health', false],
    [{ matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }] }, 'health', false],
  ] as const)('a CCNP endpointSelector %j selects entity:%s: %s', (written, entity, expected) => {
    expect(reservedSubjectMatches(clusterwide(written), entity)).toBe(expected);
  });

  test('a CNP or a NetworkPolicy never selects a reserved endpoint', () => {
    expect(reservedSubjectMatches({ kind: 'endpoints', namespace: 'x', selector: selector({}) }, 'health')).toBe(false);
    expect(reservedSubjectMatches({ kind: 'pods', namespace: 'x', podSelector: selector({}) }, 'health')).toBe(false);
  });

  test('a selected health endpoint is in default-deny on the sides its policies have rules for', () => {
    // GIVEN a clusterwide baseline selecting every endpoint with egress rules only
    const baseline = ccnp('baseline-dns', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }] });
    // WHEN the health endpoint probes a remote node, and a remote node probes it
    const out = decide([baseline], 'entity:health', 'entity:remote-node', 4240);
    const back = decide([baseline], 'entity:remote-node', 'entity:health', 4240);
    // THEN its egress is default-deny, naming the baseline; its ingress is still open
    expect(out.verdict).toBe('deny');
    expect(out.egress.reason).toMatch(/default-deny: selected by CCNP baseline-dns/);
    expect(back.verdict).toBe('allow');
  });

  test('NetworkPolicies and CNPs selecting everything leave the health endpoint alone', () => {
    const policies = [np('x', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), cnp('x', 'deny', { endpointSelector: {}, ingress: [{}], egress: [{}] })];
    expect(decide(policies, 'entity:health', 'entity:remote-node', 4240).verdict).toBe('allow');
    expect(decide(policies, 'entity:remote-node', 'entity:health', 4240).verdict).toBe('allow');
  });

  test('--cni kubernetes and --cni none: the health endpoint has no policy', () => {
    const all = ccnp('all', { endpointSelector: {}, ingress: [{}], egress: [{}] });
    expect(decide([all], 'entity:health', 'entity:remote-node', 4240, { cni: 'kubernetes' }).verdict).toBe('allow');
    expect(decide([all], 'entity:health', 'entity:remote-node', 4240, { cni: 'none' }).verdict).toBe('allow');
  });

  test('explain says whether a policy can select the reserved endpoint', () => {
    const simulator = Simulator.build([], topology());
    const health = simulator.explain({ from: 'entity:health', to: 'entity:remote-node', port: 4240, protocol: 'TCP' });
    expect(health.egress).toMatch(/no policy selects entity:health/);
    expect(health.ingress).toMatch(/entity:remote-node is a reserved identity: it has no policy of its own/);
  });

  test('deny rules apply to a selected reserved endpoint', () => {
    const policies = [
      ccnp('health', { endpointSelector: { matchLabels: { 'reserved:health': '' } }, ingress: [{ fromEntities: ['remote-node', 'host'] }], ingressDeny: [{ fromEntities: ['host'], toPorts: [{ ports: [{ port: '4240', protocol: 'TCP' }] }] }] }),
    ];
    const v = decide(policies, 'entity:host', 'entity:health', 4240);
    expect(v.verdict).toBe('deny');
    expect(v.ingress.by).toEqual(['CiliumClusterwideNetworkPolicy health']);
  });
});
