/*
 * What the input of `netpol import` gets wrong, noticed on the way: policies that do not do what
 * they say or what their author evidently meant. The import keeps them as they are (zero flow
 * change) and lists these in its report as findings of kind `input`, for a person to fix in the
 * generated code afterwards.
 *
 * Where a lint rule already judges the mistake, its logic is reused as is (`INPUT_LINT_RULES`),
 * so lint and import never disagree; the rest are mistakes only an import meets: input read from a
 * GitOps repository rather than from what the cluster applies.
 */
import { lint } from '../lint/linter';
import type { LintRule } from '../lint/lint-rule';
import { ccnpWildcardPeer } from '../lint/rules/ccnp-wildcard-peer';
import { emptySectionIgnored } from '../lint/rules/empty-section-ignored';
import { hostPolicyNeedsHostFirewall } from '../lint/rules/host-policy-needs-host-firewall';
import { ruleShadowedByDeny } from '../lint/rules/rule-shadowed-by-deny';
import { objectName } from '../lint/finding';
import type { Manifest } from '../manifests/manifest';
import { isCilium, isRecord, policyKind, policyRules, policySpecs, type PolicySpec } from '../manifests/policies';
import { hasFluxExpression } from '../model/flux-substitution';
import type { ImportFinding } from './code-model';

/**
 * The lint rules whose findings are mistakes of the input rather than departures from the
 * design: a CCNP peer `{}` that means every namespace while the policy says namespace-local, an
 * `ingress: []` / `egress: []` Cilium ignores, a host policy without the host firewall, an allow
 * rule a deny rule shadows. Each rule cites its upstream source. Not `ccnp-selects-nothing`: it
 * judges pod labels against the workloads of the input, and an import's input is policies only.
 */
export const INPUT_LINT_RULES: readonly LintRule[] = [
  ccnpWildcardPeer,
  emptySectionIgnored,
  hostPolicyNeedsHostFirewall,
  ruleShadowedByDeny,
];

/** Flux's opt-out of post-build substitution, as a label or an annotation (fluxcd.io, Kustomization, "Post build variable substitution"). */
const SUBSTITUTE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/substitute';

/**
 * What the input gets wrong, as findings of kind `input`, in input order (file, document),
 * each naming the object, its file and the field:
 * - the findings of `INPUT_LINT_RULES` (message and fix of the lint rule, the rule id in brackets);
 * - `missing-namespace`: a NetworkPolicy or CiliumNetworkPolicy without `metadata.namespace`.
 *   Applied as written it lands in the namespace of whoever applies it (`default`), which is
 *   what the import assumes; in a Flux or kustomize repository the namespace usually comes from
 *   the build (the Kustomization's `spec.targetNamespace`, kustomize's `namespace:`), so the
 *   import of the unbuilt files puts the policy in the wrong namespace;
 * - `substitution-disabled`: an object Flux does not substitute (`kustomize.toolkit.fluxcd.io/substitute:
 *   disabled`) that holds `${...}` expressions: they reach the API server as literal text;
 * - `fqdn-without-dns-proxy`: a Cilium egress rule with `toFQDNs` in a namespace where no Cilium
 *   policy of the input sends DNS through the DNS proxy (a `toPorts` rule with `rules.dns`).
 *   Cilium learns the addresses of `toFQDNs` names only from lookups its DNS proxy sees (the
 *   proxy "populates the lookup cache with IPs from allowed/successful DNS lookups",
 *   cilium/cilium pkg/fqdn doc.go; a DNS rule is "required for ToFQDN rules to work",
 *   cilium/cilium#32567), so without one the rule matches nothing.
 *
 * @param manifests the input, as `loadManifests` reads it
 * @returns the findings; none when the input looks right
 */
