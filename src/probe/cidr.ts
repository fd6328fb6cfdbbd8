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
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { family: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!text.includes(':') || !/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
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
  if (!ip) return `"${text}" is not a CIDR block (e.g. 10.0.0.0/8)`;
  if (mask === undefined) return `"${text}" has no mask. Did you mean "${text}/${ip.family === 4 ? 32 : 128}"?`;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(mask);
  if (extra !== undefined || !/^\d{1,3}$/.test(mask) || prefix > bits) return `"${text}" has an invalid mask; use 0-${bits}`;
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
