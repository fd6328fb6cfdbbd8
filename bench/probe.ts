/**
 * Flow simulator benchmark (issue 3 target): 500 namespaces x 4 pods and 1,500 policies
 * (mixed NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy). Prints:
 * - the time to build the simulator (read policies, group identities, merge per identity),
 * - the time of the full pod-to-pod `--matrix` for one port (4 million pairs; target < 5 s),
 * - the time of single probes after load (target < 50 ms each).
 *
 * Run alone: node --import tsx bench/probe.ts (or with the others: npm run bench).
 */
import type { Manifest } from '../src/manifests/manifest';
import { Simulator } from '../src/probe/simulator';
import type { Topology, TopologyNamespace } from '../src/probe/topology';

const PROFILES = ['isolated', 'internal', 'internal-egress', 'standard'];
const SERVICES = ['postgres', 'dragonfly', 'garage-s3', 'kube-api'];
const APPS = ['web', 'api', 'worker', 'db'];
const PLATFORM = ['kube-system', 'monitoring', 'database', 'istio-gateway'];

function manifest(object: Record<string, unknown>): Manifest {
  return { object: object as unknown as Manifest['object'], source: { file: 'bench.yaml', document: 0 } };
}

/** 500 namespaces (496 applications + 4 platform) with 4 pods each, and 1,500 policies. */
export function benchCluster(): { topology: Topology; manifests: Manifest[] } {
  const namespaces = new Map<string, TopologyNamespace>();
  const apps: string[] = [];
  for (let i = 0; i < 496; i++) apps.push(`app-${i}`);
  apps.forEach((ns, i) => {
    const labels: Record<string, string> = { 'network-policy.homelab/profile': PROFILES[i % 4], team: `t${i % 40}` };
    SERVICES.forEach((s, b) => { if ((i >> b) & 1) labels[`access.network-policy.homelab/${s}`] = 'true'; });
    namespaces.set(ns, { labels, pods: new Map(APPS.map((app, p) => [app, {
      labels: { 'app.kubernetes.io/name': app }, ip: `10.${1 + (i >> 8)}.${i & 255}.${p + 10}`,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' as const }],
    }])) });
  });
  PLATFORM.forEach((ns, i) => {
    namespaces.set(ns, { labels: { 'network-policy.homelab/platform': 'true' }, pods: new Map(['a', 'b', 'c', 'd'].map((p, j) => [`${ns}-${p}`, {
      labels: { 'app.kubernetes.io/name': ns === 'kube-system' && j === 0 ? 'kube-dns' : ns === 'monitoring' && j === 0 ? 'prometheus' : `${ns}-${p}`, ...(ns === 'kube-system' && j === 0 ? { 'k8s-app': 'kube-dns' } : {}) },
      ip: `10.9.${i}.${j + 10}`,
    }])) });
  });

  const manifests: Manifest[] = [];
  const ccnp = (name: string, spec: Record<string, unknown>): void => { manifests.push(manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec })); };
  const cnp = (ns: string, name: string, spec: Record<string, unknown>): void => { manifests.push(manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns }, spec })); };
  const np = (ns: string, name: string, spec: Record<string, unknown>): void => { manifests.push(manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec })); };

  // 50 CCNPs: baselines, profiles, shared services, and one per team.
  ccnp('baseline-dns', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }] }] });
  ccnp('baseline-health', { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }, { fromCIDR: ['169.254.7.127/32'] }] });
  ccnp('baseline-scrape', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'monitoring', 'app.kubernetes.io/name': 'prometheus' } }] }] });
  PROFILES.forEach((profile) => ccnp(`profile-${profile}`, {
    endpointSelector: { matchLabels: { 'io.cilium.k8s.namespace.labels.network-policy.homelab/profile': profile } },
    ...(profile === 'isolated' ? {} : { ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'istio-gateway' } }], toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] }] }),
    ...(profile.includes('egress') || profile === 'standard' ? { egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] } : {}),
  }));
  SERVICES.forEach((service) => ccnp(`access-${service}`, {
    endpointSelector: { matchLabels: { [`io.cilium.k8s.namespace.labels.access.network-policy.homelab/${service}`]: 'true' } },
    egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'database' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }, { port: '6379', protocol: 'TCP' }] }] }],
  }));
  for (let t = 0; t < 39; t++) {
    ccnp(`team-t${t}`, { endpointSelector: { matchLabels: { 'io.cilium.k8s.namespace.labels.team': `t${t}` } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.team': `t${t}` }, matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web', 'api'] }] }], toPorts: [{ ports: [{ port: '8080', endPort: 8090, protocol: 'TCP' }] }] }] });
  }
  // 992 CNPs: two per application namespace.
  apps.forEach((ns, i) => {
    cnp(ns, 'web-to-api', { endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, ingress: [{ fromEndpoints: [{ matchLabels: { 'app.kubernetes.io/name': 'web' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }] });
    cnp(ns, 'egress', { endpointSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web', 'worker'] }] }, egress: [
      { toEndpoints: [{ matchLabels: { 'app.kubernetes.io/name': 'api' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] },
      { toFQDNs: [{ matchPattern: `*.api-${i % 50}.example.com` }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
    ], ...(i % 9 === 0 ? { egressDeny: [{ toCIDR: ['192.168.0.0/16'] }] } : {}) });
  });
  // 458 NetworkPolicies: cross-namespace allows.
  for (let i = 0; i < 458; i++) {
    np(apps[i], 'from-neighbour', { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': apps[(i + 1) % 496] } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } } }], ports: [{ port: 8080 }] }] });
  }
  return { topology: { namespaces, externals: new Map([['github', { ip: '140.82.112.3', fqdn: 'api.github.com' }]]) }, manifests };
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs the benchmark and prints its figures. */
export function runProbeBench(): void {
  const { topology, manifests } = benchCluster();
  const counts = manifests.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.object.kind]: (acc[m.object.kind] ?? 0) + 1 }), {});
  const podCount = [...topology.namespaces.values()].reduce((n, ns) => n + ns.pods.size, 0);
  process.stdout.write(`probe benchmark: ${topology.namespaces.size} namespaces, ${podCount} pods, ${manifests.length} policies (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')})\n`);

  let start = process.hrtime.bigint();
  const simulator = Simulator.build(manifests, topology);
  process.stdout.write(`  build (load):                       ${ms(start).toFixed(0)} ms\n`);

  start = process.hrtime.bigint();
  const first = simulator.evaluate({ from: 'app-3/web', to: 'app-3/api', port: 8080, protocol: 'TCP' });
  process.stdout.write(`  first probe after load:             ${ms(start).toFixed(2)} ms (${first.verdict}; target < 50 ms)\n`);

  const pods = simulator.pods();
  let worst = 0;
  start = process.hrtime.bigint();
  const probes = 10_000;
  for (let i = 0; i < probes; i++) {
    const one = process.hrtime.bigint();
    simulator.evaluate({ from: pods[(i * 7919) % pods.length], to: pods[(i * 104729) % pods.length], port: i % 2 ? 8080 : 443, protocol: 'TCP' });
    worst = Math.max(worst, ms(one));
  }
  process.stdout.write(`  single probes:                      ${(ms(start) / probes * 1000).toFixed(1)} us average, ${worst.toFixed(2)} ms worst of ${probes}\n`);

  start = process.hrtime.bigint();
  const table = simulator.reachability(8080, 'TCP');
  const time = ms(start);
  const allowedPairs = table.rows.reduce((n, row) => n + row.split('.').length - 1, 0);
  process.stdout.write(`  --matrix 8080 (${(pods.length ** 2 / 1e6).toFixed(1)} million pairs):     ${(time / 1000).toFixed(2)} s (${allowedPairs} pairs allowed; target < 5 s)\n`);

  // The matrix and single probes must agree: check a sample of pairs.
  let mismatches = 0;
  const sample = 5_000;
  for (let i = 0; i < sample; i++) {
    const a = (i * 7919) % pods.length;
    const b = (i * 6007 + 13) % pods.length;
    const verdict = simulator.evaluate({ from: pods[a], to: pods[b], port: 8080, protocol: 'TCP' }).verdict;
    if ((verdict === 'allow') !== (table.rows[a][b] === '.')) mismatches++;
  }
  process.stdout.write(`  matrix vs single probes:            ${mismatches} mismatches in ${sample} sampled pairs\n`);
}

runProbeBench();
