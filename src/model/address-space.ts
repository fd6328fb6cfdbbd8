import { parseCidr } from './cidr-range';

/**
 * The private and special-use address ranges, and whether a set of CIDRs reaches a whole one of
 * them. Pure; shared by the constructs, the NetworkPolicy renderer and `netpol lint`.
 */

/**
 * Private and special-use IPv4 ranges: RFC 1918 (10/8, 172.16/12, 192.168/16), carrier-grade
 * NAT and tailnets (100.64/10, RFC 6598), link-local (169.254/16, RFC 3927). Pod and service
 * CIDRs, node LANs and tailnets live here: Calico's default pod pool is 192.168.0.0/16, k3s's
 * 10.42.0.0/16, Cilium's cluster-pool 10.0.0.0/8.
 */
export const PRIVATE_RANGES_V4: readonly string[] = ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'];

/** Private IPv6 ranges: unique local (fc00::/7, RFC 4193) and link-local (fe80::/10). */
export const PRIVATE_RANGES_V6: readonly string[] = ['fc00::/7', 'fe80::/10'];

/** A CIDR with the sub-ranges left out of it (`ipBlock.except`, `Peer.cidr(..., { except })`). */
export interface CidrWithExcept {
  /** The CIDR. */
  readonly cidr: string;
  /**
   * Sub-ranges left out.
   * @default - none
   */
  readonly except?: readonly string[];
}

/**
 * The private ranges (`PRIVATE_RANGES_V4`, `PRIVATE_RANGES_V6`) that `blocks` reach as a whole,
 * their except lists subtracted, several blocks together. NetworkPolicy `ipBlock`s apply to pod
 * addresses too on most CNIs (Calico, kube-router), so a block reaching a whole private range
 * reaches every pod, or the whole LAN, not just the outside it was written for.
 * Unparsable CIDRs are ignored (they are refused elsewhere).
 *
 * @param blocks the address blocks of one rule
 * @returns the private ranges reached in full, in the order of the lists
 */
export function privateRangesReached(blocks: readonly CidrWithExcept[]): string[] {
  const reached: string[] = [];
  for (const range of [...PRIVATE_RANGES_V4, ...PRIVATE_RANGES_V6]) {
    const target = interval(range)!;
    const parts: Interval[] = [];
    for (const block of blocks) {
      const outer = interval(block.cidr);
      if (outer === undefined || outer.v6 !== target.v6) continue;
      const excepts = (block.except ?? []).map(interval).filter((e): e is Interval => e !== undefined && e.v6 === target.v6);
      for (const piece of subtract(clip(outer, target), excepts)) parts.push(piece);
    }
    if (covers(parts, target)) reached.push(range);
  }
  return reached;
}

interface Interval { readonly v6: boolean; readonly start: bigint; readonly end: bigint }

/** The addresses of a CIDR (with its mask: a bare address is no block here) as an interval. */
function interval(cidr: string): Interval | undefined {
  const parsed = cidr.includes('/') ? parseCidr(cidr) : undefined;
  if (parsed === undefined) return undefined;
  const host = BigInt((parsed.version === 4 ? 32 : 128) - parsed.bits);
  return { v6: parsed.version === 6, start: parsed.network, end: parsed.network + (1n << host) - 1n };
}

function clip(a: Interval, b: Interval): Interval[] {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? [{ v6: a.v6, start, end }] : [];
}

function subtract(pieces: Interval[], holes: readonly Interval[]): Interval[] {
  let result = pieces;
  for (const hole of holes) {
    result = result.flatMap((p) => {
      if (hole.end < p.start || hole.start > p.end) return [p];
      const left = hole.start > p.start ? [{ v6: p.v6, start: p.start, end: hole.start - 1n }] : [];
      const right = hole.end < p.end ? [{ v6: p.v6, start: hole.end + 1n, end: p.end }] : [];
      return [...left, ...right];
    });
  }
  return result;
}

function covers(parts: readonly Interval[], target: Interval): boolean {
  let next = target.start;
  for (const part of [...parts].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    if (part.start > next) return false;
    if (part.end + 1n > next) next = part.end + 1n;
    if (next > target.end) return true;
  }
  return next > target.end;
}
