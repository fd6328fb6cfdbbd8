import { describe, expect, test } from 'vitest';
import { outsideGroups, podGroups, withWorld } from '../../src/flows/peer-group';
import { pod, topology } from './builders';

describe('podGroups', () => {
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

  test('pod IPs separate groups only under --cni kubernetes, where ipBlock matches pods', () => {
    const topo = topology({ app: { a: pod({}, [], { ip: '10.0.0.1' }), b: pod({}, [], { ip: '10.0.0.2' }) } });
    expect(podGroups(topo, 'cilium')).toHaveLength(1);
    expect(podGroups(topo, 'kubernetes')).toHaveLength(2);
  });
});

describe('withWorld and outsideGroups', () => {
  test('adds external:world, then lists externals and entities, one peer each', () => {
    const topo = withWorld(topology({}, { github: { ip: '140.82.112.3' } }));
    expect(outsideGroups(topo).map((g) => g.members)).toEqual([
      ['external:github'], ['external:world'], ['entity:health'], ['entity:host'], ['entity:kube-apiserver'],
    ]);
  });

  test('keeps an external named world as the topology defines it', () => {
    const topo = topology({}, { world: { ip: '8.8.8.8' } });
    expect(withWorld(topo)).toBe(topo);
  });
});
