import { asArray, isRecord, type PolicyRule } from '../manifests/policies';

/** A port range of a rule, after the API's defaulting. */
export interface PortRange {
  /** The first port; 0 with `to` 65535 means every port. */
  readonly from: number;
  /** The last port, inclusive. */
  readonly to: number;
  /** The protocol; `ANY` (Cilium's default) matches TCP, UDP and SCTP. */
  readonly protocol: 'TCP' | 'UDP' | 'SCTP' | 'ANY';
  /**
   * A named port, when the rule names one instead of a number.
   * @default - none: the port is a number (or every port)
   */
  readonly name?: string;
}

/** Every port, every protocol: what a rule without ports allows. */
export const ALL_PORTS: PortRange = { from: 0, to: 65535, protocol: 'ANY' };

/**
 * The ports a rule allows or denies. A Cilium rule without `toPorts` and a NetworkPolicy rule
 * without `ports` match every port ([ALL_PORTS]), except a Cilium rule of `icmps` only, which
 * matches none ([]); a Cilium port of `0` matches every port
 * (CiliumNetworkPolicy PortProtocol.port: "0 means all ports"); Cilium's protocol defaults
 * to `ANY`, NetworkPolicy's to `TCP`, and a NetworkPolicy port without `port` matches every
 * port of its protocol.
 *
 * @param rule the rule
 */
export function rulePorts(rule: PolicyRule): PortRange[] {
  if (rule.policy.kind === 'NetworkPolicy') {
    const ports = asArray(rule.rule.ports);
    if (ports.length === 0) return [ALL_PORTS];
    return ports.filter(isRecord).map((p) => range(p.port, p.endPort, protocolOf(p.protocol, 'TCP')));
  }
  const toPorts = asArray(rule.rule.toPorts);
  // A rule of ICMP types only (Cilium refuses `icmps` next to `toPorts`) matches no TCP, UDP or
  // SCTP port, as the simulator reads it too.
  if (toPorts.length === 0 && asArray(rule.rule.icmps).length > 0) return [];
  if (toPorts.length === 0) return [ALL_PORTS];
  const ranges = toPorts.filter(isRecord).flatMap((tp) => asArray(tp.ports).filter(isRecord))
    .map((p) => range(p.port, p.endPort, protocolOf(p.protocol, 'ANY')));
  return ranges.length > 0 ? ranges : [ALL_PORTS];
}

/**
 * Whether a port range matches every port of every protocol.
 *
 * @param port the range
 */
export function isAllPorts(port: PortRange): boolean {
  return port.name === undefined && port.from <= 1 && port.to >= 65535;
}

/**
 * Whether `outer` matches every connection `inner` matches. Named ports are covered only by
 * the same name or by a range over every port, since their number is not known here.
 *
 * @param outer the covering range
 * @param inner the covered range
 */
export function portCovers(outer: PortRange, inner: PortRange): boolean {
  if (outer.protocol !== 'ANY' && outer.protocol !== inner.protocol) return false;
  if (outer.name !== undefined) return outer.name === inner.name;
  if (inner.name !== undefined) return outer.from <= 1 && outer.to >= 65535;
  return outer.from <= inner.from && outer.to >= inner.to;
}

/**
 * Whether the rule allows (or denies) a port number over a protocol.
 *
 * @param ports the rule's port ranges
 * @param port the port number
 * @param protocol the protocol
 * @param names names the port may go by (named ports)
 */
export function portsInclude(ports: readonly PortRange[], port: number, protocol: 'TCP' | 'UDP', names: readonly string[] = []): boolean {
  return ports.some((p) => (p.protocol === 'ANY' || p.protocol === protocol)
    && (p.name !== undefined ? names.includes(p.name) : p.from <= port && port <= p.to));
}

function range(port: unknown, endPort: unknown, protocol: PortRange['protocol']): PortRange {
  if (port === undefined || port === null) return { from: 0, to: 65535, protocol };
  const text = String(port);
  if (!/^\d+$/.test(text)) return { from: -1, to: -1, protocol, name: text };
  const from = Number(text);
  if (from === 0) return { from: 0, to: 65535, protocol };
  const end = typeof endPort === 'number' || (typeof endPort === 'string' && /^\d+$/.test(endPort)) ? Number(endPort) : from;
  return { from, to: Math.max(from, end), protocol };
}

function protocolOf(value: unknown, fallback: PortRange['protocol']): PortRange['protocol'] {
  const text = typeof value === 'string' ? value.toUpperCase() : '';
  return text === 'TCP' || text === 'UDP' || text === 'SCTP' || text === 'ANY' ? text : fallback;
}
