import type { Manifest } from '../manifests/manifest';
import type { Cni, Flow } from '../probe/flow';
import type { Topology } from '../probe/topology';
import type { DirectionVerdict, FlowVerdict } from '../probe/verdict';
import { candidateFlows, memberFlows } from '../flows/candidate-flows';
import type { FlowChange, FlowDiff } from './flow-change';
import { simulatorFactory, type EvaluatorFactory } from '../flows/flow-evaluator';
import { outsideGroups, podGroups, withWorld } from '../flows/peer-group';
import { collectPolicyPorts } from '../flows/policy-ports';
import { addMissingNamespaces } from '../flows/representative-topology';
import { compareText } from '../model/compare';

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
  /**
   * How to build the evaluator of each side.
   *
   * @default - the flow simulator (`simulatorFactory`)
   */
  readonly evaluator?: EvaluatorFactory;
}

/**
 * Finds the flows a change opens and closes, by deciding every candidate flow (see
 * `candidateFlows`) with the simulator on both sides, never by comparing text. Ports come from
 * both sides' policies, so a port only the new policies name is checked before the change too.
 *
 * @param base the manifests before the change
 * @param head the manifests after the change
 * @param topology the pods and externals (`external:world` is added, see `withWorld`; namespaces
 *   the manifests name but the topology lacks get representative pods, see `addMissingNamespaces`)
 * @param options the enforcer
 */
export function diffFlows(base: DiffSide, head: DiffSide, topology: Topology, options: DiffFlowsOptions = {}): FlowDiff {
  const cni = options.cni ?? 'cilium';
  const build = options.evaluator ?? simulatorFactory;
  const completed = addMissingNamespaces(topology, [...base.manifests, ...head.manifests]);
  const world = withWorld(completed.topology);
  const before = build(base.manifests, world, cni);
  const after = build(head.manifests, world, cni);
  const groups = [...podGroups(world, cni), ...outsideGroups(world)];
  const candidates = candidateFlows(groups, collectPolicyPorts(base.manifests, head.manifests));
  const changes: FlowChange[] = [];
  for (const candidate of candidates) {
    const old = before.evaluate(candidate.flow);
    const now = after.evaluate(candidate.flow);
    if (old.verdict === now.verdict) continue;
    const decision = decide(old, now);
    for (const flow of memberFlows(candidate)) {
      const reason = decision.reason === undefined ? {} : { reason: renamePeers(decision.reason, candidate.flow, flow) };
      changes.push({ ...flow, group: groupOf(flow.from), ...decision, ...reason });
    }
  }
  return {
    base: base.label,
    head: head.label,
    changes: changes.sort(compareChanges),
    checked: candidates.length,
    notices: [...new Set([...before.notices, ...after.notices, ...missingNotice(completed.added)])].sort(compareText),
  };
}

function missingNotice(added: readonly string[]): string[] {
  if (added.length === 0) return [];
  return [`not in the topology, so representative pods stand in for their pods: namespace${added.length === 1 ? '' : 's'} ${added.join(', ')}.`];
}

type Decision = Pick<FlowChange, 'change' | 'before' | 'after' | 'decidedBy' | 'reason'>;

function decide(old: FlowVerdict, now: FlowVerdict): Decision {
  const changed = (['egress', 'ingress'] as const).filter((side) => old[side].verdict !== now[side].verdict);
  const sides: DirectionVerdict[] = changed.map((side) => now[side]);
  const decidedBy = [...new Set(sides.flatMap((side) => side.by))].sort(compareText);
  const reason = decidedBy.length === 0 ? sides.map((side) => side.reason).find((r) => r !== undefined) : undefined;
  return {
    change: now.verdict === 'allow' ? 'opened' : 'closed',
    before: old.verdict,
    after: now.verdict,
    decidedBy,
    ...(reason === undefined ? {} : { reason }),
  };
}

/** The simulator's reason names the group representatives; each member's change names the member. */
function renamePeers(reason: string, representative: Flow, member: Flow): string {
  const swaps = new Map([[representative.from, member.from], [representative.to, member.to]]);
  const names = [...swaps.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return reason.replace(new RegExp(`(?<![\\w./-])(${names.join('|')})(?![\\w./-])`, 'g'), (name) => swaps.get(name) ?? name);
}

function groupOf(peer: string): string {
  return peer.includes(':') ? peer : peer.split('/')[0];
}

function compareChanges(a: FlowChange, b: FlowChange): number {
  // Namespaces first, then peers outside the cluster (whose group names hold a colon).
  return Number(a.group.includes(':')) - Number(b.group.includes(':'))
    || compareText(a.group, b.group) || compareText(a.from, b.from) || compareText(a.to, b.to)
    || a.port - b.port || compareText(a.protocol, b.protocol);
}
