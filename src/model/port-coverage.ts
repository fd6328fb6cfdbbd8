/**
 * How much of the port space a set of port ranges opens, per protocol: the measure behind the
 * rule that "every port" is said only with `Port.any({ reason })`. Pure; shared by the
 * constructs, the `CiliumPolicy` guardrails and `netpol lint`.
 */
import type { Port } from './port';
import { problemsOfValue } from './problems';

/** The number of ports of one protocol (1 to 65535). */
export const PORT_SPACE = 65535;

/**
 * The most ports of one protocol a rule may name without `Port.any`: half of the port space.
 * A rule opening more (`Port.tcpRange(2, 65535)`, `1024-65535`, two adjacent ranges that
 * together reach 65535, an `endPort: 65535` from a low port) is "every port" in disguise: it
 * reaches SSH (22), the kubelet (10250) and almost any service a pod listens on. Wide ranges
 * that are real needs stay below it: NodePorts 30000-32767, the Linux ephemeral range
 * 32768-60999, WebRTC/TURN relays 49152-65535.
 */
export const WIDE_PORT_LIMIT = 32768;

/** A port range of one protocol (`ANY` stands for TCP, UDP and SCTP at once). */
export interface ProtocolRange {
  /** `TCP`, `UDP`, `SCTP`, or `ANY` (Cilium's default protocol). */
  readonly protocol: string;
  /** The first port, 1 to 65535 (0 is read as every port). */
  readonly from: number;
  /** The last port, included. */
  readonly to: number;
}

/** What one protocol's ranges open together. */
export interface ProtocolCoverage {
  /** The protocol. */
  readonly protocol: string;
  /** How many distinct ports, overlaps and adjacent ranges merged. */
  readonly ports: number;
  /** The merged ranges, e.g. `1-30000, 30001-65535` read as `1-65535`. */
  readonly text: string;
}

/**
 * The protocols whose ranges together open more than `WIDE_PORT_LIMIT` ports. Ranges of
 * protocol `ANY` count for TCP, UDP and SCTP.
 *
 * @param ranges the ranges of one rule (or of several rules between the same endpoints)
 * @returns one entry per protocol over the limit, sorted by protocol
 */
export function widePortCoverage(ranges: readonly ProtocolRange[]): ProtocolCoverage[] {
  const byProtocol = new Map<string, { from: number; to: number }[]>();
  for (const range of ranges) {
    const from = Math.max(1, range.from === 0 ? 1 : range.from);
    const to = Math.min(PORT_SPACE, range.from === 0 ? PORT_SPACE : range.to);
    if (!(to >= from)) continue;
    for (const protocol of range.protocol === 'ANY' ? ['SCTP', 'TCP', 'UDP'] : [range.protocol]) {
      byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), { from, to }]);
    }
  }
  const wide: ProtocolCoverage[] = [];
  for (const [protocol, list] of [...byProtocol.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const merged = mergeRanges(list);
    const ports = merged.reduce((sum, r) => sum + r.to - r.from + 1, 0);
    if (ports > WIDE_PORT_LIMIT) {
      wide.push({ protocol, ports, text: merged.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ') });
    }
  }
  return wide;
}

/**
 * What is wrong with a port list that opens more than half of a protocol's ports, or nothing.
 * `Port.any({ reason })` is every port on purpose and is left out.
 *
 * @param ports the ports of one rule (or of several rules between the same endpoints)
 * @returns e.g. `tcp ports 2-65535 (65534 of 65535), more than half of the ports: every port in disguise (...)`
 */
export function widePortsProblem(ports: readonly Port[]): string | undefined {
  const ranges = ports
    // Port.any is "every port" said on purpose, with its reason; an invalid port is reported as such.
    .filter((p) => !p.isAny && problemsOfValue(p).length === 0)
    .map((p) => ({ protocol: p.protocol, from: p.port, to: p.endPort ?? p.port }));
  const wide = widePortCoverage(ranges);
  if (wide.length === 0) return undefined;
  return `${wide.map(describeCoverage).join(' and ')}, more than half of the ports: every port in disguise (SSH, the kubelet, any service a pod listens on)`;
}

/**
 * A sentence about one wide protocol coverage, for messages:
 * `tcp ports 2-65535 (65534 of 65535)`.
 *
 * @param coverage the coverage
 */
export function describeCoverage(coverage: ProtocolCoverage): string {
  return `${coverage.protocol.toLowerCase()} ports ${coverage.text} (${coverage.ports} of ${PORT_SPACE})`;
}

function mergeRanges(ranges: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: { from: number; to: number }[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    // Adjacent ranges (1-100 and 101-200) open the same ports as one range.
    if (last !== undefined && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}
