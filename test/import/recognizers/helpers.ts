import { Renderer } from '../../../src/constructs/cluster-settings';
import { diffFlows } from '../../../src/diff/diff-flows';
import type { FlowChange } from '../../../src/diff/flow-change';
import { representativeTopology } from '../../../src/flows/representative-topology';
import { loadManifests, parseManifests } from '../../../src/manifests/load';
import type { Manifest } from '../../../src/manifests/manifest';
import type { ImportItem } from '../../../src/import/code-model';
import type { ImportContext, Recognizer } from '../../../src/import/recognizers';
import { isStandIn, renderScratch } from '../../../src/import/recognizers/scratch-cluster';
import { standInsOf } from '../../../src/import/recognizers/claim';

/** The input's namespaces: Namespace objects by name, `undefined` for namespaces only policies name. */
export function contextOf(manifests: readonly Manifest[], renderer: Renderer = Renderer.CILIUM, earlier: readonly ImportItem[] = []): ImportContext {
  const namespaces = new Map<string, Manifest | undefined>();
  for (const m of manifests) if (m.object.kind === 'Namespace') namespaces.set(m.object.metadata.name, m);
  for (const m of manifests) {
    const ns = m.object.metadata.namespace;
    if (ns !== undefined && !namespaces.has(ns)) namespaces.set(ns, undefined);
  }
  return { renderer, namespaces: new Map([...namespaces].sort(([a], [b]) => a.localeCompare(b))), earlier };
}

/** Manifests of a dist folder, without the unapplied ones. */
export function loadDist(dir: string): Manifest[] {
  return loadManifests([dir]).filter((m) => !m.source.file.endsWith('external-namespaces.yaml'));
}

/** Manifests from YAML text. */
export function yaml(text: string): Manifest[] {
  return parseManifests(text, 'input.yaml');
}

/** Runs recognizers in order as the importer does, each offered what the earlier ones left. */
export function runRecognizers(recognizers: readonly Recognizer[], manifests: readonly Manifest[], renderer: Renderer = Renderer.CILIUM): { items: ImportItem[]; remaining: Manifest[] } {
  const items: ImportItem[] = [];
  let remaining = [...manifests];
  for (const recognizer of recognizers) {
    const found = recognizer.recognize(remaining, contextOf(manifests, renderer, items));
    items.push(...found);
    const claimed = new Set(found.flatMap((i) => i.covers));
    remaining = remaining.filter((m) => !claimed.has(m));
  }
  return { items, remaining };
}

/**
 * The flows that differ between the input and what the items synthesize to, with the manifests
 * they do not cover kept as they are (the as-is fallback).
 */
export function flowChanges(manifests: readonly Manifest[], items: readonly ImportItem[], renderer: Renderer = Renderer.CILIUM): readonly FlowChange[] {
  const context = contextOf(manifests, renderer);
  const rendered = renderScratch(items, renderer, standInsOf(context));
  if (!rendered.ok) throw new Error(rendered.problems.join('\n'));
  const covered = new Set(items.flatMap((i) => i.covers));
  const head: Manifest[] = [
    ...manifests.filter((m) => !covered.has(m)),
    ...rendered.objects.filter((o) => !isStandIn(o) && o.unapplied !== true).map((o, i) => ({ object: JSON.parse(JSON.stringify(o.object)), source: { file: 'generated.yaml', document: i } })),
  ];
  const cni = renderer === Renderer.KUBERNETES ? 'kubernetes' : 'cilium';
  const topology = representativeTopology([...manifests, ...head], { combine: true });
  return diffFlows({ label: 'input', manifests: [...manifests] }, { label: 'import', manifests: head }, topology, { cni }).changes;
}

/** `Kind namespace/name` of each manifest, sorted. */
export function names(manifests: readonly Manifest[]): string[] {
  return manifests.map((m) => `${m.object.kind} ${m.object.metadata.namespace ? `${m.object.metadata.namespace}/` : ''}${m.object.metadata.name}`).sort();
}
