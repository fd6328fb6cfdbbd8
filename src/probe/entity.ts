/**
 * Cilium entities (docs.cilium.io Policy Language > Layer 3 > Entities Based): names of
 * reserved identities usable in `fromEntities`/`toEntities`.
 */

/** Every entity name Cilium accepts in `fromEntities`/`toEntities`. */
export const CILIUM_ENTITIES = [
  'all', 'cluster', 'world', 'world-ipv4', 'world-ipv6', 'host', 'remote-node', 'kube-apiserver',
  'ingress', 'health', 'init', 'unmanaged', 'none',
] as const;

/** An entity name. */
export type CiliumEntity = typeof CILIUM_ENTITIES[number];

/**
 * The reserved identities `cluster` stands for besides every pod
 * (pkg/policy/api/entity.go: EntitySelectorMapping[EntityCluster]).
 */
const CLUSTER_ENTITIES = new Set(['host', 'remote-node', 'health', 'init', 'ingress', 'unmanaged', 'kube-apiserver']);

/** What an endpoint is, for entity matching. */
export type EntityTarget = { readonly kind: 'pod' } | { readonly kind: 'world'; readonly family?: 4 | 6 } | { readonly kind: 'reserved'; readonly name: string };

/**
 * Whether an entity selects an endpoint: `all` = cluster + world; `cluster` = every pod plus
 * the reserved cluster identities; `world` = addresses outside the cluster; `none` = nothing
 * (pkg/policy/api/entity.go: EntityNone "can be selected but never exist"; a rule naming it still
 * gives its section a rule, so the subject is in default-deny).
 *
 * @param entity the entity named in a rule
 * @param target the endpoint
 */
export function entitySelects(entity: CiliumEntity, target: EntityTarget): boolean {
  if (entity === 'all') return true;
  if (entity === 'none') return false;
  switch (target.kind) {
    case 'pod': return entity === 'cluster';
    case 'world': return entity === 'world' || (entity === 'world-ipv4' && target.family !== 6) || (entity === 'world-ipv6' && target.family !== 4);
    case 'reserved': return entity === target.name || (entity === 'cluster' && CLUSTER_ENTITIES.has(target.name));
  }
}
