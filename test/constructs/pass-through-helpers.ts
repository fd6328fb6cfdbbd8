import { App } from 'cdk8s';
import { expect } from 'vitest';
import { diffFlows, lintReport, NetpolCluster, parseManifests, Renderer, synthesizeFiles, type Manifest } from '../../src';
import { representativeTopology } from '../../src/flows/representative-topology';

/** A cluster with nothing in it (no baseline, no profile): what an import starts from. */
export function bareCluster(renderer: Renderer = Renderer.CILIUM): { app: App; cluster: NetpolCluster } {
  const app = new App();
  return { app, cluster: new NetpolCluster(app, 'test', { renderer }) };
}

/** Every synthesized manifest of an app, as `loadManifests` reads them. */
export async function synthManifests(app: App): Promise<Manifest[]> {
  const files = await synthesizeFiles(app);
  return [...files].filter(([file]) => !file.endsWith('kustomization.yaml')).flatMap(([file, text]) => parseManifests(text, file));
}

/** The input objects as manifests. */
export function inputManifests(objects: readonly Record<string, unknown>[]): Manifest[] {
  return objects.map((object, document) => ({ object: JSON.parse(JSON.stringify(object)) as Manifest['object'], source: { file: 'input.yaml', document } }));
}

/** Expects the synthesized output to allow exactly the flows of the input, on the input's representative topology. */
export async function expectSameFlows(input: readonly Record<string, unknown>[], app: App, cni: 'cilium' | 'kubernetes' = 'cilium'): Promise<Manifest[]> {
  const base = inputManifests(input);
  const head = await synthManifests(app);
  // Pods in `media` and `other` at least, for cluster-wide policies that name no namespace.
  const namespaces = inputManifests(['media', 'other'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })));
  const topology = representativeTopology([...base, ...head, ...namespaces], { combine: true });
  const diff = diffFlows({ label: 'input', manifests: base }, { label: 'synthesized', manifests: head }, topology, { cni });
  expect(diff.changes.map((c) => `${c.change} ${c.from} -> ${c.to}:${c.port}`)).toEqual([]);
  expect(diff.checked).toBeGreaterThan(0);
  return head;
}

/** The lint findings and suppressions of the synthesized output, as `rule object: reason` lines. */
export function lintOf(manifests: readonly Manifest[]): { findings: string[]; suppressed: string[] } {
  const report = lintReport(manifests);
  return {
    findings: report.findings.map((f) => `${f.rule} ${f.object}`),
    suppressed: report.suppressed.map((f) => `${f.rule} ${f.object}: ${f.reason}`),
  };
}
