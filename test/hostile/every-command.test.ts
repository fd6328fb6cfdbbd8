import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { HOSTILE_FLOWS, HOSTILE_MANIFESTS, HOSTILE_PROBES, HOSTILE_TOPOLOGIES, type HostileCase } from './corpus';

// GIVEN one folder with every hostile file, and valid companions for the other inputs
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const GOOD_MANIFESTS = write('good.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
const GOOD_TOPOLOGY = write('good-topology.yaml', 'namespaces:\n  shop: {pods: {web: {labels: {app: web}}}}\n');
const GOOD_PROBES = write('good-probes.yaml', 'probes:\n  - {from: shop/web, to: shop/web, port: 80}\n');
const GOOD_FLOWS = write('good-flows.json', '');

/** Every command, given a manifests path and a topology path. */
const COMMANDS: Record<string, (manifests: string, topology: string) => string[]> = {
  probe: (m, t) => ['probe', '--manifests', m, '--topology', t, '--probes', GOOD_PROBES],
  explain: (m, t) => ['explain', 'shop/web', 'shop/web', '80', '--manifests', m, '--topology', t],
  lint: (m) => ['lint', '--manifests', m],
  diff: (m, t) => ['diff', '--base', GOOD_MANIFESTS, '--head', m, '--topology', t],
  docs: (m, t) => ['docs', '--manifests', m, '--topology', t],
  doctor: (m, t) => ['doctor', '--manifests', m, '--topology', t, '--flows', GOOD_FLOWS],
  report: (m, t) => ['report', '--manifests', m, '--topology', t, '--out', path.join(dir, 'report.html')],
};

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(dir);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function expectRefused(result: { code: number; out: string; err: string }, file: string, hostile: HostileCase): void {
  expect(result.err).toContain(path.basename(file));
  for (const name of hostile.names) expect(result.err).toContain(name);
  expect(result).toMatchObject({ code: 2, out: '' });
}

const cases = <T extends HostileCase>(list: readonly T[], commands: readonly string[]) =>
  list.flatMap((hostile) => commands.map((command) => ({ command, hostile })));

describe('every command refuses hostile manifests, naming file, object and field', () => {
  test.each(cases(HOSTILE_MANIFESTS, Object.keys(COMMANDS)).map((c) => [c.hostile.name, c.command, c.hostile] as const))(
    'fails on %s: netpol %s exits 2', async (name, command, hostile) => {
      const file = write(`${name}.yaml`, hostile.content);
      expectRefused(await run(COMMANDS[command](file, GOOD_TOPOLOGY)), file, hostile);
    });
});

describe('every command that reads a topology refuses a hostile one', () => {
  test.each(cases(HOSTILE_TOPOLOGIES, ['probe', 'explain', 'diff', 'docs', 'doctor', 'report']).map((c) => [c.hostile.name, c.command, c.hostile] as const))(
    'fails on %s: netpol %s exits 2', async (name, command, hostile) => {
      const file = write(`${name}.yaml`, hostile.content);
      expectRefused(await run(COMMANDS[command](GOOD_MANIFESTS, file)), file, hostile);
    });
});

describe('netpol probe refuses hostile probe files', () => {
  test.each(HOSTILE_PROBES.map((hostile) => [hostile.name, hostile] as const))('fails on %s', async (name, hostile) => {
    const file = write(`${name}.yaml`, hostile.content);
    expectRefused(await run(['probe', '--manifests', GOOD_MANIFESTS, '--topology', GOOD_TOPOLOGY, '--probes', file]), file, hostile);
  });
});

describe('netpol doctor refuses hostile Hubble flows', () => {
  test.each(HOSTILE_FLOWS.map((hostile) => [hostile.name, hostile] as const))('fails on %s', async (name, hostile) => {
    const file = write(`${name}.json`, hostile.content);
    expectRefused(await run(['doctor', '--manifests', GOOD_MANIFESTS, '--flows', file]), file, hostile);
  });
});

describe('the valid companions are accepted', () => {
  test.each(Object.keys(COMMANDS))('netpol %s reads them', async (command) => {
    const { code, err } = await run(COMMANDS[command](GOOD_MANIFESTS, GOOD_TOPOLOGY));
    expect(err).not.toContain('netpol');
    expect(code).toBeLessThan(2);
  });
});

describe('valid input that looks unusual is accepted by every command', () => {
  // An IPv4-mapped IPv6 block (RFC 4291 2.5.5.2) with its reason, in an IPv6-aware annotation.
  const mapped = write('ipv4-mapped.yaml', `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: mapped
  namespace: shop
  annotations:
    network-policy.homelab/address-reasons: "::ffff:10.0.0.0/104: the LAN, seen through the IPv6 socket"
spec:
  podSelector: {}
  egress:
    - to: [{ipBlock: {cidr: "::ffff:10.0.0.0/104"}}]
      ports: [{port: 443}]
`);
  test.each(Object.keys(COMMANDS))('netpol %s reads ::ffff:10.0.0.0/104', async (command) => {
    const { code, err } = await run(COMMANDS[command](mapped, GOOD_TOPOLOGY));
    expect(err).not.toContain('::ffff');
    expect(code).toBeLessThan(2);
  });

  test('lint takes the IPv6 address reason as stated', async () => {
    const { out } = await run(['lint', '--manifests', mapped, '--format', 'json']);
    expect(JSON.parse(out).findings.filter((f: { rule: string }) => f.rule === 'no-hard-coded-ip')).toEqual([]);
  });
});
