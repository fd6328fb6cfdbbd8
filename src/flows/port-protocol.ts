import type { Protocol } from '../probe/flow';
import { compareText } from '../model/compare';

/** A destination port with its protocol, e.g. 443/TCP: one column of the candidate flows. */
export interface PortProtocol {
  /** The port number, 1-65535. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
}

/**
 * Writes a port the way every review tool prints it: `443/TCP`.
 *
 * @param port the port
 */
export function formatPort(port: PortProtocol): string {
  return `${port.port}/${port.protocol}`;
}

/**
 * Orders ports by number, then protocol, so `53/TCP` comes before `53/UDP` and `443/TCP`.
 *
 * @param a one port
 * @param b the other port
 */
export function comparePorts(a: PortProtocol, b: PortProtocol): number {
  return a.port - b.port || compareText(a.protocol, b.protocol);
}

/**
 * Sorts ports (see `comparePorts`) and drops duplicates.
 *
 * @param ports the ports, in any order
 */
export function uniquePorts(ports: Iterable<PortProtocol>): PortProtocol[] {
  const byKey = new Map<string, PortProtocol>();
  for (const port of ports) byKey.set(formatPort(port), { port: port.port, protocol: port.protocol });
  return [...byKey.values()].sort(comparePorts);
}
