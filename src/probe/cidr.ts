/**
 * IP addresses and CIDR blocks, IPv4 and IPv6, as big integers so containment is exact.
 */

/** A parsed IP address. */
export interface IpAddress {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** The address as an unsigned integer. */
  readonly value: bigint;
}

/** A parsed CIDR block, e.g. `10.0.0.0/8`. */
export interface Cidr {
  /** 4 or 6. */
  readonly family: 4 | 6;
  /** The network address with host bits cleared. */
  readonly network: bigint;
  /** The prefix length. */
  readonly prefix: number;
  /** The block as written. */
  readonly text: string;
}

/**
 * Parses an IPv4 or IPv6 address.
 *
 * @param text the address, e.g. `10.0.1.5` or `fd00::1`
 * @returns the address, or undefined when the text is not an address
 */
export function parseIp(text: string): IpAddress | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const value = parseIpv4(text);
    return value === undefined ? undefined : { family: 4, value };
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  // An IPv4-mapped or -compatible address ends in a dotted quad: ::ffff:10.0.0.1 (RFC 4291 2.2).
  let tail = text;
  let v4: bigint | undefined;
  if (text.includes('.')) {
    const colon = text.lastIndexOf(':');
    v4 = parseIpv4(text.slice(colon + 1));
    if (v4 === undefined) return undefined;
    tail = `${text.slice(0, colon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/**
 * Reads a dotted-quad IPv4 address. An octet with a leading zero (`010.0.0.1`) is refused: some
 * readers take it as octal (inet_aton: 8), others as decimal, and Go's net.ParseIP, which
 * Cilium and newer Kubernetes validation use, rejects it (Go 1.17+).
 */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

/**
 * Parses a CIDR block. A bare address is not accepted (Kubernetes and Cilium require the mask).
 *
 * @param text the block, e.g. `10.0.0.0/8`
 * @returns the block, or an error message with the fix
 */
export function parseCidr(text: string): Cidr | string {
  const [address, mask, extra] = text.split('/');
  const ip = parseIp(address ?? '');
  if (!ip && /(^|[.:])0\d/.test(address ?? '') && /^[\d.:a-fA-F]+$/.test(address ?? '')) {
    return `"${text}" has an octet with a leading zero, which some readers take as octal; write it without (e.g. ${(address ?? '').replace(/\b0+(\d)/g, '$1')})`;
  }
  if (!ip) return `"${text}" is not a CIDR block (e.g. 10.0.0.0/8)`;
  if (mask === undefined) return `"${text}" has no mask. Did you mean "${text}/${ip.family === 4 ? 32 : 128}"?`;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(mask);
  if (extra !== undefined || !/^(0|[1-9]\d{0,2})$/.test(mask) || prefix > bits) return `"${text}" has an invalid mask; use 0-${bits}`;
  const hostBits = BigInt(bits - prefix);
  return { family: ip.family, network: (ip.value >> hostBits) << hostBits, prefix, text };
}

/**
 * Whether an address lies in a block.
 *
 * @param block the CIDR block
 * @param ip the address
 */
export function cidrContains(block: Cidr, ip: IpAddress): boolean {
  if (block.family !== ip.family) return false;
  const hostBits = BigInt((ip.family === 4 ? 32 : 128) - block.prefix);
  return (ip.value >> hostBits) === (block.network >> hostBits);
}
