import { describe, expect, test } from 'vitest';
import { parseProbes } from '../../src/probe/probe-file';

describe('parseProbes', () => {
  test('defaults the protocol to TCP and keeps expect', () => {
    expect(parseProbes({ probes: [{ from: 'x/a', to: 'y/b', port: 80, expect: 'allow' }, { from: 'x/a', to: 'external:gh', port: '53', protocol: 'UDP' }] }, 'p.yaml')).toEqual([
      { from: 'x/a', to: 'y/b', port: 80, protocol: 'TCP', expect: 'allow' },
      { from: 'x/a', to: 'external:gh', port: 53, protocol: 'UDP' },
    ]);
  });

  test.each([
    [{}, 'probes.yaml: probes: missing; write probes: [{from, to, port}]'],
    [{ probes: [{ from: 'x/a', to: 'y/b' }] }, 'probes.yaml: probes[0].port: missing.'],
    [{ probes: [{ from: 'x/a', to: 'y/b', port: 80 }, { from: 'x/a', to: 'y/b', port: 80, protocol: 'ICMP' }] }, 'probes.yaml: probes[1].protocol: "ICMP" is not one of TCP, UDP, SCTP.'],
    [{ probes: [{ from: 'x/a', to: 'y/b', port: 80, expect: 'allowed' }] }, 'probes.yaml: probes[0].expect: "allowed" is not one of allow, deny.'],
    [{ probes: [{ from: 'x/a', to: 'y/b', port: 99999 }] }, 'probes.yaml: probes[0].port: 99999 is not a port number 1-65535.'],
    [{ probes: [{ to: 'y/b', port: 80 }] }, 'probes.yaml: probes[0].from: missing.'],
    [{ probes: [{ from: 'entity:world', to: 'y/b', port: 80 }] }, 'probes.yaml: probes[0].from: "entity:world" is not a known entity'],
    [{ probes: [{ from: 'x/a', to: 'y/b', port: 80, proto: 'TCP' }] }, 'probes.yaml: probes[0].proto: unknown field'],
  ])('fails when the file is %j', (value, message) => {
    expect(() => parseProbes(value, 'probes.yaml')).toThrow(message);
  });
});
