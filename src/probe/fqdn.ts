/**
 * Cilium `toFQDNs` selectors. Semantics from docs.cilium.io Policy Language > DNS based and
 * pkg/fqdn/matchpattern: names compare case-insensitively and without the trailing dot;
 * a pattern made only of stars, with or without a trailing dot (`*`, `**`, `***`, `*.`: `isDNSWildcard`),
 * matches every name; a leading `**.` matches one or more labels
 * (`**.cilium.io` matches `app.cilium.io` and `test.app.cilium.io`, not `cilium.io`:
 * `subdomainWildcardSpecifierPrefix`); otherwise `*` matches zero or more characters allowed in a
 * DNS label (`[-a-zA-Z0-9_]`), so it never crosses a dot.
 */

import { fluxDnsStandIn } from '../model/flux-substitution';

/** A compiled `toFQDNs` entry. */
export interface FqdnSelector {
  /** The entry as written (`matchName: x` or `matchPattern: *.x`). */
  readonly text: string;
  /** Tests a normalized DNS name. */
  readonly test: (name: string) => boolean;
}

/**
 * Compiles one `toFQDNs` entry.
 *
 * @param value the entry as parsed
 * @param field the field path, for messages
 * @returns the selector, or an error message naming the field
 */
export function compileFqdnSelector(value: unknown, field: string): FqdnSelector | string {
  if (typeof value !== 'object' || value === null) return `${field}: expected {matchName} or {matchPattern}`;
  const { matchName, matchPattern } = value as Record<string, unknown>;
  if ((matchName === undefined) === (matchPattern === undefined)) return `${field}: set exactly one of matchName and matchPattern`;
  if (matchName !== undefined) {
    // A Flux expression (`git.${CLUSTER_DOMAIN}`) is checked and matched as its stand-in; the text stays as written.
    if (typeof matchName !== 'string' || !/^[a-zA-Z0-9_.-]+$/.test(fluxDnsStandIn(matchName))) return `${field}.matchName: ${JSON.stringify(matchName)} is not a DNS name`;
    const name = normalizeDnsName(fluxDnsStandIn(matchName));
    return { text: `matchName: ${matchName}`, test: (n) => n === name };
  }
  if (typeof matchPattern !== 'string' || !/^[a-zA-Z0-9_.*-]+$/.test(fluxDnsStandIn(matchPattern))) return `${field}.matchPattern: ${JSON.stringify(matchPattern)} is not a DNS pattern`;
  const pattern = normalizeDnsName(fluxDnsStandIn(matchPattern));
  // isDNSWildcard: a pattern of stars only, with or without the trailing dot (`*`, `**`, `***`,
  // `*.`, `**.`), matches every name; the trailing dot is already gone here.
  if (/^\*+$/.test(pattern)) return { text: `matchPattern: ${matchPattern}`, test: () => true };
  const cascaded = /^\*{2,}\./.exec(pattern);
  const rest = cascaded ? pattern.slice(cascaded[0].length) : pattern;
  const source = rest.split('*').map((part) => part.replace(/[.\\^$+?()[\]{}|-]/g, '\\$&')).join('[-a-z0-9_]*');
  const regex = new RegExp(`^${cascaded ? '([-a-z0-9_]+\\.)+' : ''}${source}$`);
  return { text: `matchPattern: ${matchPattern}`, test: (n) => regex.test(n) };
}

/**
 * Normalizes a DNS name for comparison: lower case, no trailing dot.
 *
 * @param name the name
 */
export function normalizeDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
