import { describe, expect, test } from 'vitest';
import { parseCidr, type Cidr } from '../../src/probe/cidr';
import { buildIdentities } from '../../src/probe/identity';
import type { Topology, TopologyNamespace, TopologyPod } from '../../src/probe/topology';

const topo: Topology = {
  namespaces: new Map<string, TopologyNamespace>([
    ['x', {
      labels: { team: 'a' },
      pods: new Map<string, TopologyPod>([
        ['a1', { labels: { app: 'a' }, ip: '10.0.1.1' }],
        ['a2', { labels: { app: 'a' }, ip: '10.0.2.1' }],
        ['a3', { labels: { app: 'a' }, serviceAccount: 'robot' }],
        ['b', { labels: { app: 'b' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
      ]),
    }],
    ['y', { labels: {}, pods: new Map([['a', { labels: { app: 'a' } }]]) }],
  ]),
  externals: new Map(),
};

describe('identities', () => {
  test('pods with equal labels, namespace and service account share an identity', () => {
    const ids = buildIdentities(topo, []);
    expect(ids.list.map((i) => i.pods)).toEqual([['x/a1', 'x/a2'], ['x/a3'], ['x/b'], ['y/a']]);
    expect(ids.byPod.get('x/a2')).toBe(ids.byPod.get('x/a1'));
    expect(ids.byNamespace.get('x')).toHaveLength(3);
  });

  test('a CIDR that can match pods splits pods on either side of it', () => {
    const block = parseCidr('10.0.1.0/24') as Cidr;
    expect(buildIdentities(topo, [block]).list.map((i) => i.pods)).toEqual([['x/a1'], ['x/a2'], ['x/a3'], ['x/b'], ['y/a']]);
  });

  test('Cilium sees namespace, namespace labels and service account as labels', () => {
    const identity = buildIdentities(topo, []).byPod.get('x/a3')!;
    expect(['app', 'io.kubernetes.pod.namespace', 'io.cilium.k8s.namespace.labels.team', 'io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name', 'io.cilium.k8s.policy.serviceaccount']
      .map((k) => identity.ciliumLabel(k))).toEqual(['a', 'x', 'a', 'x', 'robot']);
    expect(identity.namespaceLabels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'x' });
  });
});
