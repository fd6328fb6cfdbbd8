import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

// Names of Object.prototype members that are valid Kubernetes names or label keys: user-keyed
// data lives in maps (or is looked up as own keys), so they are ordinary names.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-proto-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string): string => {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
};

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(dir, stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const topology = write('topology.yaml', `namespaces:
  constructor:
    labels: {hasOwnProperty: x}
    pods:
      constructor: {labels: {app: web}}
  shop:
    pods:
      web: {labels: {app: web}}
      db: {labels: {app: db}}
externals:
  toString: {ip: 1.2.3.4}
`);

// A NetworkPolicy isolating only pods that carry the label `toString`: none do.
const manifests = write('manifests.yaml', `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: isolate-tostring, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: toString, operator: Exists}]}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: Namespace
metadata: {name: valueof, labels: {constructor: "1"}}
`);

describe('names of Object.prototype members are ordinary names', () => {
  test('a selector on the label key toString selects only pods with that label', async () => {
    const probes = write('probes.yaml', `probes:
  - {from: shop/web, to: shop/db, port: 80, expect: allow}
  - {from: constructor/constructor, to: external:toString, port: 443, expect: allow}
`);
    const { code, out } = await run(['probe', '--manifests', manifests, '--topology', topology, '--probes', probes]);
    expect(out).toContain('2 passed, 0 failed');
    expect(code).toBe(0);
  });

  test.each([
    ['external:constructor', 'unknown external "external:constructor"'],
    ['tostring/web', 'the topology has no namespace "tostring"'],
    ['constructor/valueof', 'namespace constructor has constructor'],
  ])('fails when a probe names %s, which the topology lacks', async (peer, message) => {
    const probes = write('bad-probes.yaml', `probes:\n  - {from: shop/web, to: "${peer}", port: 80}\n`);
    const { code, err } = await run(['probe', '--manifests', manifests, '--topology', topology, '--probes', probes]);
    expect(err).toContain('bad-probes.yaml: probes[0].to');
    expect(err).toContain(message);
    expect(code).toBe(2);
  });

  test('a namespace named in the manifests only is on the docs page even when called constructor', async () => {
    const only = write('constructor-ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: constructor}\n');
    const { code, out } = await run(['docs', '--manifests', only, '--topology', write('empty-topology.yaml', 'namespaces: {}\n')]);
    expect(out).toContain('\n## constructor\n');
    expect(code).toBe(0);
  });

  test('doctor reads Hubble labels named __proto__ as labels', async () => {
    const flow = { flow: { verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED', traffic_direction: 'INGRESS', l4: { TCP: { destination_port: 80 } },
      source: { namespace: 'shop', pod_name: 'web', labels: ['k8s:__proto__=x', 'k8s:app=web'] },
      destination: { namespace: 'shop', pod_name: 'db', labels: ['k8s:app=db', 'k8s:constructor=y'] } } };
    const { code, err } = await run(['doctor', '--manifests', manifests], `${JSON.stringify(flow)}\n`);
    expect(err).toBe('');
    expect(code).toBeLessThan(2);
  });
});

describe('messages name the file', () => {
  test('fails when explain names a pod of an empty topology, naming the topology', async () => {
    const empty = write('empty.yaml', '');
    const { code, err } = await run(['explain', 'shop/web', 'shop/db', '80', '--manifests', manifests, '--topology', empty]);
    expect(err).toContain('from: unknown pod "shop/web"');
    expect(err).toContain('--topology empty.yaml');
    expect(code).toBe(2);
  });

  test.each([
    [70000, 'l4.TCP.destination_port" is 70000, not a port number 1-65535'],
    [0, 'l4.TCP.destination_port" is 0, not a port number 1-65535'],
  ])('fails when doctor --flows holds port %s, naming file and line', async (port, message) => {
    const flows = write('flows.json', `\n${JSON.stringify({ flow: { verdict: 'DROPPED', l4: { TCP: { destination_port: port } } } })}\n`);
    const { code, err } = await run(['doctor', '--manifests', manifests, '--flows', flows]);
    expect(err).toContain(`flows.json:2: field "${message}`);
    expect(code).toBe(2);
  });

  test('reads Hubble flows that start with a UTF-8 byte-order mark, from a file and from stdin', async () => {
    const line = JSON.stringify({ flow: { verdict: 'FORWARDED', l4: { TCP: { destination_port: 80 } },
      source: { namespace: 'shop', pod_name: 'web' }, destination: { namespace: 'shop', pod_name: 'db' } } });
    const flows = write('bom.json', `\uFEFF${line}\n`);
    expect(fs.readFileSync(path.join(dir, flows))[0]).toBe(0xef);
    for (const result of [await run(['doctor', '--manifests', manifests, '--flows', flows]), await run(['doctor', '--manifests', manifests], `\uFEFF${line}\n`)]) {
      expect(result.err).toBe('');
      expect(result.out).toContain('1 flows read');
    }
  });
});
