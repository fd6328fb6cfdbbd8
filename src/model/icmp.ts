/** The address family an ICMP type belongs to (Cilium `ICMPField.family`). */
export type IcmpFamily = 'IPv4' | 'IPv6';

/**
 * One ICMP message type a rule allows (Cilium `icmps[].fields[]`: `family` and `type`;
 * docs.cilium.io, Policy Language, "ICMP/ICMPv6"). Cilium only: plain NetworkPolicy has no ICMP.
 */
export interface IcmpType {
  /** IPv4 (ICMP) or IPv6 (ICMPv6). */
  readonly family: IcmpFamily;
  /** The ICMP type number, e.g. 8 (IPv4 echo request) or 128 (IPv6 echo request). */
  readonly type: number;
}

/**
 * ICMP echo requests in both families (IPv4 type 8, RFC 792; IPv6 type 128, RFC 4443): what
 * `ping` and Cilium's health checks send. Replies travel back on the request's connection
 * tracking entry, so no rule is needed for them.
 */
export const ICMP_ECHO: readonly IcmpType[] = [{ family: 'IPv4', type: 8 }, { family: 'IPv6', type: 128 }];

/**
 * `IPv4/8` or `IPv6/128`.
 *
 * @param icmp the type
 */
export function icmpText(icmp: IcmpType): string {
  return `${icmp.family}/${icmp.type}`;
}
