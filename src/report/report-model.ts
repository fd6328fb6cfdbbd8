import type { Manifest } from '../manifests/manifest';
import { diffFlows, type DiffSide } from '../diff/diff-flows';
import { countChanges, type FlowChange } from '../diff/flow-change';
import { buildPolicyPage, type NamespaceDoc } from '../docs/policy-page';
import type { NamespaceFacts } from '../docs/namespace-facts';
import { groupsByIndex, isCandidatePair, jointGroups, SweepPorts, type JointGroup } from '../flows/flow-sweep';
import { outsidePeers, withWorld } from '../flows/peer-group';
import { collectPolicyPorts } from '../flows/policy-ports';
import { comparePorts, formatPort, uniquePorts, type PortProtocol } from '../flows/port-protocol';
import { addMissingNamespaces, representativeTopology } from '../flows/representative-topology';
import { compareText } from '../model/compare';
import type { Cni } from '../probe/flow';
import type { Topology } from '../probe/topology';
import { Simulator } from '../probe/simulator';
import { BaselineFlows } from '../flows/baseline-policies';

/** The group a namespace is drawn in: `platform`, `profile:<name>`, or `no profile`. */
export type NamespaceGroup = string;

/** One namespace of the report: the docs page's facts and flows, with its pods named. */
export interface ReportNamespace extends Omit<NamespaceDoc, 'pods'> {
  /** The group it is drawn in (see `NamespaceGroup`). */
  readonly group: NamespaceGroup;
  /** Its pods, as flow peers (`ns/pod`), sorted. */
  readonly pods: readonly string[];
}

/** The allowed flows from one graph node to another (a namespace, or a peer outside the cluster). */
export interface ReportEdge {
  /** The source node: a namespace or `external:<name>`. */
  readonly from: string;
  /** The destination node. */
  readonly to: string;
  /**
   * Whether every flow of the edge is a baseline flow: one side allows it only through
   * policies that select every endpoint (see `baselinePolicies`). Baseline edges are hidden
   * from the graph until the legend's toggle shows them.
   */
  readonly baseline: boolean;
  /** The allowed ports after the change, e.g. `5432/TCP`, sorted; `any port` when all are. */
  readonly ports: readonly string[];
  /**
   * The ports of flows the change opened (diff mode), sorted.
   *
   * @default - none: not a diff report, or nothing opened on this edge
   */
  readonly opened: readonly string[];
  /**
   * The ports of flows the change closed (diff mode), sorted.
   *
   * @default - none: not a diff report, or nothing closed on this edge
   */
  readonly closed: readonly string[];
}

/** What a diff report adds: the two sides and the counts. */
export interface ReportDiff {
  /** The label of the side before the change. */
  readonly base: string;
  /** The label of the side after the change. */
  readonly head: string;
  /** How many flows (pod pairs and ports) the change opens. */
  readonly opened: number;
  /** How many flows the change closes. */
  readonly closed: number;
  /** The changed flows, at most `MAX_LISTED_CHANGES`, in the diff's order. */
  readonly changes: readonly FlowChange[];
}

/** How many changed flows the page lists; the counts always cover all of them. */
export const MAX_LISTED_CHANGES = 500;

/** Everything the report page shows, before layout and rendering. */
export interface ReportModel {
  /** The title, e.g. the manifests' folder. */
  readonly title: string;
  /** The enforcer modelled. */
  readonly cni: Cni;
  /** Whether the pods are representative ones built from the manifests (no topology given). */
  readonly representative: boolean;
  /** Every namespace, sorted by name. */
  readonly namespaces: readonly ReportNamespace[];
  /** The graph's nodes outside the cluster that some edge touches (`external:<name>`), sorted. */
  readonly outside: readonly string[];
  /** The graph's edges, sorted by source then destination; baseline edges included. */
  readonly edges: readonly ReportEdge[];
  /** The topology the page's Ask box and matrix decide flows on (after `withWorld`). */
  readonly topology: Topology;
  /** The diff, when the report compares with a base. */
  readonly diff?: ReportDiff;
  /** The simulator's notices, sorted. */
  readonly notices: readonly string[];
}

/** Options of `buildReportModel`. */
export interface ReportModelOptions {
  /** The title of the page. */
  readonly title: string;
  /**
   * The pods and externals.
   *
   * @default - representative pods built from the manifests (see `representativeTopology`)
   */
  readonly topology?: Topology;
  /**
   * The enforcer to model.
   *
   * @default - `cilium`
   */
  readonly cni?: Cni;
  /**
   * The manifests before the change: the report becomes a diff report.
   *
   * @default - none: the report shows one state
   */
  readonly base?: DiffSide;
}

/**
 * Computes what the report shows: the docs page's per-namespace flows, the namespace graph's
 * edges (baseline flows marked, see `baselinePolicies`), and in diff mode the opened and closed
 * flows, all decided by the flow simulator over the candidate flows `netpol diff` checks.
 *
 * @param manifests the manifests (after the change, in diff mode)
 * @param options the title, topology, enforcer and base
 */
