/**
 * The platform contract: what a cluster's policy repository (the platform repo) tells the
 * application repositories about the cluster, written by synthesis as `dist/<cluster>/platform.json`
 * next to the manifests. An application repository reads it with `PlatformReference.fromFile` (its
 * constructs' guardrails) and `netpol lint|probe|explain|diff --platform-contract` (its checks),
 * without a copy of the platform's `dist/`.
 *
 * The shape is versioned (`kind` + `version`), documented by schema/platform-contract.v1.json and
 * docs/platform-contract.md; `readPlatformContract` refuses a version it does not know.
 */

/** The file name of the contract inside each cluster's output folder. */
export const CONTRACT_FILE = 'platform.json';

/** The `kind` of every contract. */
export const CONTRACT_KIND = 'PlatformContract';

/** The contract version this library writes and reads. */
export const CONTRACT_VERSION = 1;

/** A peer as the contract writes it: its text (`Peer.toString()`) and its shape. */
export interface ContractPeer {
  /** The peer in the library's words, e.g. `database/app.kubernetes.io/name=postgresql` or `entity:kube-apiserver`. */
  readonly text: string;
  /** The shape: `endpoints` (pods), `entity`, `fqdn` or `cidr`. */
  readonly kind: 'endpoints' | 'entity' | 'fqdn' | 'cidr';
  /**
   * The pods' namespace.
   * @default - not pods of one namespace
   */
  readonly namespace?: string;
  /**
   * Labels the pods' namespace carries.
   * @default - no namespace label condition
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * The pods' labels (empty: every pod).
   * @default - not pods
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * The Cilium entity.
   * @default - not an entity
   */
  readonly entity?: string;
}

/** A rule of a profile: a peer and its ports. */
export interface ContractRule {
  /** The other end, in the library's words. */
  readonly peer: string;
  /** The ports, e.g. `tcp/443` (`any` for every port). */
  readonly ports: readonly string[];
}

/** A profile application namespaces may pick (`network-policy.homelab/profile=<name>`). */
export interface ContractProfile {
  /** The profile name. */
  readonly name: string;
  /** What it allows, in words. */
  readonly description: string;
  /** The gateways that reach its namespaces on the application ports, sorted. */
  readonly gateways: readonly string[];
  /** Its ingress rules beyond the gateways and the baselines. */
  readonly ingress: readonly ContractRule[];
  /** Its egress rules beyond the baselines' DNS. */
  readonly egress: readonly ContractRule[];
}

/** A shared service namespaces reach with its access label. */
export interface ContractSharedService {
  /** The service name. */
  readonly name: string;
  /** What it is, in words. */
  readonly description: string;
  /** The namespace label that grants access (value `"true"`). */
  readonly accessLabel: string;
  /** Where it runs. */
  readonly location: ContractPeer;
  /** The ports it listens on. */
  readonly ports: readonly string[];
}

/** A namespace the platform owns. */
export interface ContractNamespace {
  /** The namespace name. */
  readonly name: string;
  /** Its labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A gateway of the cluster, by name. */
export interface ContractGateway {
  /** The gateway name profiles use. */
  readonly name: string;
  /** Its pods. */
  readonly peer: ContractPeer;
}

/** The Istio ambient mesh, as the policies see it. */
export interface ContractMesh {
  /** The namespace label (`key=value`) that puts a namespace in the mesh. */
  readonly namespaceLabel: string;
  /** The port meshed pods reach each other on (HBONE), which rules between meshed pods also allow. */
  readonly hbonePort: string;
  /** The platform namespaces in the mesh, sorted. */
  readonly namespaces: readonly string[];
}

/** Version 1 of the platform contract (`platform.json`). */
export interface PlatformContract {
  /** Always `PlatformContract`. */
  readonly kind: typeof CONTRACT_KIND;
  /** The contract version: 1. */
  readonly version: typeof CONTRACT_VERSION;
  /** The cluster name. */
  readonly cluster: string;
  /** The CNI the platform renders for: `cilium` or `kubernetes`. */
  readonly renderer: 'cilium' | 'kubernetes';
  /** The domain of the design's label keys (`network-policy.homelab`); readers refuse another. */
  readonly labelDomain: string;
  /** The names of the cluster-wide baseline policies the platform applies, sorted (empty without a ClusterBaseline). */
  readonly baselines: readonly string[];
  /** The ports gateways reach application pods on. */
  readonly appPorts: readonly string[];
  /** The ports Prometheus scrapes on every pod. */
  readonly metricsPorts: readonly string[];
  /** The Prometheus pods. */
  readonly prometheus: ContractPeer;
  /** The cluster DNS pods. */
  readonly dnsServer: ContractPeer;
  /** The ingress gateways, sorted by name. */
  readonly gateways: readonly ContractGateway[];
  /** The Istio ambient mesh. */
  readonly mesh: ContractMesh;
  /** The profiles, sorted by name. */
  readonly profiles: readonly ContractProfile[];
  /** The shared services, sorted by name. */
  readonly sharedServices: readonly ContractSharedService[];
  /** The platform namespaces, sorted by name. */
  readonly platformNamespaces: readonly ContractNamespace[];
  /**
   * The objects the platform applies that reach beyond its own application namespaces, exactly as
   * rendered: every cluster-wide policy (baselines, profiles, shared services, gateways) and the
   * platform namespaces with their policies. The app repo's checks simulate these.
   */
  readonly manifests: readonly Readonly<Record<string, unknown>>[];
}

/**
 * Whether a parsed JSON or YAML value is a platform contract (of any version): manifest readers
 * skip it, so `netpol lint dist/homelab` reads the folder's manifests and leaves `platform.json` out.
 *
 * @param value a parsed document
 */
export function isPlatformContract(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && (value as { kind?: unknown }).kind === CONTRACT_KIND && !('apiVersion' in value);
}
