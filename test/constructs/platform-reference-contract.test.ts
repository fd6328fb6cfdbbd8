import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { afterAll, describe, expect, test } from 'vitest';
import { AppNamespace, NetpolCluster, Peer, PlatformReference, Port, Renderer, synthesizeFiles } from '../../src';
import { expectRefused } from '../helpers';

const CONTRACT = path.join(__dirname, '..', '..', 'dist', 'homelab', 'platform.json');
const EDGE_CONTRACT = path.join(__dirname, '..', '..', 'dist', 'edge', 'platform.json');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-reference-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A copy of the homelab contract with one change, as a file. */
function changedContract(name: string, change: (c: Record<string, any>) => void): string {
  const contract = JSON.parse(fs.readFileSync(CONTRACT, 'utf8'));
  change(contract);
  const file = path.join(scratch, name);
  fs.writeFileSync(file, JSON.stringify(contract));
  return file;
}

function appRepo(contract: string, clusterName = 'homelab'): { app: App; cluster: NetpolCluster; reference: PlatformReference } {
  const app = new App();
  const cluster = new NetpolCluster(app, clusterName);
  const reference = PlatformReference.fromFile(cluster, 'platform', contract);
  return { app, cluster, reference };
}

describe('PlatformReference.fromFile (the platform contract)', () => {
  test('round trip: the platform repo\'s platform.json gives the app repo its profiles and services, and only the app\'s objects are written', async () => {
    // GIVEN the contract the platform repo's synth wrote
    const { app, cluster, reference } = appRepo(CONTRACT);
    // WHEN an app namespace uses a profile and a service of it
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] });
    const files = await synthesizeFiles(app);
    // THEN the names are the platform's, and the app repo writes its namespace alone (no contract of its own)
    expect(reference.profiles).toEqual(['internal', 'internal-egress', 'isolated', 'standard']);
    expect(reference.sharedServices).toEqual(['dragonfly', 'garage-s3', 'kube-api', 'postgres']);
    expect(reference.contractFile).toBe(CONTRACT);
    expect(reference.baselines).toContain('baseline-dns');
    expect([...files.keys()]).toEqual(['homelab/app-blog.yaml', 'homelab/kustomization.yaml']);
  });

  test('keeps the guardrails with a "did you mean"', async () => {
    const { app, cluster } = appRepo(CONTRACT);
    new AppNamespace(cluster, 'blog', { profile: 'standrad', access: ['postgress'] });
    await expectRefused(app, /Unknown profile "standrad" for namespace blog: the cluster defines internal, internal-egress, isolated, standard\. Did you mean "standard"\?/);
  });

  test.each([
    ['profile', { profile: 'batch-jobs' }, /Unknown profile "batch-jobs" for namespace blog: .* The platform repo defines the profiles: ask it to add profile "batch-jobs", then update .*platform\.json from its dist\/ \(this repository cannot add it\)\./],
    ['shared service', { profile: 'standard', access: ['mariadb'] }, /Unknown shared service "mariadb" .* The platform repo defines the shared services: ask it to add shared service "mariadb", then update .*platform\.json/],
  ])('fails on an unknown %s, naming the app repo\'s fix (not new SharedService(cluster, ...))', async (_, props, message) => {
    const { app, cluster } = appRepo(CONTRACT);
    new AppNamespace(cluster, 'blog', props);
    await expectRefused(app, message);
    await expect(synthesizeFiles(app)).rejects.not.toThrow(/new (SharedService|Profile)\(cluster/);
  });

  test('without a contract, an unknown name still names the platform repo and PlatformReference\'s list', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'homelab');
    new PlatformReference(cluster, 'platform');
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['mariadb'] });
    await expectRefused(app, /ask it to add shared service "mariadb", then list it in PlatformReference's sharedServices \(or read its contract with PlatformReference\.fromFile\)/);
  });

  test('fails when the platform deploys no DNS baseline, naming the platform repo\'s fix', async () => {
    const file = changedContract('no-dns.json', (c) => { c.baselines = c.baselines.filter((b: string) => b !== 'baseline-dns'); });
    const { app, cluster } = appRepo(file);
    new AppNamespace(cluster, 'blog', { profile: 'standard' });
    await expectRefused(app, /Namespace blog has no DNS: .* lists no baseline-dns\. Ask the platform repo to deploy its ClusterBaseline/);
  });

  test('fails on the contract of another cluster', async () => {
    const { app, cluster } = appRepo(CONTRACT, 'lab');
    new AppNamespace(cluster, 'blog', { profile: 'standard' });
    await expectRefused(app, /\[lab\/platform\] The platform contract .* describes cluster "homelab", but this NetpolCluster is "lab"/);
  });

  test('fails on the contract of a platform rendered as plain NetworkPolicy', async () => {
    const { app, cluster } = appRepo(EDGE_CONTRACT, 'edge');
    new AppNamespace(cluster, 'blog', { profile: 'standard' });
    await expectRefused(app, /\[edge\/platform\] The platform contract .* is for a cluster rendered as plain NetworkPolicy \(renderer: kubernetes\)/);
  });

  test.each([
    ['a missing file', () => path.join(scratch, 'missing.json'), /\[homelab\/platform\] Cannot read the platform contract: .*missing\.json: cannot read: no such file or directory/],
    ['a directory', () => scratch, /Cannot read the platform contract: .*: is a directory, not a regular file/],
    ['a wrong version', () => changedContract('v2.json', (c) => { c.version = 2; }), /Cannot read the platform contract: .*v2\.json: version: this cdk8s-netpol reads contract version 1, the file has 2/],
    ['an invalid field', () => changedContract('bad.json', (c) => { c.profiles[0].name = 'Bad Name'; }), /bad\.json: profiles\[0\]\.name: "Bad Name"/],
  ])('fails at synthesis on %s, naming the file and the field, with no follow-on "unknown profile" noise', async (_, file, message) => {
    const { app, cluster } = appRepo(file());
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] });
    await expectRefused(app, message);
    await expect(synthesizeFiles(app)).rejects.not.toThrow(/Unknown profile|Unknown shared service/);
  });

  test('fails when the app\'s gateways are not the platform\'s (Peer.gateway would name other pods)', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'homelab', { gateways: { internal: Peer.pods('ingress', { app: 'traefik' }) } });
    PlatformReference.fromFile(cluster, 'platform', CONTRACT);
    new AppNamespace(cluster, 'blog', { profile: 'isolated' });
    await expectRefused(app, /The platform's gateway "external" is pods:istio-gateway\{gateway\.networking\.k8s\.io\/gateway-name=external\} \(.*platform\.json\), but this NetpolCluster's is not set/);
    await expectRefused(app, /The platform's gateway "internal" is .* but this NetpolCluster's is pods:ingress\{app=traefik\}: .* new NetpolCluster\(app, 'homelab', \{ gateways:/);
  });

  test('fails on appPorts of a namespace whose profile is the platform\'s, naming the platform\'s ports and the app repo\'s fix', async () => {
    const { app, cluster } = appRepo(CONTRACT);
    new AppNamespace(cluster, 'blog', { profile: 'standard', appPorts: [Port.tcp(8000)] });
    await expectRefused(app, /appPorts of namespace blog: its profile "standard" is the platform's, whose gateway policies send to the platform's appPorts \(tcp\/8080\) only.* Serve on one of those ports and leave appPorts out, or ask the platform repo/);
  });

  test('a cluster rendered as plain NetworkPolicy is refused as before', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'homelab', { renderer: Renderer.KUBERNETES });
    PlatformReference.fromFile(cluster, 'platform', CONTRACT);
    await expectRefused(app, /PlatformReference cannot be used with Renderer.KUBERNETES/);
  });
});