export function inputNotices(manifests: readonly Manifest[]): ImportFinding[] {
  const findings: ImportFinding[] = lint(manifests, {}, INPUT_LINT_RULES).map((f) => ({
    kind: 'input',
    object: f.object,
    file: f.file,
    field: f.field,
    message: `${f.message} ${f.fix} [${f.rule}]`,
  }));
  const policies = policySpecs(manifests);
  for (const manifest of manifests) {
    const kind = policyKind(manifest);
    if ((kind === 'NetworkPolicy' || kind === 'CiliumNetworkPolicy') && manifest.object.metadata.namespace === undefined) {
      findings.push(notice(manifest, 'metadata.namespace', `no namespace: applied as written it lands in \`default\`, where the import puts it. If the build sets it (a Flux Kustomization's \`spec.targetNamespace\`, kustomize's \`namespace:\`), import the built output instead (\`flux build kustomization <name> --path <dir>\`, \`kustomize build <dir>\`). [missing-namespace]`));
    }
    const { labels, annotations } = manifest.object.metadata;
    if ((labels?.[SUBSTITUTE_ANNOTATION] === 'disabled' || annotations?.[SUBSTITUTE_ANNOTATION] === 'disabled') && holdsExpression(manifest.object)) {
      findings.push(notice(manifest, `metadata.${annotations?.[SUBSTITUTE_ANNOTATION] === 'disabled' ? 'annotations' : 'labels'}.${SUBSTITUTE_ANNOTATION}`,
        `Flux does not substitute this object (\`${SUBSTITUTE_ANNOTATION}: disabled\`), yet it holds \`\${...}\` expressions: they reach the API server as literal text, which it refuses where a CIDR, port or name is expected. Remove the opt-out or the expressions. [substitution-disabled]`));
    }
  }
  for (const policy of policies.filter((p) => isCilium(p.kind))) {
    if (sendsDnsThroughProxy(policies, policy)) continue;
    for (const rule of policyRules(policy).filter((r) => r.section === 'egress')) {
      if (!Array.isArray(rule.rule.toFQDNs) || rule.rule.toFQDNs.length === 0) continue;
      findings.push(notice(policy.manifest, `${rule.path}.toFQDNs`, `\`toFQDNs\` matches only addresses Cilium's DNS proxy saw looked up, and no Cilium policy of the input${policy.namespace ? ` for namespace ${policy.namespace}` : ''} sends DNS through the proxy (a rule to kube-dns with \`toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]\`), so this rule matches nothing. Add that DNS rule (or \`ClusterBaseline\`'s DNS, which does). [fqdn-without-dns-proxy]`));
    }
  }
  return findings;
}

function notice(manifest: Manifest, field: string, message: string): ImportFinding {
  return { kind: 'input', object: objectName(manifest), file: manifest.source.file, field, message };
}

/** Whether some string of the object (outside `metadata`) holds a Flux expression. */
function holdsExpression(object: Readonly<Record<string, unknown>>): boolean {
  const visit = (value: unknown): boolean => hasFluxExpression(value)
    || (Array.isArray(value) ? value.some(visit) : isRecord(value) && Object.values(value).some(visit));
  return Object.entries(object).some(([key, value]) => key !== 'metadata' && visit(value))
    || hasFluxExpression(object.metadata && (object.metadata as { name?: unknown }).name);
}

/**
 * Whether a Cilium policy of the input may send the DNS of this spec's endpoints through the
 * DNS proxy: a `rules.dns` egress rule in the spec itself, in a spec of the same namespace, or
 * in a CCNP (whose selector is not judged: any CCNP DNS rule counts, so nothing is reported
 * that a cluster-wide DNS baseline covers).
 */
function sendsDnsThroughProxy(policies: readonly PolicySpec[], policy: PolicySpec): boolean {
  return policies.some((p) => isCilium(p.kind)
    && (p === policy || p.kind === 'CiliumClusterwideNetworkPolicy' || (policy.namespace !== undefined && p.namespace === policy.namespace))
    && policyRules(p).some((r) => r.section === 'egress' && Array.isArray(r.rule.toPorts)
      && r.rule.toPorts.some((port) => isRecord(port) && isRecord(port.rules) && Array.isArray(port.rules.dns))));
}
