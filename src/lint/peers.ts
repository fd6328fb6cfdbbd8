import { isRecord, type PolicyRule } from '../manifests/policies';

/**
 * The peer fields of Cilium rules (CiliumNetworkPolicy IngressRule/EgressRule and their deny
 * variants), see docs.cilium.io "Layer 3 Examples".
 */
export const CILIUM_PEER_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromGroups', 'fromNodes'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toServices', 'toGroups', 'toNodes'],
} as const;

/** One peer field of a rule with its entries. */
export interface PeerField {
  /** The field name, e.g. `toEndpoints` or NetworkPolicy `to`. */
  readonly field: string;
  /** The entries of the field. */
  readonly entries: readonly unknown[];
}

/**
 * The non-empty peer fields of a rule. For a NetworkPolicy rule this is `from`/`to`; a rule
 * without them matches every peer, which `selectsAnyPeer` reports.
 *
 * @param rule the rule
 */
export function peerFields(rule: PolicyRule): PeerField[] {
  const names: readonly string[] = rule.policy.kind === 'NetworkPolicy'
    ? [rule.direction === 'ingress' ? 'from' : 'to']
    : CILIUM_PEER_FIELDS[rule.direction];
  return names
    .filter((field) => Array.isArray(rule.rule[field]) && (rule.rule[field] as unknown[]).length > 0)
    .map((field) => ({ field, entries: rule.rule[field] as unknown[] }));
}

/**
 * Whether a rule matches every peer: a NetworkPolicy rule without `from`/`to`, or a Cilium rule
 * with `toPorts` (or `icmps`) but no peer field, which Cilium reads as "any peer on these
 * ports" (docs.cilium.io "Layer 4 Examples"). A Cilium rule with neither (`{}`) matches nothing.
 *
 * @param rule the rule
 */
export function selectsAnyPeer(rule: PolicyRule): boolean {
  if (peerFields(rule).length > 0) return false;
  if (rule.policy.kind === 'NetworkPolicy') return true;
  return ['toPorts', 'icmps'].some((f) => Array.isArray(rule.rule[f]) && (rule.rule[f] as unknown[]).length > 0);
}

/**
 * The CIDRs a rule names, with their JSON paths: Cilium `fromCIDR`/`toCIDR` strings,
 * `fromCIDRSet`/`toCIDRSet` entries and NetworkPolicy `ipBlock`s.
 *
 * @param rule the rule
 */
export function ruleCidrs(rule: PolicyRule): { path: string; cidr: string; except: string[] }[] {
  const found: { path: string; cidr: string; except: string[] }[] = [];
  for (const { field, entries } of peerFields(rule)) {
    entries.forEach((entry, index) => {
      const path = `${rule.path}.${field}[${index}]`;
      if (field === 'fromCIDR' || field === 'toCIDR') {
        if (typeof entry === 'string') found.push({ path, cidr: entry, except: [] });
      } else if (field === 'fromCIDRSet' || field === 'toCIDRSet') {
        if (isRecord(entry) && typeof entry.cidr === 'string') found.push({ path, cidr: entry.cidr, except: strings(entry.except) });
      } else if ((field === 'from' || field === 'to') && isRecord(entry) && isRecord(entry.ipBlock) && typeof entry.ipBlock.cidr === 'string') {
        found.push({ path: `${path}.ipBlock`, cidr: entry.ipBlock.cidr, except: strings(entry.ipBlock.except) });
      }
    });
  }
  return found;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
