import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadTopology, parseTopology } from '../../src/probe/topology-file';
import { Simulator } from '../../src/probe/simulator';
import { writeFixture } from './cli/fixture';

describe('parseTopology', () => {
  test('keeps names of Object members as ordinary names, in Maps', () => {
    const topo = parseTopology({
      namespaces: { constructor: { pods: { constructor: { labels: { app: 'a' } } } } },
      externals: { toString: { ip: '192.0.2.1' }, hasOwnProperty: { ip: '192.0.2.2' } },
    }, 'topo.yaml');
    expect([...topo.namespaces.keys()]).toEqual(['constructor']);
    expect([...topo.namespaces.get('constructor')!.pods.keys()]).toEqual(['constructor']);
    expect([...topo.externals.keys()]).toEqual(['toString', 'hasOwnProperty']);
    const sim = Simulator.build([], topo);
    expect(sim.pods()).toEqual(['constructor/constructor']);
    expect(sim.evaluate({ from: 'constructor/constructor', to: 'external:toString', port: 443, protocol: 'TCP' }).verdict).toBe('allow');
    expect(() => sim.evaluate({ from: 'constructor/constructor', to: 'external:valueOf', port: 443, protocol: 'TCP' }))
      .toThrow('unknown external "external:valueOf": the topology\'s externals are hasOwnProperty, toString');
  });

  test('reads namespaces, pods and externals with defaults', () => {
    const topo = parseTopology({
      namespaces: { x: { labels: { team: 'a' }, pods: { a: { labels: { pod: 'a' }, ip: '10.0.1.5', serviceAccount: 'sa', ports: [{ name: 'http', port: 80 }] } } }, y: null },
      externals: { github: { ip: '140.82.112.3', fqdn: 'api.github.com' } },
    }, 'topo.yaml');
    expect(topo).toEqual({
      namespaces: new Map([
        ['x', { labels: { team: 'a' }, pods: new Map([['a', { labels: { pod: 'a' }, ip: '10.0.1.5', serviceAccount: 'sa', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }]]) }],
        ['y', { labels: {}, pods: new Map() }],
      ]),
      externals: new Map([['github', { ip: '140.82.112.3', fqdn: 'api.github.com' }]]),
    });
  });

  test.each([
    [{ namespaces: { x: { pods: { a: { ip: '10.0.1' } } } } }, 'topo.yaml: namespaces.x.pods.a.ip: "10.0.1" is not an IP address (e.g. 10.0.1.5).'],
    [{ namespaces: { x: { labels: { on: true } } } }, 'topo.yaml: namespaces.x.labels.on: label values are strings; quote it: "true".'],
    [{ namespaces: { X: {} } }, 'topo.yaml: namespaces.X: "X" is not a valid namespace name'],
    [{ namespaces: { x: { pods: { a: { ports: [{ name: 'http', port: 80, protocol: 'ICMP' }] } } } } }, 'topo.yaml: namespaces.x.pods.a.ports[0].protocol: "ICMP" is not one of TCP, UDP, SCTP.'],
    [{ namespaces: { x: { pods: { a: { label: {} } } } } }, 'topo.yaml: namespaces.x.pods.a.label: unknown field; allowed: labels, ip, serviceAccount, ports.'],
    [{ externals: { gh: { fqdn: 'bad name' } } }, 'topo.yaml: externals.gh.fqdn: "bad name" is not a DNS name'],
    [{ pods: {} }, 'topo.yaml: pods: unknown field; allowed: namespaces, externals.'],
    [[], 'topo.yaml: topology: expected a mapping, got a list.'],
  ])('fails when the topology is %j', (value, message) => {
    expect(() => parseTopology(value, 'topo.yaml')).toThrow(message);
  });
});

describe('loadTopology', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeFixture({
      'ok.yaml': 'namespaces:\n  x:\n    pods:\n      a: {labels: {pod: a}}\n',
      'bad.yaml': 'namespaces: [1,\n',
      'holder.yaml': 'pod-defaults: &pod {labels: {app: web}, serviceAccount: web}\nnamespaces:\n  x:\n    pods:\n      a: {<<: *pod, ip: 10.0.1.5}\n',
      'inline.yaml': 'namespaces:\n  x:\n    pods:\n      b: &pod {labels: {app: web}, serviceAccount: web}\n      a: {<<: *pod, ip: 10.0.1.5}\n',
      'typo.yaml': 'namespace:\n  x: {}\n',
    });
  });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('reads YAML and fails naming the file when it is invalid', () => {
    expect(loadTopology('ok.yaml', dir).namespaces.get('x')!.pods.get('a')!.labels).toEqual({ pod: 'a' });
    expect(() => loadTopology('bad.yaml', dir)).toThrow(/^bad\.yaml: invalid YAML/);
    expect(() => loadTopology('missing.yaml', dir)).toThrow(/^missing\.yaml: cannot read/);
  });

  test.each([
    ['an extra top-level field holding an anchor', 'holder.yaml'],
    ['an anchor on first use', 'inline.yaml'],
  ])('reads YAML merge keys with %s', (_name, file) => {
    const topology = loadTopology(file, dir);
    expect(Object.keys(topology)).toEqual(['namespaces', 'externals']);
    expect(topology.namespaces.get('x')!.pods.get('a')).toEqual({ labels: { app: 'web' }, serviceAccount: 'web', ip: '10.0.1.5' });
  });

  test('fails when an extra top-level field holds no anchor', () => {
    expect(() => loadTopology('typo.yaml', dir)).toThrow('typo.yaml: namespace: unknown field; allowed: namespaces, externals.');
  });
});
