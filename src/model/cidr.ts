import { PolicyError } from './policy-error';
import { fluxVariable, Var } from './var';
import { assertValid } from './problems';

/**
 * The source Istio ambient gives kubelet health probes: ztunnel SNATs them to this link-local
 * address (istio.io, "Ambient and Kubernetes NetworkPolicy"). Only the /32: the whole
 * 169.254.0.0/16 would also admit node-local services.
 */
export const AMBIENT_PROBE_SOURCE = '169.254.7.127/32';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The stand-in a Flux variable (`Var.flux`) takes where a CIDR is expected, for validation:
 * TEST-NET-1 (RFC 5737), which no real network uses.
 */
export const CIDR_STAND_IN = '192.0.2.0/24';

/**
 * Checks a CIDR (`10.0.0.0/8`, `fd00::/8`) and returns it. A Flux variable (`Var.flux('subnet')`,
 * or its text `${subnet}`) is accepted as is and returned as its `${name}` text: Flux fills it in.
 *
 * @param value the text to check
 * @param where the construct or rule, for the message
 * @throws PolicyError with a "Did you mean" hint when the mask is missing or the text is no CIDR
 */
export function checkCidr(value: string | Var, where = 'a rule'): string {
  if (value instanceof Var) assertValid(value);
  const cidr = value instanceof Var ? value.toString() : value;
  if (typeof cidr !== 'string') throw new PolicyError(`Invalid CIDR ${JSON.stringify(cidr)} in ${where}: write it as text, e.g. "10.0.0.0/8", or Var.flux('name').`);
  if (fluxVariable(cidr) !== undefined) return cidr;
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
