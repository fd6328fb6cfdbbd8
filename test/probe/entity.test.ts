import { describe, expect, test } from 'vitest';
import { entitySelects, type CiliumEntity, type EntityTarget } from '../../src/probe/entity';

const pod: EntityTarget = { kind: 'pod' };
const world4: EntityTarget = { kind: 'world', family: 4 };
const reserved = (name: string): EntityTarget => ({ kind: 'reserved', name });

describe('Cilium entities', () => {
  test.each<[CiliumEntity, EntityTarget, boolean]>([
    ['all', pod, true], ['all', world4, true], ['all', reserved('host'), true],
    ['cluster', pod, true], ['cluster', world4, false],
    ...['host', 'remote-node', 'health', 'init', 'ingress', 'unmanaged', 'kube-apiserver'].map((name): [CiliumEntity, EntityTarget, boolean] => ['cluster', reserved(name), true]),
    ['world', world4, true], ['world', pod, false], ['world', reserved('host'), false],
    ['world-ipv4', world4, true], ['world-ipv6', world4, false], ['world-ipv6', { kind: 'world', family: 6 }, true],
    ['host', reserved('host'), true], ['host', reserved('remote-node'), false], ['host', pod, false],
    ['kube-apiserver', reserved('kube-apiserver'), true], ['health', reserved('health'), true],
    // pkg/policy/api/entity.go EntityNone: "can be selected but never exist".
    ['none', pod, false], ['none', world4, false], ['none', reserved('host'), false], ['none', reserved('health'), false],
  ])('%s selects %j: %s', (entity, target, expected) => {
    expect(entitySelects(entity, target)).toBe(expected);
  });
});
