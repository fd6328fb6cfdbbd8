import { Entity } from './entity';
import type { Peer } from './peer';

/**
 * Why a peer reaches further than a role of the design may: pods of every namespace, selected by
 * pod labels at most (which any pod anyone creates anywhere can carry), or an entity that
 * stands for every endpoint (`cluster`, `all`) or the internet (`world`).
 *
 * @param peer the peer
 * @returns the reach in words, e.g. `every pod of every namespace`, or undefined when the peer is pinned to namespaces
 */
export function everyNamespaceReach(peer: Peer): string | undefined {
  const spec = peer.spec;
  if (spec.kind === 'entity') {
    if (spec.entity === Entity.CLUSTER) return 'every endpoint of the cluster (entity cluster)';
    if (spec.entity === Entity.ALL) return 'every endpoint and the internet (entity all)';
    if (spec.entity === Entity.WORLD) return 'the internet (entity world)';
    return undefined;
  }
  if (spec.kind !== 'endpoints' || !spec.anyNamespace || spec.namespaceLabels !== undefined) return undefined;
  const labels = Object.entries(spec.podLabels).map(([k, v]) => `${k}=${v}`).join(',');
  return labels === ''
    ? 'every pod of every namespace'
    : `pods labelled ${labels} in every namespace (any pod anyone creates, in any namespace, can carry those labels)`;
}
