import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { parse, stringify } from 'yaml';
import { homelab } from '../platform/homelab';
import { AppNamespace, Connection, Peer, Port, synthesizeFiles } from '../src';

const PROFILES = ['isolated', 'internal', 'internal-egress', 'standard'];
const SERVICES = ['postgres', 'dragonfly', 'garage-s3', 'kube-api'];
const APPS = ['web', 'api', 'worker', 'db'];

/** Which version of the generated repository to build: before or after a typical pull request. */
export type ReviewVersion = 'base' | 'head';

/**
 * The reference homelab cluster (platform namespaces, baselines, profiles, shared services)
 * plus `count` application namespaces with mixed profiles, access labels and extra rules.
 * `head` is the same repository after a pull request that touches a few namespaces: one in
 * fifty switches profile, one in forty gains an access label, and a new Connection lets
 * every tenth namespace's web pods call its neighbour's API.
 *
 * @param count the number of application namespaces
 * @param version which side of the pull request
 */
export function reviewCluster(count: number, version: ReviewVersion): App {
  const app = new App();
  const cluster = homelab(app);
  for (let i = 0; i < count; i++) {
    const changed = version === 'head';
    const profile = PROFILES[(i + (changed && i % 50 === 1 ? 1 : 0)) % PROFILES.length];
    const access = SERVICES.filter((_, s) => (i >> s) & 1 || (changed && i % 40 === 2 && s === 0));
    const ns = new AppNamespace(cluster, `app-${i}`, { profile, access });
    if (i % 3 === 0) ns.allowEgress(Peer.fqdn(`api-${i % 50}.example.com`), [Port.HTTPS]);
    if (i % 5 === 0) ns.allowWithinNamespace([Port.tcp(8080)], { pods: { 'app.kubernetes.io/name': 'api' } });
    if (i % 7 === 0) ns.allowIngress(Peer.namespace(`app-${(i + 1) % count}`), [Port.tcp(8080)], { pods: { 'app.kubernetes.io/name': 'api' } });
    if (changed && i % 10 === 0 && i + 1 < count) {
      new Connection(cluster, `app-${i}-web-to-app-${i + 1}-api`, {
        from: Peer.pods(`app-${i}`, { 'app.kubernetes.io/name': 'web' }),
        to: Peer.pods(`app-${i + 1}`, { 'app.kubernetes.io/name': 'api' }),
        ports: [Port.tcp(8080)],
      });
    }
  }
  return app;
}

/**
 * The topology of `reviewCluster`: the reference platform pods and four pods per application
 * namespace (web, api, worker, db: four identities, each listening on 8080 `http` and 9090
 * `metrics`).
 *
 * @param count the number of application namespaces
 */
export function reviewTopology(count: number): Record<string, unknown> {
  const reference = fs.readFileSync(path.join(__dirname, '..', 'platform', 'homelab-topology.yaml'), 'utf8');
  const topology = parse(reference) as { namespaces: Record<string, unknown>; externals: Record<string, unknown> };
  const namespaces: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(topology.namespaces)) if (!name.startsWith('demo-')) namespaces[name] = value;
  for (let i = 0; i < count; i++) {
    namespaces[`app-${i}`] = {
      pods: Object.fromEntries(APPS.map((name, p) => [name, {
        labels: { 'app.kubernetes.io/name': name },
        ip: `10.${64 + (i >> 8)}.${i & 255}.${10 + p}`,
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
      }])),
    };
  }
  return { namespaces, externals: topology.externals };
}

/**
 * Writes the generated repository under `dir`: `base/` and `head/` (the synthesized manifests
 * of each version, as `dist/bench/`), `topology.yaml` and a one-probe `probes.yaml`.
 *
 * @param dir the directory to write into (created)
 * @param count the number of application namespaces
 */
export async function writeReviewRepository(dir: string, count: number): Promise<void> {
  for (const version of ['base', 'head'] as const) {
    const files = await synthesizeFiles(reviewCluster(count, version));
    for (const [file, text] of files) {
      const target = path.join(dir, version, path.relative('homelab', file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
  }
  fs.writeFileSync(path.join(dir, 'topology.yaml'), stringify(reviewTopology(count)));
  fs.writeFileSync(path.join(dir, 'probes.yaml'), stringify({ probes: [{ from: 'app-1/web', to: 'database/postgres', port: 5432 }] }));
}
