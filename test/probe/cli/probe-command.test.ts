import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIo, type CapturedIo } from '../../../src/cli/io';
import { FILES, writeFixture } from './fixture';

let dir: string;
beforeAll(() => { dir = writeFixture(FILES); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

async function run(...args: string[]): Promise<{ status: number; io: CapturedIo }> {
  const io = captureIo(dir);
  const status = await main(['probe', '--manifests', 'manifests', '--topology', 'topology.yaml', ...args], io);
  return { status, io };
}

describe('netpol probe', () => {
  test('prints one JSON object per probe in the spec field order', async () => {
    const { status, io } = await run('--probes', 'probes.yaml', '--format', 'json');
    expect(status).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('{"from":"x/a","to":"y/b","port":80,"protocol":"TCP","verdict":"allow","expect":"allow","ok":true,'
      + '"egress":{"verdict":"allow","by":["CiliumNetworkPolicy x/allow-out"]},"ingress":{"verdict":"allow","by":["CiliumNetworkPolicy y/allow-in"]}}');
    expect(Object.keys(JSON.parse(lines[2]) as object)).toEqual(['from', 'to', 'port', 'protocol', 'verdict', 'ok', 'egress', 'ingress']);
    expect(JSON.parse(lines[1])).toMatchObject({ verdict: 'deny', ok: true, egress: { verdict: 'deny', reason: 'default-deny: selected by CNP x/allow-out; no rule allows y/c on 80/TCP' } });
  });

  test('prints an aligned table with a summary line by default', async () => {
    const { status, io } = await run('--probes', 'probes.yaml');
    expect(status).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toMatch(/^FROM\s+TO\s+PORT\s+VERDICT\s+EXPECT\s+OK\s+EGRESS\s+INGRESS$/);
    expect(lines[1]).toMatch(/^x\/a\s+y\/b\s+80\/TCP\s+allow\s+allow\s+ok\s+allow \(CiliumNetworkPolicy x\/allow-out\)\s+allow \(CiliumNetworkPolicy y\/allow-in\)$/);
    expect(lines[1].indexOf('80/TCP')).toBe(lines[0].indexOf('PORT'));
    expect(io.out()).toContain('\n3 passed, 0 failed\n');
  });

  test('exits 1 when a probe misses its expect', async () => {
    const { status, io } = await run('--probes', 'failing.yaml');
    expect(status).toBe(1);
    expect(io.out()).toMatch(/FAIL/);
    expect(io.out()).toContain('1 passed, 1 failed');
  });

  test('--quiet (-q) prints only the probes that missed their expect, and the summary of all', async () => {
    const quiet = await run('--probes', 'failing.yaml', '-q');
    expect(quiet.status).toBe(1);
    expect(quiet.io.out().split('\n').filter((l) => / (ok|FAIL) /.test(l))).toHaveLength(1);
    expect(quiet.io.out()).toMatch(/FAIL/);
    expect(quiet.io.out()).toContain('1 passed, 1 failed');
    const passing = await run('--probes', 'probes.yaml', '--quiet');
    expect(passing.io.out()).toBe('3 passed, 0 failed\n');
  });

  test('--cni kubernetes ignores the CNPs and notes it on stderr', async () => {
    const { status, io } = await run('--probes', 'probes.yaml', '--cni', 'kubernetes', '--format', 'json');
    expect(status).toBe(1);
    expect(io.err()).toContain('netpol probe: note: --cni kubernetes ignores 2 Cilium policies: CiliumNetworkPolicy x/allow-out, CiliumNetworkPolicy y/allow-in.');
    expect(JSON.parse(io.out().split('\n')[0])).toMatchObject({ verdict: 'deny', ok: false, ingress: { reason: 'default-deny: selected by NP y/deny-all; no rule allows x/a on 80/TCP' } });
  });

  test('--matrix prints a Kubernetes-style truth table', async () => {
    const { status, io } = await run('--matrix', '80');
    expect(status).toBe(0);
    expect(io.out()).toBe('-\tx/a\ty/b\ty/c\nx/a\tX\t.\tX\ny/b\t.\tX\tX\ny/c\t.\tX\tX\n');
  });

  test('--matrix --format json prints the rows', async () => {
    const { io } = await run('--matrix', '80', '--protocol', 'UDP', '--format', 'json');
    expect(JSON.parse(io.out())).toEqual({ port: 80, protocol: 'UDP', pods: ['x/a', 'y/b', 'y/c'], rows: ['XXX', '.XX', '.XX'] });
  });

  test('reads YAML merge keys (<<: *anchor) in manifest, topology and probe files', async () => {
    // GIVEN files that share fields through anchors and merge keys
    fs.writeFileSync(path.join(dir, 'merge-manifests.yaml'), `apiVersion: v1
kind: List
items:
- apiVersion: cilium.io/v2
  kind: CiliumNetworkPolicy
  metadata: {name: allow-in, namespace: y}
  spec: &in
    endpointSelector: {}
    ingress: [{fromEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: x}}]}]
- apiVersion: cilium.io/v2
  kind: CiliumNetworkPolicy
  metadata: {name: allow-in-too, namespace: y}
  spec:
    <<: *in
    endpointSelector: {matchLabels: {pod: b}}
`);
    fs.writeFileSync(path.join(dir, 'merge-topology.yaml'), 'namespaces:\n  x:\n    pods:\n      a: &pod {labels: {pod: a}, serviceAccount: web}\n  y:\n    pods:\n      b: {<<: *pod, labels: {pod: b}}\n');
    fs.writeFileSync(path.join(dir, 'merge-probes.yaml'), 'probes:\n  - &probe {from: x/a, to: y/b, port: 80, expect: allow}\n  - {<<: *probe, from: y/b, to: x/a}\n');
    // WHEN probing with them
    const io = captureIo(dir);
    const status = await main(['probe', '--manifests', 'merge-manifests.yaml', '--topology', 'merge-topology.yaml', '--probes', 'merge-probes.yaml', '--format', 'json'], io);
    // THEN every merged field counts
    expect(io.err()).toBe('');
    expect(status).toBe(0);
    expect(io.out().trimEnd().split('\n').map((l) => (JSON.parse(l) as { ingress: unknown }).ingress)).toEqual([
      { verdict: 'allow', by: ['CiliumNetworkPolicy y/allow-in', 'CiliumNetworkPolicy y/allow-in-too'] },
      { verdict: 'allow', by: [] },
    ]);
  });

  test.each([
    ['repeated', ['--manifests', 'manifests/egress.yaml', '--manifests', 'manifests/ingress.yaml']],
    ['listed after one flag', ['--manifests', 'manifests/egress.yaml', 'manifests/ingress.yaml']],
  ])('reads several --manifests paths %s', async (_form, manifests) => {
    const io = captureIo(dir);
    expect(await main(['probe', ...manifests, '--topology', 'topology.yaml', '--probes', 'probes.yaml', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out().split('\n')[0])).toMatchObject({ verdict: 'allow', ingress: { by: ['CiliumNetworkPolicy y/allow-in'] } });
  });

  test('takes manifest paths as bare arguments, without --manifests', async () => {
    const io = captureIo(dir);
    const bare = await main(['probe', 'manifests', '--topology', 'topology.yaml', '--probes', 'probes.yaml'], io);
    const flagged = captureIo(dir);
    expect(await main(['probe', '--manifests', 'manifests', '--topology', 'topology.yaml', '--probes', 'probes.yaml'], flagged)).toBe(bare);
    expect(io.out()).toBe(flagged.out());
  });

  test('without --topology, a truth table over representative pods (a note on stderr names them); --matrix takes 80/tcp', async () => {
    const io = captureIo(dir);
    expect(await main(['probe', 'manifests', '--matrix', '80/tcp'], io)).toBe(0);
    expect(io.out()).toBe('-\tx/a\ty/b\nx/a\tX\t.\ny/b\t.\tX\n');
    expect(io.err()).toContain('netpol probe: note: no --topology: representative pods built from the manifests stand in (x/a, y/b)');
  });

  test('reads a topology written as JSON', async () => {
    fs.writeFileSync(path.join(dir, 'topology.json'), JSON.stringify({ namespaces: { x: { pods: { a: { labels: { pod: 'a' } } } }, y: { pods: { b: { labels: { pod: 'b' } }, c: { labels: { pod: 'c' } } } } } }));
    const io = captureIo(dir);
    expect(await main(['probe', '--manifests', 'manifests', '--topology', 'topology.json', '--probes', 'failing.yaml'], io)).toBe(1);
    expect(io.out()).toContain('\n1 passed, 1 failed\n');
  });

  test.each([
    ['table', 'FROM  TO  PORT  VERDICT  EXPECT  OK  EGRESS  INGRESS\n\n0 passed, 0 failed\n'],
    ['json', ''],
  ])('an empty probes list passes (--format %s)', async (format, output) => {
    fs.writeFileSync(path.join(dir, 'empty.yaml'), 'probes: []\n');
    const { status, io } = await run('--probes', 'empty.yaml', '--format', format);
    expect(status).toBe(0);
    expect(io.out()).toBe(output);
  });

  test.each([
    [['--probes', 'missing.yaml'], 'netpol probe: missing.yaml: cannot read'],
    [['--probes', 'probes.yaml', '--cni', 'calico'], 'netpol probe: --cni "calico" is not one of cilium, kubernetes, none.'],
    [['--probes', 'probes.yaml', '--format', 'yaml'], '--format "yaml" is not one of table, json.'],
    [[], '--probes is required (or --matrix <port> for a truth table).'],
    [['--matrix', 'http'], 'port "http" is not a port number 1-65535'],
    [['--probes', 'probes.yaml', '--matrix', '80'], '--matrix and --probes cannot be combined'],
  ])('fails with exit 2 and nothing on stdout when given %j', async (args, message) => {
    const { status, io } = await run(...args);
    expect(status).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain(message);
  });

  test.each([
    ['an unknown pod', 'probes:\n  - {from: x/a, to: y/b, port: 80}\n  - {from: x/zz, to: y/b, port: 80}\n', 'bad.yaml: probes[1].from: unknown pod "x/zz": namespace x has a'],
    ['an unknown external', 'probes:\n  - {from: x/a, to: external:gitlab, port: 443}\n', 'bad.yaml: probes[0].to: unknown external "external:gitlab": the topology\'s externals are github'],
    ['a probe with no port', 'probes:\n  - {from: x/a, to: y/b}\n', 'bad.yaml: probes[0].port: missing.'],
    ['invalid YAML', 'probes: [\n', 'bad.yaml: invalid YAML'],
    ['no probes list', 'probe:\n  - {from: x/a, to: y/b, port: 80}\n', 'bad.yaml: probes: missing; write probes: [{from, to, port}]'],
    ['an empty file', '', 'bad.yaml: probes: missing; a probe file is a mapping with a "probes" list.'],
  ])('fails with exit 2 and nothing on stdout on %s', async (_name, text, message) => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), text);
    const { status, io } = await run('--probes', 'bad.yaml');
    expect(status).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain(message);
  });

  test('fails with exit 2 naming file and field on a bad policy', async () => {
    fs.writeFileSync(path.join(dir, 'bad-policy.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 80, protocol: HTTP}]}]\n');
    const io = captureIo(dir);
    const status = await main(['probe', '--manifests', 'bad-policy.yaml', '--topology', 'topology.yaml', '--probes', 'probes.yaml'], io);
    expect(status).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('netpol probe: bad-policy.yaml: NetworkPolicy x/p: spec.ingress[0].ports[0].protocol: "HTTP" is not one of TCP, UDP, SCTP\n');
  });
});
