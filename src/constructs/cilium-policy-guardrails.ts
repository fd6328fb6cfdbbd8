/**
 * The anti-patterns a hand-written Cilium policy is checked for. Pure: takes the `spec`, returns
 * one message per problem, each with the fix.
 */

type RuleRecord = Readonly<Record<string, unknown>>;

const PEER_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromRequires', 'fromGroups', 'fromNodes'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toServices', 'toRequires', 'toGroups', 'toNodes'],
} as const;
const CIDR_FIELDS = ['fromCIDR', 'fromCIDRSet', 'toCIDR', 'toCIDRSet'];

/** Options of `cidrAllowed` in `checkCiliumSpec`. */
export interface GuardrailOptions {
  /** Whether the user opted into hard-coded addresses, with a reason. */
  readonly cidrAllowed: boolean;
}

/**
 * Checks a hand-written CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy spec for the
 * design's anti-patterns:
 * - explicit default-deny: a deny rule that matches every peer on every port. The baselines already
 *   put every endpoint in default-deny, and a deny rule wins over every allow
 *   (docs.cilium.io, Policy Language, "Deny Policies"), so it would cut DNS and everything else;
 * - empty rule lists (`ingress: []`, which Cilium treats as no rule at all) and empty rules
 *   (`ingress: [{}]`, which reads as "allow everything" to anyone used to NetworkPolicy);
 * - rules that allow any port (no `toPorts`);
 * - hard-coded addresses (CIDR rules) without an explicit opt-in.
 *
 * @param spec the policy spec
 * @param options whether CIDR rules are opted into
 * @returns one message per problem, naming the field
 */
export function checkCiliumSpec(spec: Readonly<Record<string, unknown>>, options: GuardrailOptions): string[] {
  const problems: string[] = [];
  for (const field of ['ingress', 'egress', 'ingressDeny', 'egressDeny'] as const) {
    const rules = spec[field];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      problems.push(`spec.${field} must be a list of rules.`);
      continue;
    }
    if (rules.length === 0) {
      problems.push(`spec.${field} is an empty list, which Cilium ignores: remove it, or list the peers and ports to ${field.endsWith('Deny') ? 'deny' : 'allow'}.`);
      continue;
    }
    const direction = field.startsWith('ingress') ? 'ingress' : 'egress';
    const deny = field.endsWith('Deny');
    rules.forEach((rule: RuleRecord, i: number) => {
      const at = `spec.${field}[${i}]`;
      const peers = PEER_FIELDS[direction].filter((f) => rule[f] !== undefined);
      const hasPorts = Array.isArray(rule.toPorts) && rule.toPorts.length > 0;
      if (Object.keys(rule).length === 0) {
        problems.push(`${at} is an empty rule {}: it reads as "allow everything" in NetworkPolicy and as a bare default-deny in Cilium. Write the peers and ports it is meant to ${deny ? 'deny' : 'allow'}.`);
        return;
      }
      if (deny && !hasPorts && (peers.length === 0 || peers.some((f) => matchesEverything(rule[f])))) {
        problems.push(`${at} is an explicit default-deny (it denies every peer on every port). The cluster baselines already deny all traffic that is not allowed, and a deny rule overrides every allow, DNS included: remove it and rely on the baselines.`);
        return;
      }
      if (!deny && !hasPorts && rule.icmps === undefined) {
        problems.push(`${at} allows any port: add toPorts with the ports the traffic needs, e.g. toPorts: [{ ports: [{ port: "443", protocol: TCP }] }].`);
      }
      for (const f of peers) {
        if (CIDR_FIELDS.includes(f) && !options.cidrAllowed) {
          problems.push(`${at}.${f} hard-codes addresses: use toEndpoints/fromEndpoints selectors, entities or toFQDNs; if an address is really needed, opt in with hardCodedIpReason.`);
        }
      }
    });
  }
  return problems;
}

function matchesEverything(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.some((item) => {
    if (item === 'all') return true;
    if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      if (Object.keys(record).length === 0) return true;
      if (record.cidr === '0.0.0.0/0' || record.cidr === '::/0') return true;
    }
    return item === '0.0.0.0/0' || item === '::/0';
  });
}
