import type { Manifest } from '../manifests/manifest';
import type { Topology } from '../probe';

/** A candidate fix: set one label on one namespace. */
export interface NamespaceChange {
  /** The namespace to label. */
  readonly namespace: string;
  /** The label key, e.g. `access.network-policy.homelab/postgres`. */
  readonly key: string;
  /** The label value. */
  readonly value: string;
}

/**
 * Applies a label change to the manifests and the topology. Both are changed because the
 * simulator merges Namespace manifests' labels over the topology's: a change made only in the
 * topology would be overwritten by the manifest.
 *
 * @param manifests the manifests (not modified)
 * @param topology the topology (not modified)
 * @param change the label to set
 */
export function applyChange(manifests: readonly Manifest[], topology: Topology, change: NamespaceChange): { manifests: Manifest[]; topology: Topology } {
  const changed = manifests.map((m) => {
    if (m.object.kind !== 'Namespace' || m.object.metadata.name !== change.namespace) return m;
    const labels = { ...m.object.metadata.labels, [change.key]: change.value };
    return { ...m, object: { ...m.object, metadata: { ...m.object.metadata, labels } } };
  });
  const ns = topology.namespaces.get(change.namespace) ?? { labels: {}, pods: new Map() };
  const namespaces = new Map(topology.namespaces).set(change.namespace, { ...ns, labels: { ...ns.labels, [change.key]: change.value } });
  return { manifests: changed, topology: { ...topology, namespaces } };
}

/**
 * A stable key for a change, for caching simulators.
 *
 * @param change the change
 */
export function changeKey(change: NamespaceChange): string {
  return `${change.namespace}\u0000${change.key}\u0000${change.value}`;
}