export function buildReportModel(manifests: Manifest[], options: ReportModelOptions): ReportModel {
  const cni = options.cni ?? 'cilium';
  const given = options.topology ?? representativeTopology(manifests);
  const topology = withWorld(addMissingNamespaces(given, [...manifests, ...(options.base?.manifests ?? [])]).topology);
  const page = buildPolicyPage(manifests, { command: '', topology, cni });
  const edges = allowedEdges(manifests, topology, cni);
  let diff: ReportDiff | undefined;
  if (options.base !== undefined) {
    const result = diffFlows(options.base, { label: options.title, manifests }, topology, { cni });
    for (const change of result.changes) addChange(edges, change);
    diff = { base: result.base, head: result.head, ...countChanges(result), changes: result.changes.slice(0, MAX_LISTED_CHANGES) };
  }
  const namespaces = page.namespaces.map((ns): ReportNamespace => ({
    ...ns,
    group: groupOf(ns),
    pods: [...topology.namespaces.get(ns.name)?.pods.keys() ?? []].sort(compareText).map((pod) => `${ns.name}/${pod}`),
  }));
  const known = new Set(namespaces.map((ns) => ns.name));
  const sortedEdges = [...edges.values()]
    .filter((e) => isNode(e.from, known) && isNode(e.to, known))
    .map(finishEdge)
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || Number(a.baseline) - Number(b.baseline));
  const outside = [...new Set(sortedEdges.flatMap((e) => [e.from, e.to]).filter((n) => !known.has(n)))].sort(compareText);
  return {
    title: options.title,
    cni,
    representative: options.topology === undefined,
    namespaces,
    outside,
    edges: sortedEdges,
    topology,
    ...(diff === undefined ? {} : { diff }),
    notices: page.notices,
  };
}

/** An edge while it is being built: allowed and checked ports per kind of flow. */
interface EdgeDraft {
  readonly from: string;
  readonly to: string;
  readonly baseline: boolean;
  readonly allowed: PortProtocol[];
  readonly checked: PortProtocol[];
  readonly opened: PortProtocol[];
  readonly closed: PortProtocol[];
}

/**
 * The namespace graph's edges: every allowed flow between two nodes, decided per identity and
 * port with the flow space (see `Simulator.flowSpace`), never per pod pair. A flow is a baseline
 * flow when one side allows it only through policies that select every endpoint (that side's
 * `by` names only `baselinePolicies`).
 */
function allowedEdges(manifests: Manifest[], topology: Topology, cni: Cni): Map<string, EdgeDraft> {
  const simulator = Simulator.build(manifests, topology, { cni });
  const outside = outsidePeers(topology);
  const space = simulator.flowSpace(outside);
  const groups = jointGroups([simulator], outside);
  const byIndex = groupsByIndex(groups, 0, space.size);
  const sweep = new SweepPorts(collectPolicyPorts(manifests), groups);
  const baselines = new BaselineFlows(space, manifests);
  const edges = new Map<string, EdgeDraft>();
  const checked = checkedPorts(sweep, groups);
  for (const port of sweep.ports) {
    const table = space.table(port.port, port.protocol);
    for (const from of groups) {
      const index = from.indexes[0];
      for (const target of table.from(index).members()) {
        for (const to of byIndex[target]) {
          const [a, b] = [nodeOf(from.members[0]), nodeOf(to.members[0])];
          if (a === b || !isCandidatePair(from, to) || !sweep.checks(port, to)) continue;
          draft(edges, a, b, baselines.has(port, index, target), () => checked.get(b) ?? []).allowed.push(port);
        }
      }
    }
  }
  return edges;
}

/** Per node, the ports checked for flows into it: those of any of its groups (see `SweepPorts.checks`). */
function checkedPorts(sweep: SweepPorts, groups: readonly JointGroup[]): Map<string, PortProtocol[]> {
  const byNode = new Map<string, PortProtocol[]>();
  for (const group of groups) {
    const node = nodeOf(group.members[0]);
    byNode.set(node, uniquePorts([...byNode.get(node) ?? [], ...sweep.ports.filter((port) => sweep.checks(port, group))]));
  }
  return byNode;
}

function addChange(edges: Map<string, EdgeDraft>, change: FlowChange): void {
  const from = nodeOf(change.from);
  const to = nodeOf(change.to);
  if (from === to) return;
  const existing = draft(edges, from, to, false, () => []);
  (change.change === 'opened' ? existing.opened : existing.closed).push({ port: change.port, protocol: change.protocol });
}

function draft(edges: Map<string, EdgeDraft>, from: string, to: string, baseline: boolean, checked: () => PortProtocol[]): EdgeDraft {
  const key = JSON.stringify([from, to, baseline]);
  let edge = edges.get(key);
  if (edge === undefined) {
    edge = { from, to, baseline, allowed: [], checked: checked(), opened: [], closed: [] };
    edges.set(key, edge);
  }
  return edge;
}

function finishEdge(edge: EdgeDraft): ReportEdge {
  const allowed = uniquePorts(edge.allowed);
  const anyPort = allowed.length > 0 && allowed.length === uniquePorts(edge.checked).length;
  return {
    from: edge.from,
    to: edge.to,
    baseline: edge.baseline,
    ports: anyPort ? ['any port'] : allowed.map(formatPort),
    opened: uniquePorts(edge.opened).sort(comparePorts).map(formatPort),
    closed: uniquePorts(edge.closed).sort(comparePorts).map(formatPort),
  };
}

/** The graph node of a flow peer: its namespace, or the peer itself outside the cluster. */
function nodeOf(peer: string): string {
  return peer.includes(':') ? peer : peer.slice(0, peer.indexOf('/'));
}

/** Namespaces, and externals outside the cluster; entities (health, host, ...) are not drawn. */
function isNode(node: string, namespaces: ReadonlySet<string>): boolean {
  return namespaces.has(node) || node.startsWith('external:');
}

function groupOf(ns: NamespaceFacts): NamespaceGroup {
  if (ns.platform) return 'platform';
  return ns.profile === undefined ? 'no profile' : `profile:${ns.profile}`;
}
