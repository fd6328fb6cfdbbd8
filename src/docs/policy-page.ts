import type { Manifest } from '../manifests/manifest';
import { groupsByIndex, isCandidatePair, jointGroups, SweepPorts } from '../flows/flow-sweep';
import { outsidePeers, withWorld, type PeerGroup } from '../flows/peer-group';
import { Simulator } from '../probe/simulator';
import { collectPolicyPorts } from '../flows/policy-ports';
import { formatPort, uniquePorts, type PortProtocol } from '../flows/port-protocol';
import type { Cni } from '../probe/flow';
import type { Topology } from '../probe/topology';
import { namespaceFacts, type NamespaceFacts } from './namespace-facts';
import { representativeTopology } from '../flows/representative-topology';
import { BaselineFlows } from '../flows/baseline-policies';
import { compareText } from '../model/compare';

/** One row of an "Allowed ingress" or "Allowed egress" table. */
export interface AllowedRow {
  /** The pods of the namespace the table is about (a peer group, members joined by ", "). */
  readonly local: string;
  /** The other end: the source for ingress, the destination for egress. */
  readonly peer: string;
  /** The allowed ports, e.g. `53/TCP, 53/UDP`, `any port`, or a list ending in `other TCP ports`. */
  readonly ports: string;
}

/** What the docs page says about one namespace. */
export interface NamespaceDoc extends NamespaceFacts {
  /** How many pods of the namespace the page reasons about. */
  readonly pods: number;
  /** The allowed flows into the namespace's pods, sorted. */
  readonly ingress: readonly AllowedRow[];
  /** The allowed flows out of the namespace's pods, sorted. */
  readonly egress: readonly AllowedRow[];
}

/** An allowed flow between two different namespaces, for the flowchart. */
export interface NamespaceEdge {
  /** The source namespace. */
  readonly from: string;
  /** The destination namespace. */
  readonly to: string;
  /** The allowed ports, as in `AllowedRow.ports`. */
  readonly ports: string;
  /**
   * Whether these are baseline flows: one side allows them only through policies that select
   * every endpoint (DNS, scrape, health; see `BaselineFlows`). The diagram leaves them out and
   * sums them up in its legend. A pair with both kinds has two edges.
   */
  readonly baseline: boolean;
}

/** The content of a docs page, before rendering. */
export interface PolicyPage {
  /** The command that generates the page, for its header. */
  readonly command: string;
  /** Whether the pods are representative ones built from the manifests (no topology given). */
  readonly representative: boolean;
  /** The enforcer modelled. */
  readonly cni: Cni;
  /** Every namespace, sorted by name. */
  readonly namespaces: readonly NamespaceDoc[];
  /** The allowed namespace-to-namespace flows, sorted by source then destination. */
  readonly edges: readonly NamespaceEdge[];
  /** The simulator's notices, sorted. */
  readonly notices: readonly string[];
}

/** Options of `buildPolicyPage`. */
export interface PolicyPageOptions {
  /** The command line that generates the page, shown in its header. */
  readonly command: string;
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
}

/**
 * Computes a docs page: per namespace its design labels and the flows the simulator allows
 * into and out of its pods, over the same candidate flows as `netpol diff` (every peer group,
 * every port the policies name, the destination's own ports and one other TCP port). Flows
 * are decided all at once per port (`Simulator.flowSpace`): the cost grows with identities,
 * rules and allowed flows, never with pod pairs.
 *
 * @param manifests the manifests
 * @param options the topology, enforcer and command line
 */
