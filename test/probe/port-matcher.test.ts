import { describe, expect, test } from 'vitest';
import type { Protocol } from '../../src/probe/flow';
import { describePort, portMatches, type PortMatcher } from '../../src/probe/port-matcher';
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
    expect(portMatches(matcher, port, protocol, podPorts)).toBe(expected);
  });

  test('a named port never matches a destination without ports', () => {
    expect(portMatches({ protocol: 'TCP', name: 'http' }, 8080, 'TCP', [])).toBe(false);
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
