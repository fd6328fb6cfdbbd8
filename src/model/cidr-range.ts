/**
 * CIDR arithmetic for IPv4 and IPv6, enough for containment checks. A CIDR whose address has
 * bits set beyond its mask is read as its network (what Kubernetes and Cilium do).
 */

/** A parsed CIDR. */
export interface Cidr {
  /** 4 or 6. */
  readonly version: 4 | 6;
  /** The network address as a big integer. */
  readonly network: bigint;
  /** The prefix length. */
  readonly bits: number;
}

/**
 * Parses a CIDR such as `10.0.0.0/8` or `fc00::/7`; an address without a mask is a host route.
 *
 * @param text the CIDR
 * @returns the CIDR, or undefined when the text is not one
 */
export function parseCidr(text: string): Cidr | undefined {
  const [address, mask, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const v4 = parseV4(address);
  const version = v4 !== undefined ? 4 : 6;
  const value = v4 ?? parseV6(address);
  if (value === undefined) return undefined;
  const width = version === 4 ? 32 : 128;
  const bits = mask === undefined ? width : /^\d+$/.test(mask) ? Number(mask) : NaN;
  if (!(bits >= 0 && bits <= width)) return undefined;
  const hostBits = BigInt(width - bits);
  return { version, network: (value >> hostBits) << hostBits, bits };
}

/**
 * Whether `outer` contains every address of `inner`.
 *
 * @param outer the larger CIDR
 * @param inner the smaller CIDR
 */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || outer.bits > inner.bits) return false;
  const hostBits = BigInt((outer.version === 4 ? 32 : 128) - outer.bits);
  return (inner.network >> hostBits) === (outer.network >> hostBits);
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(written: string): bigint | undefined {
  let text = written;
  // An IPv4-mapped address ends in a dotted quad: ::ffff:10.0.0.0 (RFC 4291 2.2).
  if (text.includes(':') && text.includes('.')) {
    const colon = text.lastIndexOf(':');
    const v4 = parseV4(text.slice(colon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, colon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
