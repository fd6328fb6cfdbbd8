/** The enforcer the simulator models: `cilium` (NetworkPolicy + CNP + CCNP), `kubernetes` (NetworkPolicy only), `none`. */
export type Cni = 'cilium' | 'kubernetes' | 'none';

/** Every accepted `Cni`, in the order help texts list them. */
export const CNIS: readonly Cni[] = ['cilium', 'kubernetes', 'none'];

/** A layer-4 protocol a flow can use. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Every accepted `Protocol`. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/**
 * One connection attempt: `from` opens a connection to `to` on `port`/`protocol`.
 * Peers are written as in the flow-probe spec: `ns/pod`, `external:<name>`, `entity:<name>`.
 */
export interface Flow {
  /** The initiating peer. */
  readonly from: string;
  /** The receiving peer. */
  readonly to: string;
  /** The destination port, 1-65535. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
}

/**
 * Reads a port number written as a number or a decimal string (`80`, `"80"`), the forms probe
 * files, flags and policies use.
 *
 * @param value the port as written
 * @returns the port, or undefined when it is not an integer 1-65535
 */
export function parsePort(value: unknown): number | undefined {
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * The Cilium reserved identities a probe can name as `entity:<name>`
 * (docs.cilium.io, Policy Language > Layer 3 > Entities Based).
 */
export const PROBE_ENTITIES = ['host', 'remote-node', 'health', 'kube-apiserver', 'ingress', 'init', 'unmanaged'] as const;

/** A reserved identity a probe can name. */
export type ProbeEntity = typeof PROBE_ENTITIES[number];

/** A parsed peer of a flow. */
export type PeerRef =
  | { readonly kind: 'pod'; readonly namespace: string; readonly pod: string }
  | { readonly kind: 'external'; readonly name: string }
  | { readonly kind: 'entity'; readonly name: ProbeEntity };

/**
 * Parses a peer written as `ns/pod`, `external:<name>` or `entity:<name>`.
 *
 * @param text the peer as written
 * @returns the peer, or an error message saying what is allowed
 */
export function parsePeerRef(text: string): PeerRef | string {
  if (text.startsWith('external:')) {
    const name = text.slice('external:'.length);
    return name ? { kind: 'external', name } : `"${text}" names no external; write external:<name>`;
  }
  if (text.startsWith('entity:')) {
    const name = text.slice('entity:'.length);
    if ((PROBE_ENTITIES as readonly string[]).includes(name)) return { kind: 'entity', name: name as ProbeEntity };
    return `"${text}" is not a known entity; use one of ${PROBE_ENTITIES.map((e) => `entity:${e}`).join(', ')}`;
  }
  const parts = text.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: 'pod', namespace: parts[0], pod: parts[1] };
  return `"${text}" is not a peer; write ns/pod, external:<name> or entity:<name>`;
}
