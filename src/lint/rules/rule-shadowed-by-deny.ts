import { isDeepStrictEqual } from 'node:util';
import { cidrContains, parseCidr } from '../../model/cidr-range';
import { defineRule, type Report } from '../define-rule';
import { asSelector, isEmptySelector, type LabelRequirement } from '../../manifests/label-selector';
import type { LintContext } from '../lint-context';
import { scopedPeerRequirements } from '../peer-scope';
import { peerFields, selectsAnyPeer } from '../peers';
import { isCilium, isRecord, policyRules, type PolicyRule, type PolicySpec } from '../../manifests/policies';
import { portCovers, rulePorts } from '../ports';

const ID = 'rule-shadowed-by-deny';

/** Entities the `cluster` entity includes (docs.cilium.io "Entities Based"). */
const CLUSTER_ENTITIES = new Set(['cluster', 'host', 'remote-node', 'kube-apiserver', 'health', 'init', 'ingress', 'unmanaged']);

/**
 * An allow rule that can never allow anything because a deny rule for the same endpoints and
 * direction covers all its peers and ports: Cilium evaluates deny before allow ("Deny
 * policies take precedence over allow policies", docs.cilium.io "Deny Policies"). Like aws-cdk
 * rule subsumption, a rule is reported only when the cover is proven: unknown peer kinds
 * (FQDNs, services, nodes, named ports) are never covered except by the `all` entity.
 *
 * Same endpoints means: the same spec, another spec with an identical `endpointSelector` in
 * the same scope, or a CCNP deny selecting every endpoint.
 */
export const ruleShadowedByDeny = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Allow rule fully shadowed by a deny rule.',
  help: 'Delete the allow rule, or narrow the deny rule so it no longer covers the allowed peers and ports.',
  check(context: LintContext, report: Report): void {
    const specs = context.policies.filter((p) => isCilium(p.kind));
    for (const spec of specs) {
      const denies = specs.filter((other) => sameEndpoints(spec, other)).flatMap(policyRules).filter((r) => r.deny);
      for (const allow of policyRules(spec).filter((r) => !r.deny && peerFields(r).length > 0)) {
        const by = denies.find((deny) => deny.direction === allow.direction && covers(deny, allow));
        if (!by) continue;
        const where = by.policy === spec ? by.path : `${by.path} of ${by.policy.manifest.object.kind} ${by.policy.namespace ? `${by.policy.namespace}/` : ''}${by.policy.manifest.object.metadata.name}`;
        report(spec.manifest, {
          field: allow.path,
          message: `${allow.section} rule is shadowed by deny rule ${where}, which covers all its peers and ports; deny wins, so this rule never allows anything.`,
          fix: `Delete ${allow.path}, or narrow ${where} so it no longer covers it.`,
        });
      }
    }
  },
});

function sameEndpoints(allow: PolicySpec, deny: PolicySpec): boolean {
  if (allow === deny) return true;
  // A host policy (nodeSelector) applies to the nodes' host endpoints, which no endpointSelector
  // selects (docs.cilium.io Policy Language, "Host Policies"): only a host policy with the same
  // nodeSelector is about the same endpoints.
  if (allow.spec.nodeSelector !== undefined || deny.spec.nodeSelector !== undefined) {
    return allow.spec.nodeSelector !== undefined && isDeepStrictEqual(allow.spec.nodeSelector, deny.spec.nodeSelector);
  }
  const denySelector = asSelector(deny.spec.endpointSelector);
  if (deny.kind === 'CiliumClusterwideNetworkPolicy' && denySelector && isEmptySelector(denySelector)) return true;
  return allow.kind === deny.kind && allow.namespace === deny.namespace && denySelector !== undefined
    && isDeepStrictEqual(allow.spec.endpointSelector, deny.spec.endpointSelector);
}

function covers(deny: PolicyRule, allow: PolicyRule): boolean {
  const denyPorts = rulePorts(deny);
  if (!rulePorts(allow).every((port) => denyPorts.some((d) => portCovers(d, port)))) return false;
  // A deny rule with ports but no peer denies every peer on those ports.
  if (selectsAnyPeer(deny)) return true;
  const denyPeers = peerFields(deny);
  return peerFields(allow).every(({ field, entries }) => entries.every((entry) => denyPeers.some((d) => d.entries.some((de) => peerCovers(deny, d.field, de, allow, field, entry)))));
}

function peerCovers(deny: PolicyRule, denyField: string, denyEntry: unknown, allow: PolicyRule, field: string, entry: unknown): boolean {
  const denyKind = kindOf(denyField);
  const kind = kindOf(field);
  if (denyKind === 'entities') {
    if (denyEntry === 'all') return true;
    if (kind === 'entities') return denyEntry === entry || (denyEntry === 'cluster' && CLUSTER_ENTITIES.has(String(entry)));
    if (kind === 'endpoints') return denyEntry === 'cluster';
    return (kind === 'cidr' || kind === 'cidrset') && denyEntry === 'world';
  }
  if (denyKind === 'endpoints' && kind === 'endpoints') {
    const outer = scopedPeerRequirements(deny.policy, denyEntry);
    const inner = scopedPeerRequirements(allow.policy, entry);
    return outer !== undefined && inner !== undefined && outer.every((r) => inner.some((i) => sameRequirement(r, i)));
  }
  if ((denyKind === 'cidr' || (denyKind === 'cidrset' && noExcept(denyEntry))) && (kind === 'cidr' || kind === 'cidrset')) {
    const outer = parseCidr(cidrOf(denyEntry));
    const inner = parseCidr(cidrOf(entry));
    return outer !== undefined && inner !== undefined && cidrContains(outer, inner);
  }
  return false;
}

function kindOf(field: string): string {
  if (field.endsWith('Entities')) return 'entities';
  if (field.endsWith('Endpoints')) return 'endpoints';
  if (field.endsWith('CIDRSet')) return 'cidrset';
  if (field.endsWith('CIDR')) return 'cidr';
  return field;
}

function noExcept(entry: unknown): boolean {
  return isRecord(entry) && (!Array.isArray(entry.except) || entry.except.length === 0);
}

function cidrOf(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  return isRecord(entry) && typeof entry.cidr === 'string' ? entry.cidr : '';
}

function sameRequirement(a: LabelRequirement, b: LabelRequirement): boolean {
  return a.key === b.key && a.operator === b.operator && isDeepStrictEqual([...(a.values ?? [])].sort(), [...(b.values ?? [])].sort());
}
