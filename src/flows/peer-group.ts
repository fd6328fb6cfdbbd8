import type { Topology } from '../probe/topology';
import type { PortProtocol } from './port-protocol';
import { compareText } from '../model/compare';

/**
 * Peers the simulator cannot tell apart: the pods of one identity (one namespace, equal labels,
 * service account and container ports, and under `--cni kubernetes` the same side of every
 * policy ipBlock), or one peer outside the cluster. Deciding flows once per group pair, and
 * then copying the verdict to every member pair, keeps diff and docs fast on real topologies.
 */
export interface PeerGroup {
  /**
   * The namespace of the pods.
   * @default - none: a peer outside the cluster (an external or an entity)
   */
  readonly namespace?: string;
  /** The peers, as flow peers (`ns/pod`, `external:<name>`, `entity:<name>`), sorted. */
  readonly members: readonly string[];
  /** The container ports the members listen on (empty outside the cluster), sorted. */
  readonly ports: readonly PortProtocol[];
}

/** The name of the external that stands for "any address outside the cluster" (Cilium entity `world`). */
export const WORLD_EXTERNAL = 'world';

/** The reserved identities a diff or docs page checks besides pods and externals. */
export const CANDIDATE_ENTITIES = ['health', 'host', 'kube-apiserver'] as const;

/**
 * The peers outside the cluster a diff or docs page checks: every external of the topology
 * (plus `external:world`, see `withWorld`) and the entities `CANDIDATE_ENTITIES`.
 *
 * @param topology the topology, after `withWorld`
 */
export function outsidePeers(topology: Topology): string[] {
  const externals = [...topology.externals.keys()].sort(compareText).map((name) => `external:${name}`);
  return [...externals, ...CANDIDATE_ENTITIES.map((name) => `entity:${name}`)];
}

/**
 * Adds an external `world` with neither IP nor DNS name, so flows to and from "anywhere
 * outside the cluster" are checked even when the topology lists no externals. Having no
 * address, it matches only entity rules (`world`, `all`), never CIDR or FQDN rules.
 *
 * @param topology the topology
 * @returns the topology, unchanged when it already has an external named `world`
 */
export function withWorld(topology: Topology): Topology {
  if (topology.externals.has(WORLD_EXTERNAL)) return topology;
  return { namespaces: topology.namespaces, externals: new Map(topology.externals).set(WORLD_EXTERNAL, {}) };
}
