// dagre ships CommonJS for `require` but declares its types as ESM only; the types are read as ESM.
type Dagre = typeof import('@dagrejs/dagre', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Graph, layout } = require('@dagrejs/dagre') as Dagre;
import { compareText } from '../model/compare';
import type { ReportModel } from './report-model';

/** A node of the laid-out graph: a namespace or a peer outside the cluster. */
export interface LayoutNode {
  /** The node's name: a namespace, or `external:<name>`. */
  readonly id: string;
  /** The group box it sits in. */
  readonly group: string;
  /** The centre, x. */
  readonly x: number;
  /** The centre, y. */
  readonly y: number;
  /** The width. */
  readonly width: number;
  /** The height. */
  readonly height: number;
}

/** A group box around nodes: `platform`, `profile:<name>`, `no profile`, or `outside`. */
export interface LayoutGroup {
  /** The group's name. */
  readonly id: string;
  /** The left edge. */
  readonly x: number;
  /** The top edge. */
  readonly y: number;
  /** The width. */
  readonly width: number;
  /** The height. */
  readonly height: number;
}

/** A routed edge: the index of the model's edge and its polyline. */
export interface LayoutEdge {
  /** The index of the edge in `ReportModel.edges`. */
  readonly index: number;
  /** The polyline, from the source to the destination. */
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** The graph with positions, ready to draw as SVG. */
export interface GraphLayout {
  /** The drawing's width. */
  readonly width: number;
  /** The drawing's height. */
  readonly height: number;
  /** The nodes, in the model's order (namespaces, then outside peers). */
  readonly nodes: readonly LayoutNode[];
  /** The group boxes, sorted by name. */
  readonly groups: readonly LayoutGroup[];
  /** Every edge of the model, baseline edges routed straight (they do not shape the layout). */
  readonly edges: readonly LayoutEdge[];
}

/** The group of the nodes outside the cluster. */
export const OUTSIDE_GROUP = 'outside';

const NODE_HEIGHT = 28;
const CHAR_WIDTH = 7.2;
const MARGIN = 16;
const GROUP_LABEL_HEIGHT = 18;

/**
 * Lays out the namespace graph at build time with dagre (a layered, Sugiyama-style layout:
 * `@dagrejs/dagre`), left to right, namespaces boxed by group. Only the non-baseline edges
 * shape the layout: baseline flows (DNS, scrape, health) touch nearly every namespace and would
 * pull every node into one rank; when shown, they are drawn straight between the node centres.
 * The same model gives the same coordinates (dagre is deterministic for a given insertion
 * order, and the model is sorted).
 *
 * @param model the report model
 */
export function layoutGraph(model: ReportModel): GraphLayout {
  const graph = new Graph({ compound: true, multigraph: false });
  graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const groupOf = new Map<string, string>();
  for (const ns of model.namespaces) groupOf.set(ns.name, ns.group);
  for (const peer of model.outside) groupOf.set(peer, OUTSIDE_GROUP);
  const groups = [...new Set(groupOf.values())].sort(compareText);
  for (const group of groups) graph.setNode(groupKey(group), { label: group });
  for (const [id, group] of groupOf) {
    graph.setNode(id, { width: nodeWidth(id), height: NODE_HEIGHT });
    graph.setParent(id, groupKey(group));
  }
  const connected = new Set<string>();
  for (const edge of model.edges) {
    if (!shapesLayout(edge)) continue;
    graph.setEdge(edge.from, edge.to);
    connected.add(edge.from).add(edge.to);
  }
  // Namespaces no drawn edge touches would all sit in the first rank, one tall column per group:
  // chaining them with invisible edges lays each group's out as a grid of about sqrt(n) columns.
  for (const group of groups) {
    const alone = [...groupOf].filter(([id, g]) => g === group && !connected.has(id)).map(([id]) => id);
    const columns = Math.ceil(Math.sqrt(alone.length));
    for (let i = 1; i < alone.length; i++) {
      if (i % columns !== 0) graph.setEdge(alone[i - 1], alone[i], { weight: 0 });
    }
  }
  layout(graph);

  // dagre sizes each compound node around its members (a cluster box); the box grows upwards to
  // hold the group's name. Everything is then moved so the drawing starts at the margin.
  const rawBoxes = groups.map((id) => {
    const box = graph.node(groupKey(id));
    return { id, x: box.x - box.width / 2, y: box.y - box.height / 2 - GROUP_LABEL_HEIGHT, width: box.width, height: box.height + GROUP_LABEL_HEIGHT };
  });
  const rawNodes = [...groupOf].map(([id, group]) => ({ id, group, node: graph.node(id) }));
  const left = Math.min(...rawBoxes.map((b) => b.x), ...rawNodes.map(({ node }) => node.x - node.width / 2));
  const top = Math.min(...rawBoxes.map((b) => b.y), ...rawNodes.map(({ node }) => node.y - node.height / 2));
  const dx = MARGIN - (Number.isFinite(left) ? left : 0);
  const dy = MARGIN - (Number.isFinite(top) ? top : 0);
  const nodes: LayoutNode[] = rawNodes.map(({ id, group, node }) => ({
    id, group, x: round(node.x + dx), y: round(node.y + dy), width: round(node.width), height: round(node.height),
  }));
  const boxes: LayoutGroup[] = rawBoxes.map((b) => ({ id: b.id, x: round(b.x + dx), y: round(b.y + dy), width: round(b.width), height: round(b.height) }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: LayoutEdge[] = model.edges.map((edge, index) => {
    const routed = graph.edge(edge.from, edge.to) as { points?: { x: number; y: number }[] } | undefined;
    const points = routed?.points && shapesLayout(edge)
      ? routed.points.map((p) => ({ x: p.x + dx, y: p.y + dy }))
      : [byId.get(edge.from)!, byId.get(edge.to)!];
    return { index, points: points.map((p) => ({ x: round(p.x), y: round(p.y) })) };
  });
  const right = Math.max(0, ...boxes.map((b) => b.x + b.width), ...nodes.map((n) => n.x + n.width / 2));
  const bottom = Math.max(0, ...boxes.map((b) => b.y + b.height), ...nodes.map((n) => n.y + n.height / 2));
  return { width: round(right + MARGIN), height: round(bottom + MARGIN), nodes, groups: boxes, edges };
}

/** Baseline edges do not shape the layout, unless a diff changed them. */
function shapesLayout(edge: ReportModel['edges'][number]): boolean {
  return !edge.baseline || edge.opened.length > 0 || edge.closed.length > 0;
}

function groupKey(group: string): string {
  return `group:${group}`;
}

function nodeWidth(id: string): number {
  return Math.max(60, Math.ceil(id.length * CHAR_WIDTH) + 20);
}

/** Two decimals: enough for a drawing, and the same text on every machine. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
