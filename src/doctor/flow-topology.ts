import type { Flow, Topology, TopologyNamespace, TopologyPod } from '../probe';
import { PROBE_ENTITIES } from '../probe';
import { emptyTopology } from '../probe/topology';
import type { HubbleEndpoint, HubbleFlow } from './hubble-flow';
import { compareText } from '../model/compare';

/**
 * Builds a simulator topology from Hubble flows: every pod seen (with its labels and service
 * account), every namespace seen (with the namespace labels Cilium attached to its pods), every
 * outside address (named by its DNS name when Hubble knows it, else by IP). A `--topology` file
 * may add what flows do not show; where both name a pod or namespace labels, the file wins (it
 * is what the user asserts).
 */
export class FlowTopology {
  private readonly namespaces = new Map<string, { labels: Record<string, string>; pods: Map<string, TopologyPod> }>();
  private readonly externals = new Map<string, { ip?: string; fqdn?: string }>();

  /**
   * @param base a topology to start from (the `--topology` file); empty when omitted
   */
  constructor(base: Topology = emptyTopology()) {
    for (const [name, ns] of base.namespaces) this.namespaces.set(name, { labels: { ...ns.labels }, pods: new Map(ns.pods) });
    for (const [name, external] of base.externals) this.externals.set(name, { ...external });
  }

  /**
   * Records a flow's peers and returns it as a simulator flow.
   *
   * @param flow the Hubble flow
   * @returns the simulator flow, or a reason when a peer or the port cannot be named
   */
  add(flow: HubbleFlow): Flow | string {
    if (flow.protocol === undefined || flow.port === undefined) return 'no TCP/UDP/SCTP destination port (e.g. ICMP)';
    const from = this.peer(flow.source, flow.sourceIp, []);
    const to = this.peer(flow.destination, flow.destinationIp, flow.destinationNames);
    if (from === undefined || to === undefined) return 'a peer is neither a pod, an outside address nor a known entity';
    return { from, to, port: flow.port, protocol: flow.protocol };
  }

  /** The topology of every flow added so far, sorted by name. */
  topology(): Topology {
    const namespaces = new Map<string, TopologyNamespace>();
    for (const name of [...this.namespaces.keys()].sort()) {
      const ns = this.namespaces.get(name)!;
      namespaces.set(name, { labels: ns.labels, pods: new Map([...ns.pods.entries()].sort(([a], [b]) => compareText(a, b))) });
    }
    const externals = new Map([...this.externals.entries()].sort(([a], [b]) => compareText(a, b)));
    return { namespaces, externals };
  }

  private peer(endpoint: HubbleEndpoint, ip: string | undefined, names: readonly string[]): string | undefined {
    if (endpoint.namespace) {
      const pod = endpoint.podName ?? `identity-${endpoint.identity ?? 'unknown'}`;
      const ns = this.namespaces.get(endpoint.namespace) ?? { labels: { ...endpoint.namespaceLabels }, pods: new Map<string, TopologyPod>() };
      this.namespaces.set(endpoint.namespace, ns);
      if (!ns.pods.has(pod)) {
        ns.pods.set(pod, { labels: { ...endpoint.labels }, ...(ip ? { ip } : {}), ...(endpoint.serviceAccount ? { serviceAccount: endpoint.serviceAccount } : {}) });
      }
      return `${endpoint.namespace}/${pod}`;
    }
    if (endpoint.reserved.includes('world')) {
      const fqdn = [...names].sort()[0];
      const name = fqdn ?? ip;
      if (name === undefined) return undefined;
      this.externals.set(name, { ...(ip ? { ip } : {}), ...(fqdn ? { fqdn } : {}) });
      return `external:${name}`;
    }
    // kube-apiserver first: an API server on a node carries reserved:host as well.
    const entity = ['kube-apiserver', ...PROBE_ENTITIES].find((e) => endpoint.reserved.includes(e));
    return entity ? `entity:${entity}` : undefined;
  }
}
