import { describe, expect, test } from 'vitest';
import type { Cni } from '../../src/probe/flow';
import { decide, np, topology, verdictOf } from './builders';

const CNIS: Cni[] = ['kubernetes', 'cilium'];
const denyAllIngress = np('x', 'deny-all', { podSelector: {} });

describe.each(CNIS)('NetworkPolicy under --cni %s', (cni) => {
  test('a pod selected by no policy is open both ways', () => {
    expect(verdictOf([np('y', 'other', { podSelector: {} })], 'x/a', 'x/b', 80, { cni })).toBe('allow');
  });

  test('policyTypes defaults to Ingress: egress stays open without spec.egress', () => {
    const v = decide([denyAllIngress], 'x/a', 'y/a', 80, { cni });
    expect(v.egress.verdict).toBe('allow');
    expect(decide([denyAllIngress], 'y/a', 'x/a', 80, { cni }).ingress).toEqual({
      verdict: 'deny', by: [], reason: 'default-deny: selected by NP x/deny-all; no rule allows y/a on 80/TCP',
    });
  });

  test('policyTypes gets Egress when spec.egress has a rule', () => {
    const policy = np('x', 'egress', { podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] });
    expect(decide([policy], 'x/a', 'x/b', 80, { cni }).egress.verdict).toBe('allow');
    expect(decide([policy], 'x/a', 'x/c', 80, { cni }).egress.verdict).toBe('deny');
    // Ingress is listed too, and with no ingress rules the selected pods accept nothing.
    expect(decide([policy], 'y/a', 'x/b', 80, { cni }).ingress.verdict).toBe('deny');
  });

  test('an empty spec.egress list does not add Egress to policyTypes (upstream defaults.go)', () => {
    expect(verdictOf([np('x', 'p', { podSelector: {}, egress: [] })], 'x/a', 'y/a', 80, { cni })).toBe('allow');
  });

  test('explicit policyTypes [Egress] with no rules denies all egress and leaves ingress open', () => {
    const policy = np('x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    expect(decide([policy], 'x/a', 'y/a', 80, { cni }).egress.verdict).toBe('deny');
    expect(decide([policy], 'y/a', 'x/a', 80, { cni }).ingress.verdict).toBe('allow');
  });

  test('ingress: [{}] allows everything; ingress: [] allows nothing', () => {
    expect(verdictOf([np('x', 'p', { podSelector: {}, ingress: [{}] })], 'y/a', 'x/a', 80, { cni })).toBe('allow');
    expect(verdictOf([np('x', 'p', { podSelector: {}, ingress: [] })], 'y/a', 'x/a', 80, { cni })).toBe('deny');
  });

  test('policies are additive: a second policy can only add allows', () => {
    const allowB = np('x', 'allow-b', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] });
    expect(verdictOf([denyAllIngress, allowB], 'x/b', 'x/a', 80, { cni })).toBe('allow');
    expect(decide([denyAllIngress, allowB], 'x/b', 'x/a', 80, { cni }).ingress.by).toEqual(['NetworkPolicy x/allow-b']);
    expect(verdictOf([denyAllIngress, allowB], 'x/c', 'x/a', 80, { cni })).toBe('deny');
  });

  test.each([
    ['podSelector alone means the policy namespace', { podSelector: { matchLabels: { pod: 'b' } } }, { 'x/b': 'allow', 'y/b': 'deny' }],
    ['namespaceSelector alone means every pod of matching namespaces', { namespaceSelector: { matchLabels: { ns: 'y' } } }, { 'y/c': 'allow', 'x/b': 'deny' }],
    ['namespaceSelector {} means every namespace', { namespaceSelector: {} }, { 'z/c': 'allow', 'x/c': 'allow' }],
    ['namespaceSelector AND podSelector in one peer', { namespaceSelector: { matchLabels: { ns: 'y' } }, podSelector: { matchLabels: { pod: 'b' } } }, { 'y/b': 'allow', 'y/c': 'deny', 'z/b': 'deny' }],
    ['kubernetes.io/metadata.name is implied on namespaces', { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }, { 'z/a': 'allow', 'y/a': 'deny' }],
  ])('%s', (_name, peer, expected) => {
    const policy = np('x', 'p', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ from: [peer] }] });
    for (const [from, verdict] of Object.entries(expected)) expect(verdictOf([policy], from, 'x/a', 80, { cni })).toBe(verdict);
  });

  test('separate peers are ORed', () => {
    const policy = np('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }, { podSelector: { matchLabels: { pod: 'b' } } }] }] });
    expect(verdictOf([policy], 'y/c', 'x/a', 80, { cni })).toBe('allow');
    expect(verdictOf([policy], 'x/b', 'x/a', 80, { cni })).toBe('allow');
    expect(verdictOf([policy], 'z/b', 'x/a', 80, { cni })).toBe('deny');
  });

  test.each([
    [{ port: 80 }, 80, 'TCP', 'allow'],
    [{ port: 80 }, 80, 'UDP', 'deny'],
    [{ port: 80, protocol: 'UDP' }, 80, 'UDP', 'allow'],
    [{ port: 8000, endPort: 8080 }, 8080, 'TCP', 'allow'],
    [{ port: 8000, endPort: 8080 }, 8081, 'TCP', 'deny'],
    [{ protocol: 'TCP' }, 12345, 'TCP', 'allow'],
    [{ port: 'http' }, 80, 'TCP', 'allow'],
    [{ port: 'http' }, 81, 'TCP', 'deny'],
    [{ port: 'dns', protocol: 'UDP' }, 53, 'UDP', 'allow'],
    [{ port: 'dns' }, 53, 'TCP', 'deny'],
  ] as const)('ingress port %j vs %s/%s: %s', (port, number, protocol, expected) => {
    const policy = np('x', 'p', { podSelector: {}, ingress: [{ ports: [port] }] });
    expect(verdictOf([policy], 'y/a', 'x/a', number, { cni, protocol })).toBe(expected);
  });

  test(cni === 'kubernetes'
    ? 'named ports on egress resolve against the destination pod'
    : 'named ports on egress resolve against the cluster-wide map and apply to every peer', () => {
    // GIVEN every pod of x, y, z names 80/TCP http; kube-system/dns names no port
    const policy = np('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] });
    expect(verdictOf([policy], 'x/a', 'y/a', 80, { cni })).toBe('allow');
    // THEN NetworkPolicy implementations look at the destination's ports; Cilium resolves http to
    // 80 once for the cluster (pkg/types/portmap.go) and allows 80 to any peer of the rule
    const elsewhere = cni === 'kubernetes' ? 'deny' : 'allow';
    expect(verdictOf([policy], 'x/a', 'kube-system/dns', 80, { cni })).toBe(elsewhere);
    expect(verdictOf([policy], 'x/a', 'external:github', 80, { cni })).toBe(elsewhere);
    expect(verdictOf([policy], 'x/a', 'external:github', 81, { cni })).toBe('deny');
  });

  test('ipBlock with except matches external addresses', () => {
    const policy = np('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } }] }] });
    expect(verdictOf([policy], 'x/a', 'external:github', 443, { cni })).toBe('allow');
    expect(verdictOf([policy], 'x/a', 'external:lan', 443, { cni })).toBe('deny');
  });

  test('replies are never blocked: only the initiating direction is evaluated', () => {
    const policy = np('x', 'p', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}] });
    expect(verdictOf([policy], 'y/a', 'x/a', 80, { cni })).toBe('allow');
  });
});

describe('ipBlock and pod IPs', () => {
  const policy = np('x', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.2.0/24' } }] }] });

  test('under --cni kubernetes an ipBlock matches pod IPs (what the e2e tests expect)', () => {
    expect(verdictOf([policy], 'y/a', 'x/a', 80, { cni: 'kubernetes' })).toBe('allow');
    expect(verdictOf([policy], 'z/a', 'x/a', 80, { cni: 'kubernetes' })).toBe('deny');
  });

  test('under --cni cilium an ipBlock never matches pods', () => {
    expect(verdictOf([policy], 'y/a', 'x/a', 80, { cni: 'cilium' })).toBe('deny');
  });

  test('pods without an IP never match an ipBlock', () => {
    const topo = topology({ y: { labels: { ns: 'y' }, pods: { a: { labels: { pod: 'a' } } } } });
    expect(verdictOf([policy], 'y/a', 'x/a', 80, { cni: 'kubernetes', topology: topo })).toBe('deny');
  });
});
