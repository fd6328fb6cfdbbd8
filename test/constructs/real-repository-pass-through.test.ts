import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  CiliumPolicy, DeclaredNamespace, diffFlows, KubernetesPolicy, loadManifests, NetpolCluster, PolicyError, Renderer,
  synthesizeFiles, type AcceptedRisks, type Manifest, type SpecRisk,
} from '../../src';
import { representativeTopology } from '../../src/flows/representative-topology';
import { ACCESS_LABEL_PREFIX, ENFORCEMENT_LABEL, ENFORCEMENT_REASON_ANNOTATION, LABEL_DOMAIN } from '../../src/model/labels';
import { synthManifests } from './pass-through-helpers';

/*
 * Every policy of real repositories, kept as written: each CiliumNetworkPolicy and CCNP becomes a
 * `CiliumPolicy`, each NetworkPolicy a `KubernetesPolicy`, each Namespace a `DeclaredNamespace`,
 * with exactly the opt-ins `risksOf` names (and `oneSidedFlows` where synthesis finds one), as
 * `netpol import` does for what it recognizes no pattern in. The output must allow exactly the
 * input's flows.
 */
const REPOSITORIES = [
  'test/fixtures/lint/real/home-cluster',
  'test/fixtures/import/JJGadgets-Biohazard',
  'test/fixtures/import/haraldkoch-kochhaus-home',
  'test/fixtures/import/jfroy-flatops',
  'test/fixtures/import/cilium-cilium-examples',
  // The library's own output, kept as-is: design labels on Namespaces, the escape hatch, NetworkPolicy.
  'dist/homelab',
  'dist/edge',
];
const POLICY_KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'NetworkPolicy'];
const REASON = 'imported: kept as the repository had it';

/** The opt-ins that keep what `risksOf` found. */
function optIns(risks: readonly SpecRisk[], oneSided: boolean): { acceptRisks?: AcceptedRisks; hardCodedIpReason?: string } {
  const accepted: Record<string, string> = {};
  for (const { risk } of risks) if (risk !== 'hardCodedIp' && risk !== 'invalid') accepted[risk] = REASON;
  if (oneSided) accepted.oneSidedFlows = REASON;
  return {
    ...(Object.keys(accepted).length > 0 ? { acceptRisks: accepted as AcceptedRisks } : {}),
    ...(risks.some((r) => r.risk === 'hardCodedIp') ? { hardCodedIpReason: REASON } : {}),
  };
}

/** The cluster definition that keeps every policy and Namespace of `input` as written. */
function define(input: readonly Manifest[], renderer: Renderer, oneSided: ReadonlySet<string>): App {
  const app = new App();
  const cluster = new NetpolCluster(app, 'imported', { renderer });
  const ids = new Set<string>();
  const idOf = (m: Manifest): string => {
    const base = `${m.object.kind}-${m.object.metadata.namespace ?? ''}-${m.object.metadata.name}`;
    let id = base;
    for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
    ids.add(id);
    return id;
  };
  for (const m of input) {
    const { kind, metadata } = m.object;
    const spec = (m.object as { spec?: Record<string, unknown> }).spec ?? {};
    const id = idOf(m);
    if (kind === 'Namespace') {
      const labels = Object.fromEntries(Object.entries(metadata.labels ?? {}));
      const design: Record<string, string> = {};
      for (const key of Object.keys(labels)) {
        if (key.startsWith(`${LABEL_DOMAIN}/`) || key.startsWith(ACCESS_LABEL_PREFIX)) { design[key] = labels[key]; delete labels[key]; }
      }
      const disabled = design[ENFORCEMENT_LABEL] === 'disabled';
      delete design[ENFORCEMENT_LABEL];
      new DeclaredNamespace(cluster, id, {
        name: metadata.name, labels,
        ...(Object.keys(design).length > 0 ? { designLabels: { labels: design, reason: REASON } } : {}),
        ...(disabled ? { disableEnforcement: { reason: metadata.annotations?.[ENFORCEMENT_REASON_ANNOTATION] ?? REASON } } : {}),
        ...(renderer === Renderer.KUBERNETES ? { noDefaultDeny: { reason: REASON } } : {}),
      });
    } else if (kind === 'NetworkPolicy') {
      // A namespaced object without a namespace is in `default` for the simulator (a Kustomization's
      // `namespace` would set it; an importer asks for it).
      new KubernetesPolicy(cluster, id, { name: metadata.name, namespace: metadata.namespace ?? 'default', spec, ...optIns(KubernetesPolicy.risksOf(spec, { renderer }), oneSided.has(id)) });
    } else {
      const namespace = kind === 'CiliumNetworkPolicy' ? metadata.namespace ?? 'default' : undefined;
      const specs = (m.object as { specs?: Record<string, unknown>[] }).specs;
      const written = specs !== undefined ? { specs } : { spec };
      new CiliumPolicy(cluster, id, { name: metadata.name, ...(namespace !== undefined ? { namespace } : {}), ...written, ...optIns(CiliumPolicy.risksOf(specs ?? spec, { namespace }), oneSided.has(id)) });
    }
  }
  return app;
}

