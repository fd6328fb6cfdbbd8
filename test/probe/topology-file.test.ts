import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadTopology, parseTopology } from '../../src/probe/topology-file';

describe('parseTopology', () => {
  test('reads namespaces, pods and externals with defaults', () => {
    const topo = parseTopology({
      namespaces: { x: { labels: { team: 'a' }, pods: { a: { labels: { pod: 'a' }, ip: '10.0.1.5', serviceAccount: 'sa', ports: [{ name: 'http', port: 80 }] } } }, y: null },
      externals: { github: { ip: '140.82.112.3', fqdn: 'api.github.com' } },
    }, 'topo.yaml');
    expect(topo).toEqual({
      namespaces: {
        x: { labels: { team: 'a' }, pods: { a: { labels: { pod: 'a' }, ip: '10.0.1.5', serviceAccount: 'sa', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } } },
        y: { labels: {}, pods: {} },
      },
      externals: { github: { ip: '140.82.112.3', fqdn: 'api.github.com' } },
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
  test('reads YAML and fails naming the file when it is invalid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-topo-'));
    try {
      fs.writeFileSync(path.join(dir, 'ok.yaml'), 'namespaces:\n  x:\n    pods:\n      a: {labels: {pod: a}}\n');
      fs.writeFileSync(path.join(dir, 'bad.yaml'), 'namespaces: [1,\n');
      expect(loadTopology('ok.yaml', dir).namespaces.x.pods.a.labels).toEqual({ pod: 'a' });
      expect(() => loadTopology('bad.yaml', dir)).toThrow(/^bad\.yaml: invalid YAML/);
      expect(() => loadTopology('missing.yaml', dir)).toThrow(/^missing\.yaml: cannot read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
