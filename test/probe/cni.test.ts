import { describe, expect, test } from 'vitest';
import { Simulator } from '../../src/probe/simulator';
import { ccnp, cnp, decide, np, topology } from './builders';

const npDeny = np('x', 'deny', { podSelector: {} });
const cnpDeny = cnp('y', 'deny', { endpointSelector: {}, ingress: [{}] });
const ccnpDeny = ccnp('deny-z', { endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'z' } }, ingress: [{}] });
const all = [npDeny, cnpDeny, ccnpDeny];

describe('--cni', () => {
  test.each([
    ['cilium', { 'x/a': 'deny', 'y/a': 'deny', 'z/a': 'deny' }],
    ['kubernetes', { 'x/a': 'deny', 'y/a': 'allow', 'z/a': 'allow' }],
    ['none', { 'x/a': 'allow', 'y/a': 'allow', 'z/a': 'allow' }],
  ] as const)('%s enforces %j', (cni, expected) => {
    for (const [to, verdict] of Object.entries(expected)) expect(decide(all, 'kube-system/dns', to, 80, { cni }).verdict, to).toBe(verdict);
  });

  test('kubernetes reports CNP/CCNP as ignored', () => {
    expect(Simulator.build(all, topology(), { cni: 'kubernetes' }).notices).toEqual([
      '--cni kubernetes ignores 2 Cilium policies: CiliumClusterwideNetworkPolicy deny-z, CiliumNetworkPolicy y/deny.',
    ]);
  });

  test('none says nothing is enforced', () => {
    expect(Simulator.build(all, topology(), { cni: 'none' }).notices).toEqual(['--cni none enforces nothing: every flow is allowed.']);
  });

  test('cilium is the default and has no notices for these policies', () => {
    const sim = Simulator.build(all, topology());
    expect(sim.cni).toBe('cilium');
    expect(sim.notices).toEqual([]);
  });

  test('under kubernetes the node reaches its pods and back; other nodes get no exemption', () => {
    const both = np('x', 'deny-both', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(decide([both], 'entity:host', 'x/a', 80, { cni: 'kubernetes' }).verdict).toBe('allow');
    expect(decide([both], 'x/a', 'entity:host', 80, { cni: 'kubernetes' }).verdict).toBe('allow');
    expect(decide([both], 'entity:remote-node', 'x/a', 80, { cni: 'kubernetes' }).verdict).toBe('deny');
  });

  test('under cilium the host reaches its pods, but pod egress to the host follows policy', () => {
    const both = np('x', 'deny-both', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(decide([both], 'entity:host', 'x/a', 80).verdict).toBe('allow');
    expect(decide([both], 'x/a', 'entity:host', 80).verdict).toBe('deny');
  });
});
