import type { Cni } from '../probe/flow';
import type { Topology } from '../probe/topology';
import { uniquePorts, type PortProtocol } from './port-protocol';
import { compareText } from '../model/compare';

/**
 * Peers the simulator cannot tell apart: pods of one namespace with equal labels, service
 * account and container ports (and IP under `--cni kubernetes`, where `ipBlock` matches pod
 * IPs), or one peer outside the cluster. Deciding a flow once per group pair, and then
 * copying the verdict to every member pair, keeps diff and docs fast on real topologies.
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
 * Groups the pods of a topology into identities (see `PeerGroup`), in namespace order.
 *
 * Cilium decides on the security identity, i.e. pod labels plus namespace labels
 * (docs.cilium.io, Security Identities); named ports and, for NetworkPolicy `ipBlock` under
 * `--cni kubernetes`, the pod IP also matter, so they are part of the key.
 *
 * @param topology the topology
 * @param cni the enforcer the simulator models
 */
export function podGroups(topology: Topology, cni: Cni): PeerGroup[] {
  const groups = new Map<string, { namespace: string; members: string[]; ports: readonly PortProtocol[] }>();
  for (const ns of Object.keys(topology.namespaces).sort(compareText)) {
    const pods = topology.namespaces[ns].pods;
    for (const name of Object.keys(pods).sort(compareText)) {
      const pod = pods[name];
      const ports = uniquePorts(pod.ports ?? []);
      const key = JSON.stringify([
        ns,
        Object.entries(pod.labels).sort(([a], [b]) => compareText(a, b)),
        pod.serviceAccount ?? 'default',
        [...(pod.ports ?? [])].map((p) => `${p.name}=${p.port}/${p.protocol}`).sort(compareText),
        cni === 'kubernetes' ? pod.ip ?? '' : '',
      ]);
      const group = groups.get(key) ?? { namespace: ns, members: [], ports };
      group.members.push(`${ns}/${name}`);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/**
 * The peers outside the cluster a diff or docs page checks, one group each: every external
 * of the topology (plus `external:world`, see `withWorld`) and the entities
 * `CANDIDATE_ENTITIES`.
 *
 * @param topology the topology, after `withWorld`
 */
export function outsideGroups(topology: Topology): PeerGroup[] {
  const externals = Object.keys(topology.externals).sort(compareText).map((name) => `external:${name}`);
  const entities = CANDIDATE_ENTITIES.map((name) => `entity:${name}`);
  return [...externals, ...entities].map((peer) => ({ members: [peer], ports: [] }));
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
  if (WORLD_EXTERNAL in topology.externals) return topology;
  return { namespaces: topology.namespaces, externals: { ...topology.externals, [WORLD_EXTERNAL]: {} } };
}
