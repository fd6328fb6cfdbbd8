import type { Flow } from '../probe/flow';
import type { PeerGroup } from './peer-group';
import type { PolicyPorts } from './policy-ports';
import { uniquePorts, type PortProtocol } from './port-protocol';

/** One flow to decide, between two peer groups, and the groups it stands for. */
export interface CandidateFlow {
  /** The group of the source. */
  readonly from: PeerGroup;
  /** The group of the destination. */
  readonly to: PeerGroup;
  /** The flow between one member of each group (two different members within one group). */
  readonly flow: Flow;
}

/**
 * Enumerates the flows worth deciding: every group to every group, except between two peers
 * outside the cluster, on every port of `ports.ports`, the destination's own container ports
 * and `ports.outside`. A port number that no policy names and the destination does not listen
 * on is decided exactly like `ports.outside`, so other pods' ports are not repeated here.
 * A group of one pod gets no flow to itself.
 *
 * @param groups the peer groups (see `podGroups`, `outsideGroups`)
 * @param ports the ports the policies name
 */
export function candidateFlows(groups: readonly PeerGroup[], ports: PolicyPorts): CandidateFlow[] {
  const flows: CandidateFlow[] = [];
  for (const to of groups) {
    const destinationPorts = uniquePorts([...ports.ports, ...to.ports, ports.outside]);
    for (const from of groups) {
      if (from.namespace === undefined && to.namespace === undefined) continue;
      const target = from === to ? to.members[1] : to.members[0];
      if (target === undefined) continue;
      for (const port of destinationPorts) flows.push({ from, to, flow: flowOf(from.members[0], target, port) });
    }
  }
  return flows;
}

/**
 * The flows between the members of the groups a candidate stands for (no peer to itself).
 *
 * @param candidate the candidate flow
 */
export function memberFlows(candidate: CandidateFlow): Flow[] {
  const { port, protocol } = candidate.flow;
  return candidate.from.members.flatMap((from) => candidate.to.members
    .filter((to) => to !== from)
    .map((to) => ({ from, to, port, protocol })));
}

function flowOf(from: string, to: string, port: PortProtocol): Flow {
  return { from, to, port: port.port, protocol: port.protocol };
}
