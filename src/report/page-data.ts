import type { Manifest } from '../manifests/manifest';
import type { Cni } from '../probe/flow';
import type { Topology } from '../probe/topology';
import type { ReportDiff, ReportModel, ReportNamespace } from './report-model';

/** A topology in the topology file's shape (see the flow-probe spec), as the page embeds it. */
export interface TopologyDocument {
  /** The namespaces, by name. */
  readonly namespaces: Record<string, {
    readonly labels: Record<string, string>;
    readonly pods: Record<string, { readonly labels: Record<string, string>; readonly ip?: string; readonly serviceAccount?: string; readonly ports?: readonly { name: string; port: number; protocol: string }[] }>;
  }>;
  /** The externals, by name. */
  readonly externals?: Record<string, { readonly ip?: string; readonly fqdn?: string }>;
}

/** The data the report page embeds as JSON: what its script needs to answer and draw. */
export interface PageData {
  /** The enforcer modelled. */
  readonly cni: Cni;
  /** The manifests the page's engine decides flows on. */
  readonly manifests: readonly Manifest[];
  /** The topology the page's engine decides flows on. */
  readonly topology: TopologyDocument;
  /** What the side panel and the counters show. */
  readonly model: {
    readonly namespaces: readonly ReportNamespace[];
    readonly diff?: Omit<ReportDiff, 'changes'>;
  };
}

/**
 * The page's embedded data for a report model: the manifests and topology for the in-page
 * engine, the namespaces for the side panel, the diff's counts.
 *
 * @param model the report model
 * @param manifests the manifests (after the change, in diff mode)
 */
export function pageData(model: ReportModel, manifests: readonly Manifest[]): PageData {
  const { diff } = model;
  return {
    cni: model.cni,
    manifests: manifests.map((m) => ({ object: m.object, source: m.source })),
    topology: topologyDocument(model.topology),
    model: {
      namespaces: model.namespaces,
      ...(diff === undefined ? {} : { diff: { base: diff.base, head: diff.head, opened: diff.opened, closed: diff.closed } }),
    },
  };
}

/**
 * Writes a topology in the topology file's shape, so the page reads it back with the same
 * checks as `--topology` (`parseTopology`).
 *
 * @param topology the topology
 */
export function topologyDocument(topology: Topology): TopologyDocument {
  // A JSON document: fromEntries defines own properties, so every name stays an ordinary key.
  const namespaces = Object.fromEntries([...topology.namespaces].map(([name, ns]) => [name, {
    labels: { ...ns.labels },
    pods: Object.fromEntries([...ns.pods].map(([pod, value]) => [pod, {
      labels: { ...value.labels },
      ...(value.ip === undefined ? {} : { ip: value.ip }),
      ...(value.serviceAccount === undefined ? {} : { serviceAccount: value.serviceAccount }),
      ...(value.ports === undefined ? {} : { ports: value.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) }),
    }])),
  }]));
  return { namespaces, externals: Object.fromEntries([...topology.externals].map(([name, external]) => [name, { ...external }])) };
}
