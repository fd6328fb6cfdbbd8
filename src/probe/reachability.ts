import type { Protocol } from './flow';
import type { FlowSpace } from './flow-table';
import type { Identities } from './identity';

/** The pod-to-pod truth table for one port: `rows[i][j]` is `.` when `pods[i]` reaches `pods[j]`, `X` when not. */
export interface Reachability {
  /** The port. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /** Every pod, sorted: the row and column order. */
  readonly pods: readonly string[];
  /** One string per source pod, one character per destination pod. */
  readonly rows: readonly string[];
}

/** What `computeReachability` needs from the simulator. */
export interface ReachabilityInput {
  /** The pod identities. */
  readonly identities: Identities;
  /** The simulator's flow space over the pod identities (see `Simulator.flowSpace`). */
  readonly space: FlowSpace;
  /** The destination port. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /** The pods, sorted: the rows and columns. */
  readonly pods: readonly string[];
}

/**
 * Computes the truth table per identity pair with the flow space's bitsets (same decision as
 * `decideDirection`, restricted to pod-to-pod flows), then spreads it to the pods.
 *
 * @param input identities, flow space, port, protocol and pods
 */
export function computeReachability(input: ReachabilityInput): Reachability {
  const { identities, space, port, protocol, pods } = input;
  const table = space.table(port, protocol);
  const reach = identities.list.map((identity) => table.from(identity.index));
  const podIdentity = pods.map((pod) => identities.byPod.get(pod)!.index);
  const rows = podIdentity.map((a) => {
    const out = reach[a];
    const chars = new Array<string>(podIdentity.length);
    for (let j = 0; j < podIdentity.length; j++) chars[j] = out.has(podIdentity[j]) ? '.' : 'X';
    return chars.join('');
  });
  return { port, protocol, pods, rows };
}
