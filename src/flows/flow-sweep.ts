import { compareText } from '../model/compare';
import type { Simulator } from '../probe/simulator';
import type { PeerGroup } from './peer-group';
import type { PolicyPorts } from './policy-ports';
import { formatPort, uniquePorts, type PortProtocol } from './port-protocol';

/** A peer group of one or more simulators: pods every one of them treats alike, or one peer outside the cluster. */
export interface JointGroup extends PeerGroup {
  /** Position in the list of groups. */
  readonly position: number;
  /** The group's index in each simulator's flow space (`Simulator.flowSpace`), in the simulators' order. */
  readonly indexes: readonly number[];
}

/**
 * Groups the pods so that every simulator treats the members of a group alike: pods share a
 * group when they share an identity in each simulator (see `Simulator.identityList`); then one
 * group per peer outside the cluster (see `outsidePeers`), at the flow-space index
 * `identities + k` of each simulator.
 *
 * @param simulators the simulators, built over the same topology (e.g. both sides of a diff)
 * @param outside the peers outside the cluster, as given to `Simulator.flowSpace`
 */
export function jointGroups(simulators: readonly Simulator[], outside: readonly string[]): JointGroup[] {
  const identityOf = simulators.map((sim) => {
    const byPod = new Map<string, number>();
    for (const identity of sim.identityList()) for (const pod of identity.pods) byPod.set(pod, identity.index);
    return byPod;
  });
  const groups = new Map<string, { namespace: string; members: string[]; ports: readonly PortProtocol[]; indexes: number[] }>();
  for (const identity of simulators[0].identityList()) {
    for (const pod of identity.pods) {
      const indexes = identityOf.map((byPod) => byPod.get(pod)!);
      const key = indexes.join(' ');
      const group = groups.get(key) ?? { namespace: identity.namespace, members: [], ports: uniquePorts(identity.ports), indexes };
      group.members.push(pod);
      groups.set(key, group);
    }
  }
  // In the order of each group's first pod, so output is stable.
  const list = [...groups.values()].map((g) => ({ ...g, members: [...g.members].sort(compareText) }))
    .sort((a, b) => compareText(a.members[0], b.members[0]));
  const result: JointGroup[] = list.map((g, position) => ({ namespace: g.namespace, members: g.members, ports: g.ports, position, indexes: g.indexes }));
  const counts = simulators.map((sim) => sim.identityList().length);
  outside.forEach((peer, k) => result.push({ members: [peer], ports: [], position: result.length, indexes: counts.map((n) => n + k) }));
  return result;
}

/**
 * The ports a review checks: every port the policies name (see `collectPolicyPorts`), the
 * outside port, and the destinations' own container ports. A destination is checked on a port
 * when a policy names it, when it is the outside port, or when it listens on it: any other
 * port is decided exactly like the outside port.
 */
export class SweepPorts {
  /** Every port checked for some destination, sorted. */
  readonly ports: readonly PortProtocol[];
  private readonly everywhere: ReadonlySet<string>;

  /**
   * @param policyPorts the policies' ports
   * @param groups the peer groups
   */
  constructor(policyPorts: PolicyPorts, groups: readonly PeerGroup[]) {
    this.ports = uniquePorts([...policyPorts.ports, policyPorts.outside, ...groups.flatMap((g) => g.ports)]);
    this.everywhere = new Set([...policyPorts.ports, policyPorts.outside].map(formatPort));
  }

  /**
   * Whether flows to a destination are checked on a port.
   *
   * @param port the port
   * @param destination the destination group
   */
  checks(port: PortProtocol, destination: PeerGroup): boolean {
    const key = formatPort(port);
    return this.everywhere.has(key) || destination.ports.some((p) => formatPort(p) === key);
  }

  /**
   * How many group pairs are decided on a port (what `isCandidatePair` and `checks` admit),
   * counted without enumerating them.
   *
   * @param port the port
   * @param groups the peer groups
   */
  count(port: PortProtocol, groups: readonly PeerGroup[]): number {
    const pods = groups.filter((g) => g.namespace !== undefined).length;
    let count = 0;
    for (const to of groups) {
      if (!this.checks(port, to)) continue;
      count += to.namespace === undefined ? pods : groups.length - (to.members.length > 1 ? 0 : 1);
    }
    return count;
  }
}

/**
 * Whether a pair of groups is a candidate: not two peers outside the cluster, and a group to
 * itself only when it has two members (a flow between two of them; no pod talks to itself here).
 *
 * @param from the source group
 * @param to the destination group
 */
export function isCandidatePair(from: PeerGroup, to: PeerGroup): boolean {
  if (from.namespace === undefined && to.namespace === undefined) return false;
  return from !== to || from.members.length > 1;
}

/**
 * Indexes groups by their flow-space index in one simulator (several groups can share an
 * identity of one simulator when another tells them apart).
 *
 * @param groups the groups
 * @param simulator which simulator's index (position in `JointGroup.indexes`)
 * @param size the size of that simulator's flow space
 */
export function groupsByIndex(groups: readonly JointGroup[], simulator: number, size: number): JointGroup[][] {
  const byIndex: JointGroup[][] = Array.from({ length: size }, () => []);
  for (const group of groups) byIndex[group.indexes[simulator]].push(group);
  return byIndex;
}