export function buildPolicyPage(manifests: Manifest[], options: PolicyPageOptions): PolicyPage {
  const cni = options.cni ?? 'cilium';
  const topology = withWorld(options.topology ?? representativeTopology(manifests));
  const simulator = Simulator.build(manifests, topology, { cni });
  const outside = outsidePeers(topology);
  const space = simulator.flowSpace(outside);
  const groups = jointGroups([simulator], outside);
  const byIndex = groupsByIndex(groups, 0, space.size);
  const baselines = new BaselineFlows(space, manifests);
  const policyPorts = collectPolicyPorts(manifests);
  const sweep = new SweepPorts(policyPorts, groups);
  const pairs = new Map<string, { from: PeerGroup; to: PeerGroup; checked: PortProtocol[]; allowed: PortProtocol[]; baseline: PortProtocol[] }>();
  for (const port of sweep.ports) {
    const table = space.table(port.port, port.protocol);
    for (const from of groups) {
      for (const index of table.from(from.indexes[0]).members()) {
        for (const to of byIndex[index]) {
          if (!isCandidatePair(from, to) || !sweep.checks(port, to)) continue;
          const key = `${from.position} ${to.position}`;
          const pair = pairs.get(key) ?? { from, to, checked: sweep.ports.filter((p) => sweep.checks(p, to)), allowed: [], baseline: [] };
          pairs.set(key, pair);
          pair.allowed.push(port);
          if (baselines.has(port, from.indexes[0], index)) pair.baseline.push(port);
        }
      }
    }
  }
  const rows = { ingress: new Map<string, AllowedRow[]>(), egress: new Map<string, AllowedRow[]>() };
  const edges = new Map<string, { from: string; to: string; baseline: boolean; checked: PortProtocol[]; allowed: PortProtocol[] }>();
  for (const { from, to, checked, allowed, baseline } of pairs.values()) {
    if (allowed.length === 0) continue;
    const ports = portsText(allowed, checked, policyPorts.outside);
    if (to.namespace !== undefined) push(rows.ingress, to.namespace, { local: show(to), peer: show(from), ports });
    if (from.namespace !== undefined) push(rows.egress, from.namespace, { local: show(from), peer: show(to), ports });
    if (from.namespace !== undefined && to.namespace !== undefined && from.namespace !== to.namespace) {
      const baselineKeys = new Set(baseline.map(formatPort));
      for (const [kind, ports] of [[false, allowed.filter((p) => !baselineKeys.has(formatPort(p)))], [true, baseline]] as const) {
        if (ports.length === 0) continue;
        const key = `${from.namespace} ${to.namespace} ${kind}`;
        const edge = edges.get(key) ?? { from: from.namespace, to: to.namespace, baseline: kind, checked: [], allowed: [] };
        edges.set(key, edge);
        edge.checked.push(...checked);
        edge.allowed.push(...ports);
      }
    }
  }
  const labels = namespaceLabels(manifests, topology);
  return {
    command: options.command,
    representative: options.topology === undefined,
    cni,
    namespaces: Object.keys(labels).sort(compareText).map((ns) => ({
      ...namespaceFacts(ns, labels[ns]),
      pods: topology.namespaces.get(ns)?.pods.size ?? 0,
      ingress: (rows.ingress.get(ns) ?? []).sort(compareRows),
      egress: (rows.egress.get(ns) ?? []).sort(compareRows),
    })),
    edges: [...edges.values()].sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || Number(a.baseline) - Number(b.baseline))
      .map((e) => ({ from: e.from, to: e.to, ports: portsText(e.allowed, e.checked, policyPorts.outside), baseline: e.baseline })),
    notices: [...simulator.notices].sort(compareText),
  };
}

/** The namespace labels the simulator sees: the topology's, then the Namespace manifests' on top. */
function namespaceLabels(manifests: readonly Manifest[], topology: Topology): Record<string, Record<string, string>> {
  const labels: Record<string, Record<string, string>> = {};
  for (const [ns, value] of topology.namespaces) labels[ns] = { ...value.labels };
  for (const m of manifests) {
    if (m.object.kind !== 'Namespace' || m.object.apiVersion !== 'v1') continue;
    labels[m.object.metadata.name] = { ...labels[m.object.metadata.name], ...m.object.metadata.labels };
  }
  return labels;
}

/**
 * Writes the allowed ports of a pair: `any port` when every checked port is allowed,
 * otherwise the named ports, then `other TCP ports` when the port no policy names is allowed.
 */
function portsText(allowed: readonly PortProtocol[], checked: readonly PortProtocol[], outside: PortProtocol): string {
  const allowedSet = uniquePorts(allowed);
  if (allowedSet.length === uniquePorts(checked).length) return 'any port';
  const named = allowedSet.filter((p) => formatPort(p) !== formatPort(outside)).map(formatPort);
  const other = allowedSet.length > named.length ? ['other TCP ports'] : [];
  return [...named, ...other].join(', ');
}

function show(group: PeerGroup): string {
  return group.members.join(', ');
}

function push(map: Map<string, AllowedRow[]>, key: string, row: AllowedRow): void {
  map.set(key, [...(map.get(key) ?? []), row]);
}

/** Rows by local pods, then pods before peers outside the cluster, then by peer. */
function compareRows(a: AllowedRow, b: AllowedRow): number {
  return compareText(a.local, b.local) || Number(a.peer.includes(':')) - Number(b.peer.includes(':')) || compareText(a.peer, b.peer);
}
