import { describe, expect, test } from 'vitest';
import type { Protocol } from '../../src/probe/flow';
import { describePort, portMatches, type PortMatcher } from '../../src/probe/port-matcher';
import { clusterNamedPorts, NO_NAMED_PORTS, podNamedPorts } from '../../src/probe/named-ports';
import type { TopologyPort } from '../../src/probe/topology';

const podPorts: TopologyPort[] = [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }];

describe('port matching', () => {
  test.each<[PortMatcher, number, Protocol, boolean]>([
    [{ protocol: 'TCP', port: 80 }, 80, 'TCP', true],
    [{ protocol: 'TCP', port: 80 }, 80, 'UDP', false],
    [{ protocol: 'ANY', port: 80 }, 80, 'SCTP', true],
    [{ protocol: 'TCP', port: 80, endPort: 90 }, 90, 'TCP', true],
    [{ protocol: 'TCP', port: 80, endPort: 90 }, 79, 'TCP', false],
    [{ protocol: 'UDP' }, 1, 'UDP', true],
    [{ protocol: 'TCP', name: 'http' }, 8080, 'TCP', true],
    [{ protocol: 'TCP', name: 'http' }, 80, 'TCP', false],
    [{ protocol: 'ANY', name: 'dns' }, 53, 'UDP', true],
    [{ protocol: 'TCP', name: 'dns' }, 53, 'TCP', false],
    [{ protocol: 'TCP', name: 'metrics' }, 9090, 'TCP', false],
  ])('%j covers %s/%s: %s', (matcher, port, protocol, expected) => {
    expect(portMatches(matcher, port, protocol, podNamedPorts(podPorts))).toBe(expected);
  });

  test('a named port never matches a destination without ports', () => {
    expect(portMatches({ protocol: 'TCP', name: 'http' }, 8080, 'TCP', NO_NAMED_PORTS)).toBe(false);
    expect(portMatches({ protocol: 'TCP', name: 'http' }, 8080, 'TCP', podNamedPorts([]))).toBe(false);
  });

  test.each<[PortMatcher, string]>([
    [{ protocol: 'TCP', port: 80 }, 'tcp/80'],
    [{ protocol: 'TCP', port: 80, endPort: 90 }, 'tcp/80-90'],
    [{ protocol: 'ANY', name: 'http' }, 'any/http'],
    [{ protocol: 'UDP' }, 'udp/*'],
  ])('describes %j as %s', (matcher, text) => {
    expect(describePort(matcher)).toBe(text);
  });
});

/**
 * Cilium's cluster-wide named-port map, after pkg/types/portmap_test.go TestPolicyNamedPortMultiMap
 * and TestPolicyNamedPortMultiMapUpdate (released versions, where GetNamedPort takes only the
 * name and the protocol): one pod per entry of the upstream maps.
 */
describe('the cluster-wide named-port map (Cilium egress)', () => {
  const tcp = (name: string, port: number): TopologyPort => ({ name, port, protocol: 'TCP' });
  const udp = (name: string, port: number): TopologyPort => ({ name, port, protocol: 'UDP' });
  const map = clusterNamedPorts([
    [tcp('http', 80), tcp('https', 443), tcp('dns', 53), udp('dns', 53)],
    [tcp('http', 8080)],
    [tcp('https', 443)],
  ]);

  test.each<[string, Protocol, number | undefined]>([
    // http is 80/TCP on one pod and 8080/TCP on another: ErrDuplicateNamedPorts.
    ['http', 'TCP', undefined],
    // http exists only for TCP: ErrIncompatibleProtocol.
    ['http', 'UDP', undefined],
    ['unknown', 'TCP', undefined],
    // Two pods agreeing on a number are no conflict.
    ['https', 'TCP', 443],
    ['dns', 'TCP', 53],
    ['dns', 'UDP', 53],
  ])('%s/%s resolves to %s', (name, protocol, expected) => {
    expect(map(name, protocol)).toBe(expected);
  });

  test('one name may mean different numbers for different protocols (TestPolicyNamedPortMultiMapUpdate)', () => {
    const update = clusterNamedPorts([[tcp('http', 80)], [udp('http', 8080)]]);
    expect(update('http', 'TCP')).toBe(80);
    expect(update('http', 'UDP')).toBe(8080);
  });

  test('a resolved name covers the flow whatever the destination, an ambiguous one never', () => {
    expect(portMatches({ protocol: 'ANY', name: 'https' }, 443, 'TCP', map)).toBe(true);
    expect(portMatches({ protocol: 'TCP', name: 'http' }, 80, 'TCP', map)).toBe(false);
    expect(portMatches({ protocol: 'TCP', name: 'http' }, 8080, 'TCP', map)).toBe(false);
  });
});
