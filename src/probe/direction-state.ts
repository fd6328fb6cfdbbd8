import type { Cni, ProbeEntity } from './flow';
import type { FqdnSelector } from './fqdn';
import type { Identities } from './identity';
import { subjectMatches } from './peer-match';
import { policyLabel, type PolicyRef } from './policy-ref';
import type { CompiledPolicy, Direction, PolicyRule } from './rule';
import { requiredValue } from './selector';
import { POD_NAMESPACE_LABEL } from './cilium-labels';
import { compareText } from '../model/compare';
import { reservedSubjectMatches, SUBJECT_ENTITIES } from './reserved-endpoint';

/** What the policies selecting one identity say about one direction, merged the way Cilium merges them into one policy per endpoint. */
export interface DirectionState {
  /** Whether any selecting policy has a say on this direction (otherwise it is open). */
  readonly enforced: boolean;
  /** The policies that put the direction in default-deny, sorted by label. */
  readonly defaultDenyBy: readonly PolicyRef[];
  /** The policies that have a say but do not enable default-deny, sorted by label. */
  readonly openBy: readonly PolicyRef[];
  /** Every allow rule of the selecting policies. */
  readonly allowRules: readonly PolicyRule[];
  /** Every deny rule of the selecting policies (Cilium `ingressDeny`/`egressDeny`). */
  readonly denyRules: readonly PolicyRule[];
  /**
   * The names the endpoint's DNS proxy rules let it look up (egress only): `toFQDNs` allows only
   * names in here, since Cilium learns a name's addresses from the DNS answers its proxy lets through.
   */
  readonly dnsNames: readonly FqdnSelector[];
  /**
   * What the policies selecting the endpoint leave unmodelled, in either direction
   * (`CompiledPolicy.notices`), sorted: flows from and to the endpoint carry these.
   */
  readonly notices: readonly string[];
}

const OPEN: DirectionState = { enforced: false, defaultDenyBy: [], openBy: [], allowRules: [], denyRules: [], dnsNames: [], notices: [] };

/**
 * Computes, for every identity and direction, the merged state of the policies selecting it.
 * Done once per simulator, so each flow only looks at the rules of its two endpoints.
 *
 * @param policies the policies the enforcer honours (already filtered by CNI)
 * @param identities the pod identities
 * @returns one state per identity index, per direction
 */
export function buildDirectionStates(policies: readonly CompiledPolicy[], identities: Identities): Record<Direction, DirectionState[]> {
  const selecting: CompiledPolicy[][] = identities.list.map(() => []);
  for (const policy of policies) {
    const namespace = policy.subject.namespace
      ?? (policy.subject.kind === 'endpoints' ? requiredValue(policy.subject.selector, POD_NAMESPACE_LABEL) : undefined);
    const candidates = namespace === undefined ? identities.list : identities.byNamespace.get(namespace) ?? [];
    for (const identity of candidates) {
      if (subjectMatches(policy.subject, identity)) selecting[identity.index].push(policy);
    }
  }
  return {
    ingress: selecting.map((list) => mergeDirection(list, 'ingress')),
    egress: selecting.map((list) => mergeDirection(list, 'egress')),
  };
}

/**
 * Computes the merged state of the reserved endpoints that policies can select (`entity:health`,
 * `entity:ingress`, `entity:init`, see `SUBJECT_ENTITIES`), per direction. Only Cilium selects
 * them; pass only the policies the enforcer honours.
 *
 * @param policies the policies the enforcer honours
 * @returns the states of the reserved endpoints some policy selects; an entity absent from the
 *   map has no policy of its own
 */
export function buildReservedStates(policies: readonly CompiledPolicy[]): Map<ProbeEntity, Record<Direction, DirectionState>> {
  const states = new Map<ProbeEntity, Record<Direction, DirectionState>>();
  for (const entity of SUBJECT_ENTITIES) {
    const list = policies.filter((p) => reservedSubjectMatches(p.subject, entity));
    if (list.length > 0) states.set(entity, { ingress: mergeDirection(list, 'ingress'), egress: mergeDirection(list, 'egress') });
  }
  return states;
}

/** Merges what the policies selecting one endpoint say about one direction. */
function mergeDirection(list: readonly CompiledPolicy[], direction: Direction): DirectionState {
  const notices = list.some((p) => p.notices !== undefined) ? [...new Set(list.flatMap((p) => p.notices ?? []))].sort(compareText) : [];
  const sections = list.filter((p) => p[direction] !== undefined);
  if (sections.length === 0) return notices.length === 0 ? OPEN : { ...OPEN, notices };
  const rules = sections.flatMap((p) => p[direction]!.rules);
  const allowRules = rules.filter((r) => r.action === 'allow');
  return {
    enforced: true,
    defaultDenyBy: uniqueRefs(sections.filter((p) => p[direction]!.defaultDeny).map((p) => p.ref)),
    openBy: uniqueRefs(sections.filter((p) => !p[direction]!.defaultDeny).map((p) => p.ref)),
    allowRules,
    denyRules: rules.filter((r) => r.action === 'deny'),
    dnsNames: direction === 'egress' ? allowRules.flatMap((r) => r.dnsNames) : [],
    notices,
  };
}

/**
 * Which policies the enforcer honours: `cilium` all, `kubernetes` only NetworkPolicies, `none` nothing.
 *
 * @param cni the enforcer
 * @param networkPolicies the NetworkPolicies
 * @param ciliumPolicies the CNPs and CCNPs
 */
export function enforcedPolicies(cni: Cni, networkPolicies: readonly CompiledPolicy[], ciliumPolicies: readonly CompiledPolicy[]): CompiledPolicy[] {
  if (cni === 'none') return [];
  return cni === 'kubernetes' ? [...networkPolicies] : [...networkPolicies, ...ciliumPolicies];
}

function uniqueRefs(refs: PolicyRef[]): PolicyRef[] {
  const byLabel = new Map(refs.map((r) => [policyLabel(r), r]));
  return [...byLabel.keys()].sort().map((k) => byLabel.get(k)!);
}
