import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppNamespace, NetpolCluster, Peer, PlatformReference, Port, synthesize } from '../../src';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { commandFlags } from '../../src/cli/commands/completion';
import { COMMANDS } from '../../src/cli/commands';

/*
 * An app repo as examples/app-repo: its own namespace synthesized under PlatformReference.fromFile,
 * the platform's contract copied next to it (this repository's dist/homelab/platform.json).
 */
const CONTRACT = path.join(__dirname, '..', '..', 'dist', 'homelab', 'platform.json');
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-app-repo-'));

beforeAll(async () => {
  fs.copyFileSync(CONTRACT, path.join(repo, 'platform.json'));
  const app = new App();
  const cluster = new NetpolCluster(app, 'homelab');
  PlatformReference.fromFile(cluster, 'platform', path.join(repo, 'platform.json'));
  new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] })
    .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { description: 'release notes' })
    .allowWithinNamespace([Port.tcp(8080)], { pods: { 'app.kubernetes.io/name': 'blog' }, description: 'sessions' });
  await synthesize(app, { outdir: path.join(repo, 'dist'), cdk8sOutdir: '' });
  fs.writeFileSync(path.join(repo, 'topology.yaml'), [
    'namespaces:',
    '  blog: {pods: {blog: {labels: {app.kubernetes.io/name: blog}}}}',
    '  database: {pods: {postgres: {labels: {app.kubernetes.io/name: postgresql}}, dragonfly: {labels: {app.kubernetes.io/name: dragonfly}}}}',
    '  kube-system: {pods: {kube-dns: {labels: {k8s-app: kube-dns}}}}',
    '  istio-gateway: {pods: {external: {labels: {gateway.networking.k8s.io/gateway-name: external}}}}',
    'externals: {}',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(repo, 'probes.yaml'), [
    'probes:',
    '  - {from: blog/blog, to: database/postgres, port: 5432, protocol: TCP, expect: allow}',
    '  - {from: blog/blog, to: kube-system/kube-dns, port: 53, protocol: UDP, expect: allow}',
    '  - {from: blog/blog, to: database/dragonfly, port: 6379, protocol: TCP, expect: deny}',
    '  - {from: istio-gateway/external, to: blog/blog, port: 8080, protocol: TCP, expect: allow}',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(repo, 'hostile.json'), JSON.stringify({ kind: 'PlatformContract', version: 2 }));
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

async function netpol(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(repo);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('--platform-contract (an app repo\'s checks against its platform)', () => {
  test('lint: the false dns-egress-missing, unknown-profile and unknown-access-label are gone', async () => {
    const alone = await netpol('lint', 'dist/homelab', '--format', 'json');
    expect(alone.code).toBe(1);
    const findings = JSON.parse(alone.out).findings as { rule: string; fix: string }[];
    expect(findings.map((f) => f.rule).sort()).toEqual(['dns-egress-missing', 'unknown-access-label', 'unknown-profile']);
    // Each fix points an app repo at the contract.
    expect(findings.filter((f) => !f.fix.includes('--platform-contract <platform.json>'))).toEqual([]);
    expect(await netpol('lint', 'dist/homelab', '--platform-contract', 'platform.json')).toEqual({ code: 0, out: 'No findings.\n', err: '' });
  });

  test('lint: an unknown profile names the app repo\'s fix, and nothing is reported on the platform\'s objects', async () => {
    fs.mkdirSync(path.join(repo, 'typo'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'typo', 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: wiki\n  labels: {network-policy.homelab/profile: batch}\n');
    const { code, out } = await netpol('lint', 'typo', '--platform-contract', 'platform.json', '--format', 'json');
    expect(code).toBe(1);
    const findings = JSON.parse(out).findings as { rule: string; file: string; fix: string }[];
    expect(findings.map((f) => [f.rule, f.file])).toEqual([['unknown-profile', path.join('typo', 'ns.yaml')]]);
    expect(findings[0].fix).toMatch(/or ask the platform repo to add profile "batch" and update platform\.json\./);
  });

  test('probe: the platform\'s baselines, shared services and gateways decide the app\'s flows', async () => {
    const alone = await netpol('probe', '--manifests', 'dist/homelab', '--topology', 'topology.yaml', '--probes', 'probes.yaml');
    expect(alone.code).toBe(1);
    const withContract = await netpol('probe', '--manifests', 'dist/homelab', '--topology', 'topology.yaml', '--probes', 'probes.yaml', '--platform-contract', 'platform.json');
    expect(withContract.code).toBe(0);
    expect(withContract.out).toMatch(/blog\/blog +kube-system\/kube-dns +53\/UDP +allow +allow +ok +allow \(CiliumClusterwideNetworkPolicy baseline-dns\)/);
    expect(withContract.out).toContain('4 passed, 0 failed');
  });

  test('explain: names the platform\'s policies on both ends', async () => {
    const { code, out } = await netpol('explain', 'blog/blog', 'database/postgres', '5432', '--manifests', 'dist/homelab', '--topology', 'topology.yaml', '--platform-contract', 'platform.json');
    expect(code).toBe(0);
    expect(out).toMatch(/egress of blog\/blog: allowed by CiliumClusterwideNetworkPolicy access-postgres /);
    expect(out).toMatch(/ingress of database\/postgres: allowed by CiliumClusterwideNetworkPolicy access-postgres-server /);
  });

  test('diff: the platform is on both sides, so only the app\'s change shows', async () => {
    fs.cpSync(path.join(repo, 'dist', 'homelab'), path.join(repo, 'before'), { recursive: true });
    const text = fs.readFileSync(path.join(repo, 'before', 'app-blog.yaml'), 'utf8');
    // The change: the blog loses its access to PostgreSQL.
    fs.mkdirSync(path.join(repo, 'after'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'after', 'app-blog.yaml'), text.replace(/\n {4}access\.network-policy\.homelab\/postgres: "true"/, ''));
    const { code, out } = await netpol('diff', '--base', 'before', '--head', 'after', '--topology', 'topology.yaml', '--platform-contract', 'platform.json');
    expect(code).toBe(1);
    expect(out).toMatch(/blog\/blog -> database\/postgres:5432\/TCP/);
    expect(await netpol('diff', '--base', 'before', '--head', 'before', '--topology', 'topology.yaml', '--platform-contract', 'platform.json')).toMatchObject({ code: 0 });
  });

  test.each([
    ['lint', ['lint', 'dist/homelab']],
    ['probe', ['probe', '--manifests', 'dist/homelab', '--probes', 'probes.yaml']],
    ['explain', ['explain', 'blog/blog', 'database/postgres', '5432', '--manifests', 'dist/homelab']],
    ['diff', ['diff', '--base', 'dist/homelab', '--head', 'dist/homelab']],
  ])('%s: fails with exit 2 on a contract it cannot use, naming the file and the field, printing nothing', async (_, args) => {
    const { code, out, err } = await netpol(...args, '--platform-contract', 'hostile.json');
    expect([code, out]).toEqual([2, '']);
    expect(err).toMatch(/hostile\.json: version: this cdk8s-netpol reads contract version 1, the file has 2/);
    expect((await netpol(...args, '--platform-contract', 'dist')).err).toMatch(/dist: is a directory, not a regular file/);
  });

  test('refuses the platform\'s own manifests given a second time', async () => {
    const { code, err } = await netpol('probe', '--manifests', 'dist/homelab', CONTRACT.replace(/platform\.json$/, ''), '--probes', 'probes.yaml', '--platform-contract', 'platform.json');
    expect(code).toBe(2);
    expect(err).toMatch(/--platform-contract platform\.json: .* appears twice/);
  });

  test.each(['lint', 'probe', 'explain', 'diff'])('%s: --help and completion name --platform-contract', (name) => {
    const command = COMMANDS.find((c) => c.name === name)!;
    expect(command.usage).toMatch(/--platform-contract <file>/);
    expect(commandFlags(command)).toContain('--platform-contract');
  });
});
