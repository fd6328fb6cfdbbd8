import type { Protocol } from './flow';
import type { NamedPortResolver } from './named-ports';

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
   * A named port (see `portMatches` for how it resolves).
   *
   * @default - a numbered port
   */
  readonly name?: string;
}

/**
 * Whether a port condition covers a flow's port.
 *
 * A named port covers the flow when it resolves, for the flow's protocol, to the flow's port; who
 * resolves it depends on the enforcer and the direction (see `podNamedPorts`, `clusterNamedPorts`).
 *
 * @param matcher the condition
 * @param port the flow's port
 * @param protocol the flow's protocol
 * @param namedPorts resolves named ports for this rule and flow
 */
export function portMatches(matcher: PortMatcher, port: number, protocol: Protocol, namedPorts: NamedPortResolver): boolean {
  if (matcher.protocol !== 'ANY' && matcher.protocol !== protocol) return false;
  if (matcher.name !== undefined) return namedPorts(matcher.name, protocol) === port;
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
