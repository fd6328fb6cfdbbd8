import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIo, type CapturedIo } from '../../../src/cli/io';
import { FILES, writeFixture } from './fixture';

let dir: string;
beforeAll(() => { dir = writeFixture(FILES); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

async function run(...args: string[]): Promise<{ status: number; io: CapturedIo }> {
  const io = captureIo(dir);
  const status = await main(['explain', ...args, '--manifests', 'manifests', '--topology', 'topology.yaml'], io);
  return { status, io };
}

describe('netpol explain', () => {
  test('names the allowing policy and rule on each side and exits 0', async () => {
    const { status, io } = await run('x/a', 'y/b', '80');
    expect(status).toBe(0);
    expect(io.out()).toBe([
      'x/a -> y/b 80/TCP: allowed (--cni cilium)',
      'egress of x/a: allowed by CiliumNetworkPolicy x/allow-out (rule egress[0]: toEndpoints {io.kubernetes.pod.namespace=y, pod=b} on tcp/80)',
      'ingress of y/b: allowed by CiliumNetworkPolicy y/allow-in (rule ingress[0]: fromEndpoints {io.kubernetes.pod.namespace=x} on any port)',
      '',
    ].join('\n'));
  });

  test('says why a side denies and exits 1', async () => {
    const { status, io } = await run('x/a', 'y/c', '80', '--protocol', 'UDP');
    expect(status).toBe(1);
    expect(io.out()).toContain('x/a -> y/c 80/UDP: denied (--cni cilium)\n');
    expect(io.out()).toContain('egress of x/a: denied: default-deny: selected by CNP x/allow-out; no rule allows y/c on 80/UDP\n');
    expect(io.out()).toContain('ingress of y/c: allowed by CiliumNetworkPolicy y/allow-in');
  });

  test('explains the open side of an unselected pod', async () => {
    const { io } = await run('y/b', 'external:github', '443');
    expect(io.out()).toContain('egress of y/b: allowed: no policy selecting y/b has egress rules, so its egress is open');
    expect(io.out()).toContain('ingress of external:github: allowed: external:github is outside the cluster: it has no policy of its own');
  });

  test.each([
    [['--topology', 'topology.yaml'], '--manifests is required: give the manifest files or directories to check.'],
    [['--manifests', 'manifests', '--topology', 'topology.yaml', '--cni', 'calico'], '--cni "calico" is not one of cilium, kubernetes, none.'],
  ])('fails with exit 2 when the simulator flags are wrong: %j', async (flags, message) => {
    const io = captureIo(dir);
    expect(await main(['explain', 'x/a', 'y/b', '80', ...flags], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(`netpol explain: ${message}\n`);
  });

  test.each([
    [['x/a', 'y/b'], 'expected <from> <to> <port>, got 2 arguments'],
    [['x/a', 'y/b', 'http'], 'port "http" is not a port number 1-65535, optionally with its protocol (e.g. 5432 or 5432/tcp).'],
    [['x/a', 'y/b', '80/icmp'], 'port "80/icmp": the protocol is not one of TCP, UDP, SCTP (any case).'],
    [['x/a', 'y/b', '80/udp', '--protocol', 'TCP'], 'port "80/udp" says UDP but --protocol says TCP; give one.'],
    [['x/a', 'q/b', '80'], 'unknown pod "q/b": the topology has no namespace "q"'],
  ])('fails with exit 2 on %j', async (args, message) => {
    const { status, io } = await run(...args);
    expect(status).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain(message);
  });

  test('takes the protocol with the port, in any case: 80/udp, 80/UDP, --protocol udp', async () => {
    const outs = await Promise.all([['80/udp'], ['80/UDP'], ['80', '--protocol', 'udp']].map(async (port) => (await run('x/a', 'y/c', ...port)).io.out()));
    expect(new Set(outs).size).toBe(1);
    expect(outs[0]).toContain('x/a -> y/c 80/UDP: denied');
  });

  test('prints one JSON object with --format json (-o json)', async () => {
    const { status, io } = await run('x/a', 'y/b', '80/tcp', '-o', 'json');
    expect(status).toBe(0);
    const parsed = JSON.parse(io.out());
    expect(parsed).toMatchObject({ from: 'x/a', to: 'y/b', port: 80, protocol: 'TCP', verdict: 'allow', cni: 'cilium', notes: [] });
    expect(parsed.egress).toMatchObject({ verdict: 'allow', by: ['CiliumNetworkPolicy x/allow-out'] });
    expect(parsed.ingress.explanation).toMatch(/^allowed by CiliumNetworkPolicy y\/allow-in/);
  });

  test('without --topology, representative pods built from the manifests stand in, and a note names them', async () => {
    // GIVEN only manifests: x's policy selects pod=a, and names y's pod=b as a peer
    const io = captureIo(dir);
    // WHEN explained without a topology file
    const status = await main(['explain', 'x/a', 'y/b', '80', '--manifests', 'manifests'], io);
    // THEN the pods named after their labels are decided as with the topology
    expect(status).toBe(0);
    expect(io.out()).toContain('x/a -> y/b 80/TCP: allowed (--cni cilium)\n');
    expect(io.out()).toContain('note: no --topology: representative pods built from the manifests stand in (x/a, y/b); give a topology file');
  });
});
