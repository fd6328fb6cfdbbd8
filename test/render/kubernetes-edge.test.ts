import * as path from 'node:path';
import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { loadTopology, parseManifests, Simulator, synthesizeFiles, type Flow, type Topology } from '../../src';
import { edge } from '../../platform/edge';

/** The homelab topology plus the homelab gateway as edge sees it, on the tailnet. */
function edgeTopology(): Topology {
  const topology = loadTopology(path.join(__dirname, '..', '..', 'platform', 'homelab-topology.yaml'));
  return { ...topology, externals: new Map(topology.externals).set('homelab-gateway', { ip: '100.64.0.1' }) };
}

async function edgeSimulator(): Promise<Simulator> {
  const app = new App();
  edge(app);
  const files = await synthesizeFiles(app);
  const manifests = [...files].filter(([f]) => !f.endsWith('kustomization.yaml')).flatMap(([f, text]) => parseManifests(text, f));
  return Simulator.build(manifests, edgeTopology(), { cni: 'kubernetes' });
}

let built: Promise<Simulator> | undefined;
/** One simulator for every case: edge does not change between them. */
const simulator = (): Promise<Simulator> => (built ??= edgeSimulator());

const flow = (from: string, to: string, port: number, protocol: Flow['protocol'] = 'TCP'): Flow => ({ from, to, port, protocol });

describe('edge: tighter egress than homelab', () => {
  test.each([
    ['internet-egress profiles reach the homelab gateway on HTTPS', flow('demo-standard/app', 'external:homelab-gateway', 443), 'allow'],
    ['... from internal-egress too', flow('demo-internal-egress/app', 'external:homelab-gateway', 443), 'allow'],
    ['... on HTTPS only', flow('demo-standard/app', 'external:homelab-gateway', 80), 'deny'],
    ['no internet for standard', flow('demo-standard/app', 'external:example', 443), 'deny'],
    ["no GitHub for demo-internal (its FQDN rule is skipped on edge)", flow('demo-internal/app', 'external:github', 443), 'deny'],
    ['isolated does not reach the gateway', flow('demo-isolated/app', 'external:homelab-gateway', 443), 'deny'],
    ['DNS still works', flow('demo-standard/app', 'kube-system/coredns', 53, 'UDP'), 'allow'],
    ['CoreDNS still forwards upstream', flow('kube-system/coredns', 'external:upstream-dns', 53, 'UDP'), 'allow'],
    ['gateways still reach their profiles', flow('istio-gateway/internal', 'demo-internal/app', 8080), 'allow'],
  ])('%s', async (_, probe, verdict) => {
    expect((await simulator()).evaluate(probe).verdict).toBe(verdict);
  });
});
