import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AppNamespace, ClusterBaseline, NetpolCluster, Peer, PlatformNamespace, Port, Profile, SharedService, synthesize, synthesizeFiles } from '../../src';

function build(order: 'forward' | 'reverse'): App {
  const app = new App();
  const cluster = new NetpolCluster(app, 'c');
  const steps: (() => void)[] = [
    () => new ClusterBaseline(cluster, 'baseline'),
    () => Profile.builtins(cluster),
    () => SharedService.builtins(cluster),
    () => new PlatformNamespace(cluster, 'database').allowWithinNamespace([Port.tcp(3901)]),
    () => new AppNamespace(cluster, 'a', { profile: 'standard', access: ['postgres', 'kube-api'] })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS])
      .allowEgress(Peer.namespace('b'), [Port.tcp(8080), Port.tcp(80)]),
    () => new AppNamespace(cluster, 'b', { profile: 'internal', access: ['kube-api', 'postgres'] })
      .allowIngress(Peer.namespace('a'), [Port.tcp(80), Port.tcp(8080)]),
  ];
  (order === 'forward' ? steps : [...steps].reverse()).forEach((step) => step());
  return app;
}

describe('synthesizeFiles', () => {
  test('is byte-identical across runs', async () => {
    const first = await synthesizeFiles(build('forward'));
    const second = await synthesizeFiles(build('forward'));
    expect([...second]).toEqual([...first]);
  });

  test('gives the same bytes whatever order the constructs and rules were declared in', async () => {
    expect([...(await synthesizeFiles(build('reverse')))]).toEqual([...(await synthesizeFiles(build('forward')))]);
  });

  test('lays out one file per concern and a kustomization listing them', async () => {
    const files = await synthesizeFiles(build('forward'));
    expect([...files.keys()]).toEqual([
      'c/alerts.yaml', 'c/app-a.yaml', 'c/app-b.yaml', 'c/baseline.yaml', 'c/kustomization.yaml',
      'c/platform-database.yaml', 'c/platform.json', 'c/profiles.yaml', 'c/shared-services.yaml',
    ]);
    expect(files.get('c/kustomization.yaml')).toMatchSnapshot();
    for (const text of files.values()) expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  });

  test('fails with every construct problem at once, as [path] lines', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    new ClusterBaseline(cluster, 'baseline');
    new AppNamespace(cluster, 'a', { profile: 'nope' });
    new AppNamespace(cluster, 'b', { profile: 'standard', access: ['nothing'] });
    await expect(synthesizeFiles(app)).rejects.toThrow(/Validation failed with the following errors:\n {2}\[c\/a\] Unknown profile "nope"[^\n]*\n {2}\[c\/b\] Unknown profile "standard"[^\n]*\n {2}\[c\/b\] Unknown shared service "nothing"/);
  });

  test('fails when there is no cluster', async () => {
    await expect(synthesizeFiles(new App())).rejects.toThrow(/Nothing to synthesize: add a NetpolCluster/);
  });

  test('fails when two clusters share a name', async () => {
    const app = new App();
    new NetpolCluster(app, 'one', { name: 'x' });
    new NetpolCluster(app, 'two', { name: 'x' });
    await expect(synthesizeFiles(app)).rejects.toThrow(/Two clusters are named "x"/);
  });
});

describe('synthesize', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-synth-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('removes the manifests of concerns that no longer exist, and their empty folders', async () => {
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(path.join(outdir, 'stale'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stale', 'old.yaml'), 'x');
    const result = await synthesize(build('forward'), { outdir });
    expect(fs.existsSync(path.join(outdir, 'stale'))).toBe(false);
    expect(fs.readFileSync(path.join(outdir, 'c', 'kustomization.yaml'), 'utf8')).toBe(result.files.get('c/kustomization.yaml'));
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('writes nothing when synthesis fails', async () => {
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'keep.yaml'), 'kept');
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    new AppNamespace(cluster, 'a', { profile: 'nope' });
    await expect(synthesize(app, { outdir })).rejects.toThrow(/Unknown profile/);
    expect(fs.readdirSync(outdir)).toEqual(['keep.yaml']);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('writes the output, and a plain copy into cdk8s-cli\'s scratch folder ($CDK8S_OUTDIR)', async () => {
    const outdir = path.join(dir, 'dist');
    const scratch = path.join(dir, '.cdk8s-out');
    process.env.CDK8S_OUTDIR = scratch;
    try {
      const result = await synthesize(build('forward'), { outdir });
      expect(result.warnings).toEqual([]);
    } finally {
      delete process.env.CDK8S_OUTDIR;
    }
    expect(fs.readFileSync(path.join(outdir, 'c', 'baseline.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(scratch, 'c', 'baseline.yaml'), 'utf8'));
  });

  test('warns when cdk8s-cli\'s output folder is the output itself (it deleted it before the app ran)', async () => {
    const outdir = path.join(dir, 'dist');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const result = await synthesize(build('forward'), { outdir, cdk8sOutdir: outdir });
    err.mockRestore();
    expect(result.warnings).toEqual([expect.stringMatching(/cdk8s-cli deleted it before the app ran.*Set `output: \.cdk8s-out`/)]);
    expect(fs.existsSync(path.join(outdir, 'c', 'baseline.yaml'))).toBe(true);
  });

  test('touches no file whose bytes do not change', async () => {
    const outdir = path.join(dir, 'dist');
    await synthesize(build('forward'), { outdir });
    const before = fs.statSync(path.join(outdir, 'c', 'baseline.yaml'));
    const again = await synthesize(build('reverse'), { outdir });
    expect(again.changed).toEqual([]);
    expect(fs.statSync(path.join(outdir, 'c', 'baseline.yaml')).mtimeMs).toBe(before.mtimeMs);
  });
});
