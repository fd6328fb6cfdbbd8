import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppNamespace, ClusterBaseline, Downgrade, NetpolCluster, Peer, Port, synthesisWarnings, synthesize, synthesizeFiles, validateObjects } from '../../src';
import { edge } from '../../platform/edge';
import { testCluster } from '../helpers';
import { k8sCluster, render } from './builders';

const DIST = path.join(__dirname, '..', '..', 'dist');

/** The YAML document of `Kind namespace/name` in a synthesized file. */
function documentOf(files: ReadonlyMap<string, string>, file: string, name: string): string {
  const text = files.get(file);
  if (text === undefined) throw new Error(`no file ${file}: ${[...files.keys()].join(', ')}`);
  const found = text.split('\n---\n').find((doc) => new RegExp(`^  name: ${name}$`, 'm').test(doc));
  if (found === undefined) throw new Error(`no object ${name} in ${file}`);
  return found;
}

describe('NetworkPolicy synthesis', () => {
  test('every object of the edge cluster passes the upstream schema validation', async () => {
    const app = new App();
    const objects = render(edge(app));
    expect(objects.filter((o) => o.object.kind === 'NetworkPolicy').length).toBeGreaterThan(50);
    expect(await validateObjects(objects)).toEqual([]);
  });

  test('dist/edge is exactly what a fresh synth produces (run `npx cdk8s synth` after changing the definitions)', async () => {
    const app = new App();
    edge(app);
    const fresh = await synthesizeFiles(app);
    const dir = path.join(DIST, 'edge');
    const committed = new Map(fs.readdirSync(dir).sort().map((f) => [`edge/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')]));
    expect(committed).toEqual(fresh);
  });

  test('a profile policy copied into an app namespace (focused snapshot)', async () => {
    const app = new App();
    edge(app);
    const files = await synthesizeFiles(app);
    expect(documentOf(files, 'edge/app-demo-standard.yaml', 'profile-standard')).toMatchSnapshot();
  });

  test('a stated downgrade is written as a YAML comment above the rule', async () => {
    const { app, cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs(['140.82.112.0/20'], 'GitHub meta ranges') });
    const doc = documentOf(await synthesizeFiles(app), 'test/app-shop.yaml', 'app');
    expect(doc).toContain('  egress:\n    # egress to fqdn:api.github.com on tcp/443\n    # fqdn:api.github.com downgraded to ipBlock 140.82.112.0/20 (GitHub meta ranges)\n    - ports:');
  });

  test('the same definition in any declaration order gives the same bytes', async () => {
    // GIVEN two clusters declaring the same namespaces and rules in opposite orders
    const build = (reverse: boolean) => {
      const { app, cluster } = k8sCluster();
      const steps = [
        () => new AppNamespace(cluster, 'shop', { profile: 'standard', access: ['postgres', 'kube-api'] })
          .allowEgress(Peer.namespace('wiki'), [Port.tcp(80)]).allowEgress(Peer.namespace('ops'), [Port.tcp(443), Port.tcp(80)]),
        () => new AppNamespace(cluster, 'wiki', { profile: 'internal', access: ['kube-api', 'dragonfly'] }),
        () => new AppNamespace(cluster, 'ops', { profile: 'isolated' }),
      ];
      for (const step of reverse ? steps.reverse() : steps) step();
      return app;
    };
    // WHEN both are synthesized
    const [a, b] = await Promise.all([synthesizeFiles(build(false)), synthesizeFiles(build(true))]);
    // THEN the files are identical
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  test('a rule with a downgrade renders unchanged on Cilium', async () => {
    const withDowngrade = testCluster();
    new AppNamespace(withDowngrade.cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.skip('not on edge') });
    const plain = testCluster();
    new AppNamespace(plain.cluster, 'shop', { profile: 'isolated' }).allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS]);
    expect(await synthesizeFiles(withDowngrade.app)).toEqual(await synthesizeFiles(plain.app));
  });

  test('every NetworkPolicy document parses back with its namespace', async () => {
    const app = new App();
    edge(app);
    const files = await synthesizeFiles(app);
    for (const [file, text] of files) {
      if (file.endsWith('kustomization.yaml')) continue;
      for (const doc of parseAllDocuments(text) as unknown as { toJS(): any }[]) {
        const object = doc.toJS();
        if (object.kind === 'NetworkPolicy') expect(object.metadata.namespace, `${file} ${object.metadata.name}`).toBe(path.basename(file, '.yaml').replace(/^(app|platform)-/, ''));
      }
    }
  });
});

describe('warnings', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  test('a cluster whose CNI enforces nothing gets a warning, printed by synthesize', async () => {
    // GIVEN a plain Flannel cluster and a Cilium one
    const { app } = k8sCluster({ name: 'flannel', kubernetes: { enforced: false } });
    new ClusterBaseline(new NetpolCluster(app, 'cilium'), 'baseline', { alerts: false });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-warn-'));
    try {
      // WHEN it is synthesized
      const result = await synthesize(app, { outdir: path.join(outdir, 'dist') });
      // THEN only the flannel cluster is warned about, in the result and on stderr, and its files are still written
      const expected = 'Warning: cluster flannel (flannel): its CNI enforces no NetworkPolicy (kubernetes.enforced: false), so its manifests are written but every flow stays allowed. '
        + 'Use a CNI that enforces NetworkPolicy (Calico, Cilium, kube-router, or k3s without --disable-network-policy), then set enforced: true.';
      expect(result.warnings).toEqual([expected]);
      expect(stderr).toHaveBeenCalledWith(`${expected}\n`);
      expect(fs.existsSync(path.join(outdir, 'dist', 'flannel', 'kustomization.yaml'))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test.each([
    ['an enforcing NetworkPolicy CNI', () => k8sCluster().app],
    ['Cilium', () => testCluster().app],
  ])('no warning for %s', (_, build) => {
    expect(synthesisWarnings(build())).toEqual([]);
  });
});
