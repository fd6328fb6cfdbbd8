import { Bitset } from '../probe/bitset';
import type { FlowSpace } from '../probe/flow-table';
import type { Protocol } from '../probe/flow';
import type { Direction } from '../probe/rule';
import type { PortProtocol } from '../flows/port-protocol';
import type { Endpoint } from '../probe/endpoint';

/** One flow whose verdict differs between the two spaces: peer indexes, the same in both. */
export interface ChangedPair {
  /** The source's index. */
  readonly from: number;
  /** The destination's index. */
  readonly to: number;
}

/**
 * Finds the flows a change touches between two flow spaces over the same peers (each index
 * holds the same pods with the same ports in both: the two sides of a diff when no identity
 * splits or merges) by looking only at what changed. A flow i -> j is allowed when i's egress
 * allows j and j's ingress admits i; a side that `FlowSpace.decidesAlike` in both spaces
 * allows the same peers in both on every port, so a flow can change only when its source's
 * egress or its destination's ingress changed, and then only for the peers that side allows
 * differently:
 * - a changed source i: the destinations its egress allows in exactly one space, plus the
 *   changed destinations it reaches in either (checked both ends);
 * - a changed destination j, for unchanged sources: the sources its ingress admits in exactly
 *   one space, whose (common) egress allows j.
 *
 * Rows are computed on demand and shared between the spaces when alike, so the cost grows
 * with the change, not with the cluster. `diffFlows` checks this against deciding every row of
 * both spaces (`allChangedPairs`).
 */
export class ChangedPairs {
  private readonly changed: Record<Direction, Bitset>;

  /**
   * @param spaces the flow spaces before and after, over the same peers (see `alignedSpaces`)
   */
  constructor(private readonly spaces: readonly [FlowSpace, FlowSpace]) {
    const [before, after] = spaces;
    const changed = (direction: Direction): Bitset => {
      const bits = Bitset.of(before.size);
      for (let i = 0; i < before.size; i++) if (!after.decidesAlike(before, i, direction)) bits.add(i);
      return bits;
    };
    this.changed = { egress: changed('egress'), ingress: changed('ingress') };
  }

  /**
   * The flows whose verdict differs on one port, each once, sources ascending.
   *
   * @param port the port and protocol
   */
  on(port: PortProtocol): ChangedPair[] {
    const rows = new Rows(this.spaces, this.changed, port.port, port.protocol);
    const pairs: ChangedPair[] = [];
    for (const from of this.changed.egress.members()) {
      const before = rows.get(0, 'egress', from);
      const after = rows.get(1, 'egress', from);
      const either = before.clone();
      either.or(after);
      either.and(this.changed.ingress);
      const candidates = before.clone();
      candidates.xor(after);
      candidates.or(either);
      for (const to of candidates.members()) {
        const old = before.has(to) && rows.get(0, 'ingress', to).has(from);
        const now = after.has(to) && rows.get(1, 'ingress', to).has(from);
        if (old !== now) pairs.push({ from, to });
      }
    }
    for (const to of this.changed.ingress.members()) {
      const candidates = rows.get(0, 'ingress', to).clone();
      candidates.xor(rows.get(1, 'ingress', to));
      candidates.andNot(this.changed.egress);
      // An unchanged source's egress is one row for both spaces.
      for (const from of candidates.members()) if (rows.get(0, 'egress', from).has(to)) pairs.push({ from, to });
    }
    return pairs.sort((a, b) => a.from - b.from || a.to - b.to);
  }
}

/**
 * Every flow whose verdict differs on one port, from the full tables of both spaces: the
 * reference `ChangedPairs` must agree with, and what `diffFlows` uses when the spaces are not
 * over the same peers.
 *
 * @param spaces the flow spaces before and after, over the same peers
 * @param port the port and protocol
 */
export function allChangedPairs(spaces: readonly [FlowSpace, FlowSpace], port: PortProtocol): ChangedPair[] {
  const tables = spaces.map((space) => space.table(port.port, port.protocol));
  const pairs: ChangedPair[] = [];
  for (let from = 0; from < spaces[0].size; from++) {
    const bits = tables[0].from(from);
    bits.xor(tables[1].from(from));
    for (const to of bits.members()) pairs.push({ from, to });
  }
  return pairs;
}

/**
 * Whether two flow spaces are over the same peers: same size, and each pod identity index holds
 * the same pods with the same container ports (namespace labels may differ).
 *
 * @param spaces the two spaces
 */
export function alignedSpaces(spaces: readonly [FlowSpace, FlowSpace]): boolean {
  const [a, b] = spaces;
  if (a.size !== b.size) return false;
  for (let i = 0; i < a.size; i++) if (peerKey(a.endpoint(i)) !== peerKey(b.endpoint(i))) return false;
  return true;
}

/** What a peer is apart from its namespace labels: its pods, pod labels, ports and address. */
function peerKey(endpoint: Endpoint): string {
  const peer = endpoint.kind === 'pod'
    ? { namespace: endpoint.identity.namespace, pods: endpoint.identity.pods, labels: endpoint.identity.podLabels, ports: endpoint.identity.ports, ip: endpoint.identity.ip }
    : endpoint;
  return JSON.stringify(peer, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

/** The rows of both spaces on one port, computed when first asked; a side alike in both spaces is one row. */
class Rows {
  private readonly cache: Record<Direction, Map<number, Bitset>>[] = [{ egress: new Map(), ingress: new Map() }, { egress: new Map(), ingress: new Map() }];

  constructor(
    private readonly spaces: readonly [FlowSpace, FlowSpace],
    private readonly changed: Record<Direction, Bitset>,
    private readonly port: number,
    private readonly protocol: Protocol,
  ) {}

  get(space: 0 | 1, direction: Direction, index: number): Bitset {
    const which = space === 1 && !this.changed[direction].has(index) ? 0 : space;
    const cache = this.cache[which][direction];
    let row = cache.get(index);
    if (row === undefined) {
      row = this.spaces[which].side(direction, index, this.port, this.protocol);
      cache.set(index, row);
    }
    return row;
  }
}
