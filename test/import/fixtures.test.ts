/**
 * Every fixture cluster of this repository imports with zero flow change: the rendered
 * `dist/homelab` (Cilium) and `dist/edge` (NetworkPolicy), a real repository's policies, and the
 * upstream-derived simulator fixtures (Kubernetes e2e NetworkPolicy scenarios, Cilium docs
 * examples) under both renderers where they apply.
 */
import { describe, expect, test } from 'vitest';
import { Renderer } from '../../src/constructs/cluster-settings';
import { formatFlow } from '../../src/diff/flow-change';
import { importManifests, type ImportResult } from '../../src/import/importer';
import { loadManifests } from '../../src/manifests/load';
import type { KubeObject, Manifest } from '../../src/manifests/manifest';
import { DENY_AND_DEFAULTS, KUBERNETES_CONSTRUCTS, LAYER3, LAYER4, RESERVED_SUBJECTS, RULE_BASICS } from '../probe/upstream/cilium-docs-scenarios';
import { API_REFERENCE, perProtocol, SERVER_AND_CLIENT } from '../probe/upstream/kubernetes-e2e-scenarios';

function changes(result: ImportResult): string[] {
  return result.proof.changes.map((c) => `${c.change} ${formatFlow(c)}`);
}

function asManifests(objects: readonly object[], file: string): Manifest[] {
  return objects.map((object, document) => ({ object: object as KubeObject, source: { file, document } }));
}

describe('netpol import of this repository\'s fixture clusters', () => {
  test('dist/homelab (Cilium) imports with zero flow change, every policy kept, no namespace left out', async () => {
    const input = loadManifests(['dist/homelab']);
    const result = await importManifests(input, { clusterName: 'homelab' });
    expect(changes(result)).toEqual([]);
    expect(result.renderer).toBe(Renderer.CILIUM);
    expect(result.counts.namespaces).toBe(10);
    // Every object is reproduced by some item (the baseline claims its PrometheusRule too): none dropped.
    const covered = new Set([...result.files.values()].flat().flatMap((item) => item.covers));
    expect(input.filter((m) => m.object.kind !== 'Kustomization' && !covered.has(m)).map((m) => m.object.metadata.name)).toEqual([]);
    expect([...result.ignored]).toEqual([]);
  });

  test('dist/edge (NetworkPolicy) imports with zero flow change on the NetworkPolicy renderer it was written for', async () => {
    const result = await importManifests(loadManifests(['dist/edge']), { clusterName: 'edge' });
    expect(result.renderer).toBe(Renderer.KUBERNETES);
    expect(changes(result)).toEqual([]);
  });

  test('dist/edge imports with zero flow change on Cilium too (Cilium enforces NetworkPolicy)', async () => {
    const result = await importManifests(loadManifests(['dist/edge']), { clusterName: 'edge', renderer: Renderer.CILIUM });
    expect(changes(result)).toEqual([]);
  });
});

describe('netpol import of the upstream-derived simulator fixtures', () => {
  const e2e = [...SERVER_AND_CLIENT, ...perProtocol('UDP'), ...perProtocol('SCTP'), ...API_REFERENCE]
    .flatMap((scenario) => scenario.steps.map((step, i) => ({ name: `${scenario.name} (step ${i + 1})`, manifests: step.manifests })))
    .filter(({ manifests }) => manifests.length > 0);

  test.each([Renderer.KUBERNETES, Renderer.CILIUM])('Kubernetes e2e NetworkPolicy scenarios, renderer %s: zero flow change each', async (renderer) => {
    const failures: string[] = [];
    for (const { name, manifests } of e2e) {
      const result = await importManifests(asManifests(manifests, name), { clusterName: 'e2e', renderer, recognizers: [] });
      if (result.proof.changes.length > 0) failures.push(`${name}: ${changes(result).join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  test('Cilium docs scenarios: zero flow change each', async () => {
    const failures: string[] = [];
    for (const scenario of [...RULE_BASICS, ...LAYER3, ...LAYER4, ...KUBERNETES_CONSTRUCTS, ...DENY_AND_DEFAULTS, ...RESERVED_SUBJECTS]) {
      if (scenario.manifests.length === 0) continue;
      const result = await importManifests(asManifests(scenario.manifests, scenario.section), { clusterName: 'docs' });
      if (result.proof.changes.length > 0) failures.push(`${scenario.section}: ${changes(result).join('; ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
