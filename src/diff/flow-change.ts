import type { Flow } from '../probe/flow';

/** A flow a change opens (denied before, allowed after) or closes (allowed before, denied after). */
export interface FlowChange extends Flow {
  /** `opened` or `closed`. */
  readonly change: 'opened' | 'closed';
  /** The source namespace, or the source peer itself when it is outside the cluster. */
  readonly group: string;
  /**
   * The sides whose verdict the change flips: `egress` (the source's policies changed) and/or
   * `ingress` (the destination's), see `changeCause`.
   */
  readonly sides: readonly ('egress' | 'ingress')[];
  /** The verdict before the change. */
  readonly before: 'allow' | 'deny';
  /** The verdict after the change. */
  readonly after: 'allow' | 'deny';
  /**
   * The policies that decide the change: the `by` (after the change) of each side whose
   * verdict changed, sorted. Empty when no policy decides, e.g. a default deny.
   */
  readonly decidedBy: readonly string[];
  /**
   * Why the deciding side denies after the change, when no policy is named.
   *
   * @default - absent when `decidedBy` names a policy or the flow is opened
   */
  readonly reason?: string;
}

/** What `diffFlows` finds between two manifest sets. */
export interface FlowDiff {
  /** A label for the side before the change (directory or git ref). */
  readonly base: string;
  /** A label for the side after the change. */
  readonly head: string;
  /** Every changed flow, sorted by group, source, destination, port and protocol. */
  readonly changes: readonly FlowChange[];
  /** How many flows were decided on each side (per peer group, before copying to members). */
  readonly checked: number;
  /** The simulator's notices of both sides, deduplicated and sorted. */
  readonly notices: readonly string[];
}

/**
 * Writes a flow the way the diff lists it: `namespace/pod -> peer:port/proto`.
 *
 * @param flow the flow
 */
export function formatFlow(flow: Flow): string {
  return `${flow.from} -> ${flow.to}:${flow.port}/${flow.protocol}`;
}

/**
 * Counts the opened and closed flows of a diff.
 *
 * @param diff the diff
 */
export function countChanges(diff: FlowDiff): { opened: number; closed: number } {
  const opened = diff.changes.filter((c) => c.change === 'opened').length;
  return { opened, closed: diff.changes.length - opened };
}

/**
 * The "decided by" of a change as text: its policies, or the reason when none is named.
 *
 * @param change the change
 */
export function decidedByText(change: FlowChange): string {
  if (change.decidedBy.length > 0) return change.decidedBy.join(', ');
  return change.reason ?? 'no policy (default allow or deny)';
}

/**
 * What caused a change, by whose policies changed: `egress of app`, `ingress of db`, or both
 * (a namespace for pods, the peer itself outside the cluster).
 *
 * @param change the change
 */
export function changeCause(change: FlowChange): string {
  return change.sides.map((side) => `${side} of ${peerGroup(side === 'egress' ? change.from : change.to)}`).join(' and ');
}

/**
 * The group a peer is listed under: its namespace, or the peer itself outside the cluster.
 *
 * @param peer `ns/pod`, `external:<name>` or `entity:<name>`
 */
export function peerGroup(peer: string): string {
  return peer.includes(':') ? peer : peer.split('/')[0];
}

/**
 * Groups changes by `group`, keeping their order.
 *
 * @param changes the changes, sorted
 */
export function groupChanges(changes: readonly FlowChange[]): [string, FlowChange[]][] {
  const groups = new Map<string, FlowChange[]>();
  for (const change of changes) groups.set(change.group, [...(groups.get(change.group) ?? []), change]);
  return [...groups.entries()];
}
