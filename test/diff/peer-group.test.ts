import { describe, expect, test } from 'vitest';
import { jointGroups } from '../../src/flows/flow-sweep';
import { outsidePeers, withWorld } from '../../src/flows/peer-group';
import type { Cni } from '../../src/probe/flow';
import { Simulator } from '../../src/probe/simulator';
import type { Topology } from '../../src/probe/topology';
import type { Manifest } from '../../src/manifests/manifest';
import { np, pod, topology } from './builders';

const podGroups = (topo: Topology, cni: Cni, manifests: Manifest[] = []) => jointGroups([Simulator.build(manifests, topo, { cni })], []);

describe('jointGroups', () => {
  test('groups pods of one namespace with equal labels, service account and ports', () => {
    const topo = topology({
      app: { 'web-1': pod({ app: 'web' }, ['http=8080']), 'web-2': pod({ app: 'web' }, ['http=8080']), api: pod({ app: 'api' }) },
      other: { web: pod({ app: 'web' }, ['http=8080']) },
    });
    expect(podGroups(topo, 'cilium').map((g) => g.members)).toEqual([['app/api'], ['app/web-1', 'app/web-2'], ['other/web']]);
  });

  test.each([
    ['service account', pod({ app: 'web' }, [], { serviceAccount: 'admin' })],
    ['named ports', pod({ app: 'web' }, ['http=80'])],
    ['labels', pod({ app: 'web', tier: 'front' })],
  ])('pods that differ in %s are different groups', (_what, other) => {
    const topo = topology({ app: { a: pod({ app: 'web' }), b: other } });
    expect(podGroups(topo, 'cilium')).toHaveLength(2);
  });

  test('pods on two sides of an ipBlock are different groups only under --cni kubernetes, where ipBlock matches pods', () => {
    const topo = topology({ app: { a: pod({}, [], { ip: '10.0.0.1' }), b: pod({}, [], { ip: '10.0.1.2' }) } });
    const block = np('app', 'lan', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }] });
    expect(podGroups(topo, 'cilium', [block])).toHaveLength(1);
    expect(podGroups(topo, 'kubernetes', [block])).toHaveLength(2);
    expect(podGroups(topo, 'kubernetes')).toHaveLength(1);
  });

  test('pods two simulators group differently are split so both treat each group alike', () => {
    const topo = topology({ app: { a: pod({}, [], { ip: '10.0.0.1' }), b: pod({}, [], { ip: '10.0.1.2' }) } });
    const block = np('app', 'lan', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }] });
    const sides = [Simulator.build([], topo, { cni: 'kubernetes' }), Simulator.build([block], topo, { cni: 'kubernetes' })];
    expect(jointGroups(sides, ['external:world']).map((g) => [g.members, g.indexes])).toEqual([
      [['app/a'], [0, 0]], [['app/b'], [0, 1]], [['external:world'], [1, 2]],
    ]);
  });
});

describe('withWorld and outsidePeers', () => {
  test('adds external:world, then lists externals and entities, one peer each', () => {
    const topo = withWorld(topology({}, new Map([['github', { ip: '140.82.112.3' }]])));
    expect(outsidePeers(topo)).toEqual(['external:github', 'external:world', 'entity:health', 'entity:host', 'entity:kube-apiserver']);
  });

  test('keeps an external named world as the topology defines it', () => {
    const topo = topology({}, new Map([['world', { ip: '8.8.8.8' }]]));
    expect(withWorld(topo)).toBe(topo);
  });
});
