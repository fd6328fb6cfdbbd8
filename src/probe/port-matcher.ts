import type { Protocol } from './flow';
import type { TopologyPort } from './topology';

/**
 * One port condition of a rule: a number, a range (`endPort`), a named port, or every port of a
 * protocol. `ANY` is Cilium's protocol wildcard (TCP, UDP and SCTP).
 */
export interface PortMatcher {
  /** The protocol, or `ANY`. */
  readonly protocol: Protocol | 'ANY';
  /**
   * The first port of the range.
   *
   * @default - every port of the protocol
   */
  readonly port?: number;
  /**
   * The last port of the range (NetworkPolicy/Cilium `endPort`).
   *
   * @default - only `port`
   */
  readonly endPort?: number;
  /**
   * A named port, resolved against the destination pod's container ports.
   *
   * @default - a numbered port
   */
  readonly name?: string;
}

/**
 * Whether a port condition covers a flow's port.
 *
 * Named ports resolve against the destination pod's ports, for ingress and egress alike
 * (networking.k8s.io/v1 NetworkPolicyPort.port: "a named port on a pod"); a destination that is
 * not a pod (or has no such port) never matches a named port.
 *
 * @param matcher the condition
 * @param port the flow's port
 * @param protocol the flow's protocol
 * @param destinationPorts the destination pod's container ports
 */
export function portMatches(matcher: PortMatcher, port: number, protocol: Protocol, destinationPorts: readonly TopologyPort[]): boolean {
  if (matcher.protocol !== 'ANY' && matcher.protocol !== protocol) return false;
  if (matcher.name !== undefined) {
    return destinationPorts.some((p) => p.name === matcher.name && p.port === port && p.protocol === protocol);
  }
  if (matcher.port === undefined) return true;
  return port >= matcher.port && port <= (matcher.endPort ?? matcher.port);
}

/**
 * Describes a port condition: `tcp/80`, `tcp/8000-8080`, `tcp/http`, `any/443`, `udp/*`.
 *
 * @param matcher the condition
 */
export function describePort(matcher: PortMatcher): string {
  const proto = matcher.protocol.toLowerCase();
  if (matcher.name !== undefined) return `${proto}/${matcher.name}`;
  if (matcher.port === undefined) return `${proto}/*`;
  return matcher.endPort !== undefined && matcher.endPort !== matcher.port ? `${proto}/${matcher.port}-${matcher.endPort}` : `${proto}/${matcher.port}`;
}
