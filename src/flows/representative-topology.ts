import type { Manifest } from '../manifests/manifest';
import type { Topology, TopologyNamespace, TopologyPod } from '../probe/topology';
import { compareText } from '../model/compare';

/** Cilium's label holding a pod's namespace (docs.cilium.io, Policy Language > Namespaces). */
const CILIUM_NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
/** The namespace label Kubernetes sets on every namespace, used by NetworkPolicy namespaceSelectors. */
const KUBERNETES_NAMESPACE_KEY = 'kubernetes.io/metadata.name';
const PEER_FIELDS = ['fromEndpoints', 'toEndpoints'] as const;
const SECTIONS = ['ingress', 'egress', 'ingressDeny', 'egressDeny'] as const;

/** A pod label set some policy selects in a namespace. */
interface Selection {
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** Options of `representativeTopology`. */
export interface RepresentativeTopologyOptions {
  /**
   * Also build the pods real workloads may be: each pair of label sets selected in one namespace
   * that do not contradict each other gives a pod carrying both, and `matchExpressions`
   * requirements count (`Exists` as the value `exists`). Policies alone
   * cannot tell which labels a workload carries together (Argo puts
   * `workflows.argoproj.io/workflow` on every workflow pod, whatever other labels select it), so a
   * check that claims "no pod can ever ..." (lint's one-sided-flow) must consider these pods too.
   *
   * @default false - one pod per label set a `matchLabels` selects, as a docs page shows them
   */
  readonly combine?: boolean;
}

/**
 * Builds a topology for a docs page when none is given: every namespace that has a `Namespace`
 * manifest or holds a namespaced policy gets one representative pod per distinct pod label set
 * that the policies select in it (`matchLabels` of an endpointSelector/podSelector, or of a
 * peer naming the namespace), named after the label values (e.g. `kube-system/kube-dns`), or a
 * single pod `pod` without labels when no policy selects its pods by label. So the well-known
 * workloads (cluster DNS, gateways, Prometheus, shared services) show up under their own names.
 *
 * `matchExpressions` (unless `options.combine`), namespace-label and service-account selector
 * keys are not used.
 *
 * @param manifests the manifests
 * @param options whether to combine label sets
 */
export function representativeTopology(manifests: readonly Manifest[], options: RepresentativeTopologyOptions = {}): Topology {
  const expressions = options.combine === true;
  const namespaces = new Set<string>();
  const selections: Selection[] = [];
  for (const manifest of manifests) {
    const { kind, metadata } = manifest.object;
    if (kind === 'Namespace') namespaces.add(metadata.name);
    else if (metadata.namespace !== undefined && isPolicy(manifest)) namespaces.add(metadata.namespace);
    if (isPolicy(manifest)) selections.push(...policySelections(manifest, expressions));
  }
  const result = new Map<string, TopologyNamespace>();
  for (const ns of [...namespaces].sort(compareText)) {
    const sets = new Map<string, Record<string, string>>();
    for (const s of selections) {
      if (s.namespace === ns && Object.keys(s.labels).length > 0) sets.set(labelKey(s.labels), s.labels);
    }
    if (options.combine) {
      const single = [...sets.values()];
      for (let i = 0; i < single.length; i++) {
        for (let j = i + 1; j < single.length; j++) {
          const [a, b] = [single[i], single[j]];
          if (Object.keys(a).some((key) => key in b && a[key] !== b[key])) continue;
          const both = { ...a, ...b };
          sets.set(labelKey(both), both);
        }
      }
    }
    const pods = new Map<string, TopologyPod>();
    for (const key of [...sets.keys()].sort(compareText)) {
      const labels = sets.get(key)!;
      pods.set(uniqueName(podName(labels), pods), { labels });
    }
    if (pods.size === 0) pods.set('pod', { labels: {} });
    result.set(ns, { labels: {}, pods });
  }
  return { namespaces: result, externals: new Map() };
}

function policySelections(manifest: Manifest, expressions: boolean): Selection[] {
  const object = manifest.object as Record<string, unknown>;
  const home = manifest.object.metadata.namespace;
  if (manifest.object.kind === 'NetworkPolicy') {
    const spec = record(object.spec);
    if (home === undefined) return [];
    const own = selectorLabels(record(spec.podSelector), expressions);
    const peers = SECTIONS.flatMap((section) => list(spec[section])).flatMap((rule) => [...list(rule.from), ...list(rule.to)])
      .flatMap((peer): Selection[] => {
        if (peer.podSelector === undefined) return [];
        const labels = selectorLabels(record(peer.podSelector), expressions);
        if (peer.namespaceSelector === undefined) return [{ namespace: home, labels }];
        const ns = matchLabels(record(peer.namespaceSelector).matchLabels)[KUBERNETES_NAMESPACE_KEY];
        return ns === undefined ? [] : [{ namespace: ns, labels }];
      });
    return [{ namespace: home, labels: own }, ...peers];
  }
  const specs = [object.spec, ...list(object.specs)].map(record);
  return specs.flatMap((spec) => [
    ...ciliumSelection(record(spec.endpointSelector), home, expressions),
    ...SECTIONS.flatMap((section) => list(spec[section]))
      .flatMap((rule) => PEER_FIELDS.flatMap((field) => list(rule[field])))
      .flatMap((selector) => ciliumSelection(selector, home, expressions)),
  ]);
}

/**
 * A Cilium selector selects pods of one namespace when it names it (`io.kubernetes.pod.namespace`)
 * or, in a CNP, of the CNP's own namespace, unless it selects by namespace labels.
 */
function ciliumSelection(selector: Record<string, unknown>, home: string | undefined, expressions: boolean): Selection[] {
  const labels: Record<string, string> = {};
  let named: string | undefined;
  let byNamespaceLabels = false;
  for (const [rawKey, value] of Object.entries(selectorLabels(selector, expressions))) {
    if (rawKey.startsWith('reserved:')) return [];
    const key = rawKey.replace(/^(k8s|any):/, '');
    if (key === CILIUM_NAMESPACE_KEY) named = value;
    else if (key.startsWith('io.cilium.k8s.namespace.labels.')) byNamespaceLabels = true;
    else if (!key.startsWith('io.cilium.k8s.') && !key.startsWith('io.kubernetes.')) labels[key] = value;
  }
  const namespace = named ?? (byNamespaceLabels ? undefined : home);
  return namespace === undefined ? [] : [{ namespace, labels }];
}

function isPolicy(manifest: Manifest): boolean {
  const { apiVersion, kind } = manifest.object;
  const group = apiVersion.split('/')[0];
  return (kind === 'NetworkPolicy' && group === 'networking.k8s.io')
    || ((kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy') && group === 'cilium.io');
}

function podName(labels: Record<string, string>): string {
  const name = Object.keys(labels).sort(compareText).map((key) => labels[key]).join('-')
    .toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return name || 'pod';
}

function uniqueName(name: string, taken: ReadonlyMap<string, unknown>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}-${i}`;
  return candidate;
}

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => compareText(a, b)));
}

/**
 * The labels a pod needs to match a selector: its `matchLabels`, and with `expressions` the keys
 * `Exists` requires (value `exists`). `NotIn` and `DoesNotExist` hold for a pod without the key;
 * `In` picks among values the other selections already name, so they add nothing.
 */
function selectorLabels(selector: Record<string, unknown>, expressions: boolean): Record<string, string> {
  const labels = matchLabels(selector.matchLabels);
  if (!expressions) return labels;
  for (const expression of list(selector.matchExpressions)) {
    const { key, operator } = expression;
    if (typeof key !== 'string' || key in labels) continue;
    if (operator === 'Exists') labels[key] = 'exists';
  }
  return labels;
}

function matchLabels(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, v] of Object.entries(record(value))) if (typeof v === 'string') result[key] = v;
  return result;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record) : [];
}

/**
 * Adds representative pods (see `representativeTopology`) for the namespaces the manifests
 * name but the topology lacks, so a change that adds a namespace still shows its flows.
 *
 * @param topology the topology
 * @param manifests the manifests (both sides of a diff)
 * @returns the completed topology and the namespaces added, sorted
 */
export function addMissingNamespaces(topology: Topology, manifests: readonly Manifest[]): { topology: Topology; added: string[] } {
  const representative = representativeTopology(manifests).namespaces;
  const added = [...representative.keys()].filter((ns) => !topology.namespaces.has(ns));
  if (added.length === 0) return { topology, added };
  const namespaces = new Map(topology.namespaces);
  for (const ns of added) namespaces.set(ns, representative.get(ns)!);
  return { topology: { namespaces, externals: topology.externals }, added };
}