/** Synthesizes the definition, adding `oneSidedFlows` to the policies synthesis finds one-sided. */
async function synthesizeKept(input: readonly Manifest[], renderer: Renderer): Promise<Manifest[]> {
  let app = define(input, renderer, new Set());
  try {
    await synthesizeFiles(app);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const oneSided = new Set([...error.message.matchAll(/\[imported\/([^\]]+)\] One-sided flow/g)].map((m) => m[1]));
    if (oneSided.size === 0) throw error;
    app = define(input, renderer, oneSided);
  }
  return synthManifests(app);
}

describe.each(REPOSITORIES)('every policy of %s, kept as written', (repository) => {
  // Cilium's `l7/http/http.yaml` (`rules.HTTP`, which the CRD's L7Rules oneOf refuses) is not in
  // the fixture: every reader refuses it, as the API server does (test/probe/cilium-policy.test.ts).
  const input = loadManifests([repository]).filter((m) => m.object.kind === 'Namespace' || POLICY_KINDS.includes(m.object.kind));
  const renderer = input.some((m) => m.object.kind.startsWith('Cilium')) ? Renderer.CILIUM : Renderer.KUBERNETES;

  test('synthesizes, with every spec passed through, and allows exactly the input\'s flows', async () => {
    const output = await synthesizeKept(input, renderer);
    const key = (m: Manifest): string => `${m.object.kind} ${m.object.kind === 'CiliumClusterwideNetworkPolicy' || m.object.kind === 'Namespace' ? '' : m.object.metadata.namespace ?? 'default'}/${m.object.metadata.name}`;
    const specOf = (m: Manifest): unknown => (m.object as { spec?: unknown; specs?: unknown }).specs ?? (m.object as { spec?: unknown }).spec;
    const specs = new Map(output.map((m) => [key(m), specOf(m)]));
    for (const m of input.filter((p) => p.object.kind !== 'Namespace')) expect(specs.get(key(m)), key(m)).toEqual(specOf(m));
    const topology = representativeTopology(input, { combine: true });
    const diff = diffFlows({ label: 'input', manifests: [...input] }, { label: 'kept', manifests: output }, topology, { cni: renderer === Renderer.CILIUM ? 'cilium' : 'kubernetes' });
    expect(diff.changes.map((c) => `${c.change} ${c.from} -> ${c.to}:${c.port}`)).toEqual([]);
    expect(diff.checked).toBeGreaterThan(100);
    // What a real repository trips, per opt-in: the objects whose annotation states each reason.
    const census: Record<string, number> = {};
    for (const m of output) {
      const annotations = m.object.metadata.annotations ?? {};
      for (const line of (annotations['network-policy.homelab/lint-ignore'] ?? '').split('\n').filter(Boolean)) census[line.split(':')[0]] = (census[line.split(':')[0]] ?? 0) + 1;
      if (annotations['network-policy.homelab/address-reasons'] !== undefined) census['address-reasons'] = (census['address-reasons'] ?? 0) + 1;
      if (annotations['network-policy.homelab/design-labels-reason'] !== undefined) census.designLabels = (census.designLabels ?? 0) + 1;
    }
    expect(census).toMatchSnapshot();
  }, 120_000);
});
