import type { Protocol } from './flow';

/** A named container port of a pod, for resolving named ports in policies. */
export interface TopologyPort {
  /** The port name, e.g. `http`. */
  readonly name: string;
  /** The port number. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
}

/** A pod of the topology. */
export interface TopologyPod {
  /** The pod's labels. */
  readonly labels: Record<string, string>;
  /**
   * The pod IP.
   *
   * @default - no IP: ipBlock/CIDR rules never match the pod
   */
  readonly ip?: string;
  /**
   * The service account (Cilium label `io.cilium.k8s.policy.serviceaccount`).
   *
   * @default - `default`
   */
  readonly serviceAccount?: string;
  /**
   * The container ports.
   *
   * @default - none: named ports never resolve to this pod
   */
  readonly ports?: TopologyPort[];
}

/** A namespace of the topology. `kubernetes.io/metadata.name: <name>` is implied. */
export interface TopologyNamespace {
  /** The namespace's labels. */
  readonly labels: Record<string, string>;
  /** The pods, by name (a Map: a pod may be called `constructor` or `toString`). */
  readonly pods: ReadonlyMap<string, TopologyPod>;
}

/** An address outside the cluster (Cilium entity `world`). */
export interface TopologyExternal {
  /**
   * The IP address.
   *
   * @default - no IP: CIDR/ipBlock rules never match it
   */
  readonly ip?: string;
  /**
   * The DNS name, matched by `toFQDNs`.
   *
   * @default - no name: `toFQDNs` never matches it
   */
  readonly fqdn?: string;
}

/**
 * The cluster the simulator reasons about: namespaces with pods, and addresses outside. Names
 * are keys of Maps, never of plain objects, so any name is an ordinary name (`parseTopology`
 * reads the file's mappings into them). Label sets stay records, as in Kubernetes objects:
 * they are read with own-key lookups only (see `ciliumLookup` in identity.ts).
 */
export interface Topology {
  /** The namespaces, by name. */
  readonly namespaces: ReadonlyMap<string, TopologyNamespace>;
  /** The external addresses, by name (probe peers `external:<name>`). */
  readonly externals: ReadonlyMap<string, TopologyExternal>;
}

/** A topology with no namespaces and no externals (e.g. when no `--topology` is given). */
export function emptyTopology(): Topology {
  return { namespaces: new Map(), externals: new Map() };
}
