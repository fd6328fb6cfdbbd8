import { PolicyError } from './policy-error';

/**
 * The source Istio ambient gives kubelet health probes: ztunnel SNATs them to this link-local
 * address (istio.io, "Ambient and Kubernetes NetworkPolicy"). Only the /32: the whole
 * 169.254.0.0/16 would also admit node-local services.
 */
export const AMBIENT_PROBE_SOURCE = '169.254.7.127/32';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Checks a CIDR (`10.0.0.0/8`, `fd00::/8`) and returns it.
 *
 * @param cidr the text to check
 * @param where the construct or rule, for the message
 * @throws PolicyError with a "Did you mean" hint when the mask is missing or the text is no CIDR
 */
export function checkCidr(cidr: string, where = 'a rule'): string {
  if (typeof cidr !== 'string') throw new PolicyError(`Invalid CIDR ${String(cidr)} in ${where}: give a string such as "10.0.0.0/8".`);
  const [address, mask, ...rest] = cidr.split('/');
  const v4 = IPV4.test(address);
  const v6 = !v4 && isIpv6(address);
  if (!v4 && !v6) {
    throw new PolicyError(`Invalid CIDR "${cidr}" in ${where}: "${address}" is not an IPv4 or IPv6 address.`);
  }
  if (mask === undefined) {
    throw new PolicyError(`Invalid CIDR "${cidr}" in ${where}: mask missing. Did you mean "${cidr}/${v4 ? 32 : 128}"?`);
  }
  const bits = Number(mask);
  if (rest.length > 0 || !/^\d+$/.test(mask) || bits > (v4 ? 32 : 128)) {
    throw new PolicyError(`Invalid CIDR "${cidr}" in ${where}: the mask must be 0 to ${v4 ? 32 : 128}.`);
  }
  return cidr;
}

function isIpv6(address: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(address) || address.split('::').length > 2) return false;
  const groups = address.split(':').filter((g) => g !== '');
  return groups.every((g) => g.length <= 4) && (address.includes('::') ? groups.length < 8 : groups.length === 8);
}
