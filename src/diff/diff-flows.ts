import type { Manifest } from '../manifests/manifest';
import type { Cni, Flow } from '../probe/flow';
import { Simulator } from '../probe/simulator';
import type { Topology } from '../probe/topology';
import type { DirectionVerdict, FlowVerdict } from '../probe/verdict';
import { peerGroup, type FlowChange, type FlowDiff } from './flow-change';
import { groupsByIndex, isCandidatePair, jointGroups, SweepPorts, type JointGroup } from '../flows/flow-sweep';
import { outsidePeers, withWorld } from '../flows/peer-group';
import { collectPolicyPorts } from '../flows/policy-ports';
import { addMissingNamespaces } from '../flows/representative-topology';
import { compareText } from '../model/compare';
import type { PortProtocol } from '../flows/port-protocol';
import { alignedSpaces, ChangedPairs } from './changed-pairs';

/** One side of a diff: a label for people and the manifests. */
export interface DiffSide {
  /** How the side is shown, e.g. `dist` or `origin/main:dist`. */
  readonly label: string;
  /** The manifests of the side. */
  readonly manifests: Manifest[];
}

/** Options of `diffFlows`. */
export interface DiffFlowsOptions {
  /**
   * The enforcer to model on both sides.
   *
   * @default - `cilium`
   */
  readonly cni?: Cni;
}

/**
 * Finds the flows a change opens and closes with the simulator on both sides, never by
 * comparing text. Every pair of peer groups (see `jointGroups`: pods both sides treat alike,
 * and the peers outside the cluster) is checked on every port either side's policies name,
 * the destination's own ports and one other port; ports come from both sides' policies, so a
 * port only the new policies name is checked before the change too.
 *
 * The flows of each side are decided all at once per port (`Simulator.flowSpace`), so the
 * cost grows with identities, rules and changed flows, never with pod pairs; when both sides
 * group the pods alike, only the sides of peers whose policies or matched peers changed are
 * decided (`ChangedPairs`), so a small change to a large cluster costs little more than
 * loading it. Only the changed flows are explained one by one, for the policies that decide them.
 *
 * @param base the manifests before the change
 * @param head the manifests after the change
 * @param topology the pods and externals (`external:world` is added, see `withWorld`; namespaces
 *   the manifests name but the topology lacks get representative pods, see `addMissingNamespaces`)
 * @param options the enforcer
 */
export function diffFlows(base: DiffSide, head: DiffSide, topology: Topology, options: DiffFlowsOptions = {}): FlowDiff {
  const cni = options.cni ?? 'cilium';
  const completed = addMissingNamespaces(topology, [...base.manifests, ...head.manifests]);
  const world = withWorld(completed.topology);
  const outside = outsidePeers(world);
  const sides = [Simulator.build(base.manifests, world, { cni }), Simulator.build(head.manifests, world, { cni })] as const;
  const spaces = [sides[0].flowSpace(outside), sides[1].flowSpace(outside)] as const;
  const groups = jointGroups(sides, outside);
  const sweep = new SweepPorts(collectPolicyPorts(base.manifests, head.manifests), groups);
  const changes: FlowChange[] = [];
  const record = (from: JointGroup, to: JointGroup, port: PortProtocol): void => {
    if (!isCandidatePair(from, to) || !sweep.checks(port, to)) return;
    const flow: Flow = { from: from.members[0], to: from === to ? to.members[1] : to.members[0], port: port.port, protocol: port.protocol };
    const decision = decide(sides[0].evaluate(flow), sides[1].evaluate(flow));
    for (const member of memberFlows(from, to, flow)) {
      const reason = decision.reason === undefined ? {} : { reason: renamePeers(decision.reason, flow, member) };
      changes.push({ ...member, group: peerGroup(member.from), ...decision, ...reason });
    }
  };
  let checked = 0;
  if (alignedSpaces(spaces)) {
    // Pods both sides group alike (the usual case): one group per index, and only what changed is looked at.
    const byIndex = groupsByIndex(groups, 0, spaces[0].size);
    const pairs = new ChangedPairs(spaces);
    for (const port of sweep.ports) {
      checked += sweep.count(port, groups);
      for (const { from, to } of pairs.on(port)) for (const a of byIndex[from]) for (const b of byIndex[to]) record(a, b, port);
    }
  } else {
    const byIndex = spaces.map((space, side) => groupsByIndex(groups, side, space.size));
    for (const port of sweep.ports) {
      checked += sweep.count(port, groups);
      const tables = spaces.map((space) => space.table(port.port, port.protocol));
      for (const from of groups) {
        const before = tables[0].from(from.indexes[0]);
        const after = tables[1].from(from.indexes[1]);
        const changed = new Set<JointGroup>();
        for (const index of before.members()) for (const to of byIndex[0][index]) if (!after.has(to.indexes[1])) changed.add(to);
        for (const index of after.members()) for (const to of byIndex[1][index]) if (!before.has(to.indexes[0])) changed.add(to);
        for (const to of changed) record(from, to, port);
      }
    }
  }
  return {
    base: base.label,
    head: head.label,
    changes: changes.sort(compareChanges),
    checked,
    notices: [...new Set([...sides[0].notices, ...sides[1].notices, ...missingNotice(completed.added)])].sort(compareText),
  };
}

/** The flows between the members of two groups (no peer to itself), on the representative's port. */
function memberFlows(from: JointGroup, to: JointGroup, flow: Flow): Flow[] {
  const { port, protocol } = flow;
  return from.members.flatMap((a) => to.members.filter((b) => b !== a).map((b) => ({ from: a, to: b, port, protocol })));
}

function missingNotice(added: readonly string[]): string[] {
  if (added.length === 0) return [];
  return [`not in the topology, so representative pods stand in for their pods: namespace${added.length === 1 ? '' : 's'} ${added.join(', ')}.`];
}

type Decision = Pick<FlowChange, 'change' | 'sides' | 'before' | 'after' | 'decidedBy' | 'reason'>;

function decide(old: FlowVerdict, now: FlowVerdict): Decision {
  const changed = (['egress', 'ingress'] as const).filter((side) => old[side].verdict !== now[side].verdict);
  const sides: DirectionVerdict[] = changed.map((side) => now[side]);
  const decidedBy = [...new Set(sides.flatMap((side) => side.by))].sort(compareText);
  const reason = decidedBy.length === 0 ? sides.map((side) => side.reason).find((r) => r !== undefined) : undefined;
  return {
    change: now.verdict === 'allow' ? 'opened' : 'closed',
    sides: changed,
    before: old.verdict,
    after: now.verdict,
    decidedBy,
    ...(reason === undefined ? {} : { reason }),
  };
}

/** The simulator's reason names the group representatives; each member's change names the member. */
function renamePeers(reason: string, representative: Flow, member: Flow): string {
  if (representative.from === member.from && representative.to === member.to) return reason;
  const swaps = new Map([[representative.from, member.from], [representative.to, member.to]]);
  const names = [...swaps.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return reason.replace(new RegExp(`(?<![\\w./-])(${names.join('|')})(?![\\w./-])`, 'g'), (name) => swaps.get(name) ?? name);
}

function compareChanges(a: FlowChange, b: FlowChange): number {
  // Namespaces first, then peers outside the cluster (whose group names hold a colon).
  return Number(a.group.includes(':')) - Number(b.group.includes(':'))
    || compareText(a.group, b.group) || compareText(a.from, b.from) || compareText(a.to, b.to)
    || a.port - b.port || compareText(a.protocol, b.protocol);
}
