import type { Manifest } from '../manifests/manifest';
import { PROTOCOLS, type Protocol } from '../probe/flow';
import { uniquePorts, type PortProtocol } from './port-protocol';

/** A numeric port range a policy names, inclusive. */
interface PortRange {
  readonly from: number;
  readonly to: number;
  readonly protocols: readonly Protocol[];
}

/** The ports the policies of a manifest set talk about, for enumerating candidate flows. */
export interface PolicyPorts {
  /**
   * Every port number a policy names, with its protocol; for a range, its first and last port
   * and the port after it.
   * Named ports are not here: they resolve to a destination's own ports (`PeerGroup.ports`).
   */
  readonly ports: PortProtocol[];
  /**
   * One TCP port no policy names, inside no range: it stands for "any other port", so rules
   * that allow every port show up in a diff or a docs page.
   */
  readonly outside: PortProtocol;
}

const POLICY_SECTIONS = ['ingress', 'egress', 'ingressDeny', 'egressDeny'] as const;

/**
 * Collects the ports named by the NetworkPolicy, CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy objects of one or more manifest sets.
 *
 * Protocol defaults follow upstream: a NetworkPolicy port without `protocol` is TCP
 * (networking.k8s.io/v1 NetworkPolicyPort.protocol); a Cilium port without `protocol`, or with
 * `ANY`, matches every protocol (cilium.io/v2 PortProtocol.protocol), taken here as TCP and UDP.
 * Cilium port `0` means every port and names none.
 *
 * @param manifestSets the manifest sets, e.g. the base and head of a diff
 */
export function collectPolicyPorts(...manifestSets: readonly (readonly Manifest[])[]): PolicyPorts {
  const ranges = manifestSets.flatMap((set) => set.flatMap((m) => manifestRanges(m)));
  // Coverage by ranges only changes at a range's first port and just after its last one, so
  // these points (plus the last port, for readable output) sample every distinct coverage,
  // overlapping ranges included.
  const ports = uniquePorts(ranges.flatMap((r) => r.protocols.flatMap((protocol) => [
    { port: r.from, protocol }, { port: r.to, protocol },
    ...(r.to > r.from && r.to < 65535 ? [{ port: r.to + 1, protocol }] : []),
  ])));
  return { ports, outside: outsidePort(ranges) };
}

function manifestRanges(manifest: Manifest): PortRange[] {
  const { apiVersion, kind } = manifest.object;
  const group = apiVersion.split('/')[0];
  const object = manifest.object as Record<string, unknown>;
  if (kind === 'NetworkPolicy' && group === 'networking.k8s.io') {
    return specRules(object.spec).flatMap((rule) => list(rule.ports).map((p) => range(p.port, p.endPort, protocolsOf(p.protocol, ['TCP']))));
  }
  if ((kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy') && group === 'cilium.io') {
    const specs = [object.spec, ...list(object.specs)];
    return specs.flatMap((spec) => specRules(spec)).flatMap((rule) => list(rule.toPorts))
      .flatMap((toPorts) => list(toPorts.ports))
      .map((p) => range(p.port, p.endPort, protocolsOf(p.protocol, ['TCP', 'UDP'])));
  }
  return [];
}

function specRules(spec: unknown): Record<string, unknown>[] {
  if (!isRecord(spec)) return [];
  return POLICY_SECTIONS.flatMap((section) => list(spec[section]));
}

function range(port: unknown, endPort: unknown, protocols: readonly Protocol[]): PortRange {
  const from = typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : 0;
  const to = typeof endPort === 'number' && endPort >= from ? endPort : from;
  // Port 0 (Cilium) or no port (NetworkPolicy) means every port; a named port names no number.
  if (from < 1 || from > 65535) return { from: 0, to: -1, protocols: [] };
  return { from, to: Math.min(to, 65535), protocols };
}

function protocolsOf(value: unknown, fallback: readonly Protocol[]): readonly Protocol[] {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value) ? [value as Protocol] : fallback;
}

function outsidePort(ranges: readonly PortRange[]): PortProtocol {
  const tcp = ranges.filter((r) => r.protocols.includes('TCP'));
  for (let port = 65535; port > 0; port--) {
    if (!tcp.some((r) => r.from <= port && port <= r.to)) return { port, protocol: 'TCP' };
  }
  // Only reached when the policies name every TCP port: then any port stands for "other ports".
  return { port: 65535, protocol: 'TCP' };
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
