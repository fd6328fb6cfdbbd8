import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadTopology, parseManifests, parseProbes, Renderer, Simulator, synthesizeFiles, type Cni, type Manifest, type Probe } from '../../src';
import { clusterDefinition } from '../../platform/cluster-definition';
import { HOMELAB } from '../../platform/homelab';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const TOPOLOGY = loadTopology(path.join(FIXTURES, '..', '..', 'platform', 'homelab-topology.yaml'));
const PROBE_FILES = ['homelab-probes.yaml', 'homelab-equivalence-probes.yaml'];

/** The homelab definition rendered with `renderer`, as manifests. */
async function homelabManifests(renderer: Renderer): Promise<Manifest[]> {
  const app = new App();
  clusterDefinition(app, {
    ...HOMELAB,
    renderer,
    ...(renderer === Renderer.KUBERNETES ? { kubernetes: { apiServer: { cidrs: ['192.168.1.10/32'] } } } : {}),
  });
  const files = await synthesizeFiles(app);
  return [...files].filter(([file]) => !file.endsWith('kustomization.yaml')).flatMap(([file, text]) => parseManifests(text, file));
}

/**
 * Whether plain NetworkPolicy can express the probe: both ends are pods or external addresses.
 * Cilium identities (`entity:health`, `entity:kube-apiserver`, ...) have no NetworkPolicy
 * counterpart: there the API server is an address (an ipBlock), not an identity a probe can name.
 */
function expressible(probe: Probe): boolean {
  return !probe.from.startsWith('entity:') && !probe.to.startsWith('entity:');
}

/** Whether the probe starts or ends in a demo namespace. */
function touchesDemo(probe: Probe): boolean {
  return [probe.from, probe.to].some((end) => end.startsWith('demo-'));
}

function loadProbes(file: string): Probe[] {
  return parseProbes(parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')), file);
}

describe('the kubernetes rendering of homelab is equivalent to the Cilium one', () => {
  test.each(PROBE_FILES)('every expressible demo probe of %s gets the same verdict under both', async (file) => {
    // GIVEN the homelab definition rendered both ways, and the probes NetworkPolicy can express
    const [cilium, kubernetes] = await Promise.all([homelabManifests(Renderer.CILIUM), homelabManifests(Renderer.KUBERNETES)]);
    const simulators: Record<'cilium' | 'kubernetes', Simulator> = {
      cilium: Simulator.build(cilium, TOPOLOGY, { cni: 'cilium' satisfies Cni }),
      kubernetes: Simulator.build(kubernetes, TOPOLOGY, { cni: 'kubernetes' satisfies Cni }),
    };
    const probes = loadProbes(file).filter((p) => expressible(p) && touchesDemo(p));
    expect(probes.length).toBeGreaterThanOrEqual(25);
    // WHEN each probe is evaluated under --cni cilium and --cni kubernetes
    const differences = probes.flatMap((probe) => {
      const a = simulators.cilium.evaluate(probe);
      const b = simulators.kubernetes.evaluate(probe);
      return a.verdict === b.verdict ? [] : [`${probe.from} -> ${probe.to} ${probe.protocol}/${probe.port}: cilium ${a.verdict} (${a.egress.reason ?? a.ingress.reason ?? ''}), kubernetes ${b.verdict} (${b.egress.reason ?? b.ingress.reason ?? ''})`];
    });
    // THEN the verdicts agree, and the kubernetes rendering holds nothing the CNI would ignore
    expect(differences).toEqual([]);
    expect(simulators.kubernetes.notices.filter((n) => /ignores/.test(n))).toEqual([]);
  });

  test('the probes that state an expectation meet it under both renderings', async () => {
    const [cilium, kubernetes] = await Promise.all([homelabManifests(Renderer.CILIUM), homelabManifests(Renderer.KUBERNETES)]);
    const probes = loadProbes('homelab-equivalence-probes.yaml').filter((p) => p.expect !== undefined);
    const failures = (manifests: Manifest[], cni: Cni) => {
      const simulator = Simulator.build(manifests, TOPOLOGY, { cni });
      return probes.filter((p) => simulator.evaluate(p).verdict !== p.expect).map((p) => `${cni}: ${p.from} -> ${p.to} ${p.protocol}/${p.port} expected ${p.expect}`);
    };
    expect([...failures(cilium, 'cilium'), ...failures(kubernetes, 'kubernetes')]).toEqual([]);
  });
});
