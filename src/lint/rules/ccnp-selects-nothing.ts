import { defineRule, type Report } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import type { FindingDetails } from '../finding';
import { asSelector, ciliumEndpointLabels, CILIUM_NAMESPACE_LABELS, CILIUM_POD_NAMESPACE, requirementHolds, requirements, type LabelRequirement } from '../../manifests/label-selector';
import { NAMESPACE_NAME_LABEL } from '../../model/labels';
import type { LintContext } from '../lint-context';
import { isNamespaceRequirement } from '../peer-scope';
import { isRecord, type PolicySpec } from '../../manifests/policies';

const ID = 'ccnp-selects-nothing';

/**
 * A CCNP whose `endpointSelector` can select nothing in the input: its namespace
 * requirements hold for no Namespace manifest (judged only when the input has Namespace
 * manifests), or one of its pod-label requirements names a label no workload template of the
 * input and no other policy's selector carries. Typical: a profile CCNP for a profile no
 * namespace uses. `nodeSelector` CCNPs are not judged: node labels are not in manifests.
 *
 * Not reported: the escape hatch (it selects the namespaces whose enforcement is disabled, and
 * normally none is); namespaces that exist without a manifest (kube-system, flux-system, those an
 * Argo CD Application creates: their labels are unknown); labels Cilium sets itself
 * (`io.cilium.k8s.policy.cluster`, `io.cilium.k8s.policy.serviceaccount`). A CCNP that names an
 * undeclared namespace (a SharedService's server side) is reported with the fix "declare the
 * namespace", not "delete the CCNP".
 */
export const ccnpSelectsNothing = defineRule({
  id: ID,
  severity: 'warning',
  summary: 'CCNP whose endpointSelector selects nothing in the input.',
  help: 'Delete the CCNP, or fix its endpointSelector / the namespace labels so it selects what it was meant to.',
  check(context: LintContext, report: Report): void {
    const podLabels = knownPodLabels(context);
    for (const policy of context.policies.filter((p) => p.kind === 'CiliumClusterwideNetworkPolicy')) {
      const selector = asSelector(policy.spec.endpointSelector);
      // The escape hatch selects the namespaces labelled enforcement=disabled: none, normally.
      if (!selector || isEscapeHatch(policy, context)) continue;
      const list = requirements(selector);
      const nsReqs = list.filter(isNamespaceRequirement);
      const field = `${policy.path}.endpointSelector`;
      if (nsReqs.length > 0 && context.namespaces.length > 0) {
        const problem = namespaceProblem(nsReqs, context);
        if (problem === 'unknown-labels') continue;
        if (problem !== undefined) {
          report(policy.manifest, { field, ...problem });
          continue;
        }
      }
      const unknown = list.filter((r) => !isNamespaceRequirement(r) && !r.key.startsWith('reserved:') && !isCiliumManaged(r.key)
        && (r.operator === 'In' || r.operator === 'Exists') && !podLabelKnown(r, podLabels, policy, context));
      if (unknown.length > 0) {
        report(policy.manifest, {
          field,
          message: `selects no pod: no workload template or other policy carries ${unknown.map(describe).join(' and ')}.`,
          fix: 'Fix the pod labels in the endpointSelector, or delete the CCNP.',
        });
      }
    }
  },
});

/**
 * Why the namespace requirements select no namespace: undefined when a Namespace manifest
 * satisfies them, `unknown-labels` when they name a namespace that exists without a manifest
 * (kube-system, one an Argo CD Application creates: its labels are unknown, so no finding).
 */
function namespaceProblem(nsReqs: readonly LabelRequirement[], context: LintContext): Omit<FindingDetails, 'field'> | 'unknown-labels' | undefined {
  const matches = context.namespaces.some((m) => {
    const labels = ciliumEndpointLabels(m.object.metadata.name, m.object.metadata.labels ?? {});
    return nsReqs.every((r) => requirementHolds(r, labels));
  });
  if (matches) return undefined;
  const named = namedNamespaces(nsReqs);
  if (named.some((name) => context.existsWithoutManifest(name))) return 'unknown-labels';
  const undeclared = named.filter((name) => context.namespaceLabels(name) === undefined);
  if (undeclared.length > 0 && undeclared.length === named.length) {
    // A SharedService's server side selects its namespace by name: the namespace is missing, not the CCNP.
    const list = undeclared.map((n) => `"${n}"`).join(', ');
    return {
      message: `selects pods of namespace ${list}, which the input does not declare (no Namespace manifest).`,
      fix: `Declare namespace ${list} (a Namespace manifest; with this library a PlatformNamespace), or correct the namespace in the endpointSelector.`,
    };
  }
  return {
    message: `selects no namespace: no Namespace manifest satisfies ${nsReqs.map(describe).join(' and ')}.`,
    fix: 'Delete the CCNP if nothing uses it (e.g. an unused profile), or label the namespaces it is meant for.',
  };
}

/** The namespaces a requirement names by name (`io.kubernetes.pod.namespace` or the metadata.name label, `In`). */
function namedNamespaces(nsReqs: readonly LabelRequirement[]): string[] {
  const byName = nsReqs.filter((r) => r.operator === 'In'
    && (r.key === CILIUM_POD_NAMESPACE || r.key === `${CILIUM_NAMESPACE_LABELS}${NAMESPACE_NAME_LABEL}`));
  return [...new Set(byName.flatMap((r) => r.values ?? []))].sort();
}

/**
 * Labels Cilium gives every endpoint itself, which no manifest carries: the cluster name
 * (`io.cilium.k8s.policy.cluster`, e.g. `default`) and the service account
 * (`io.cilium.k8s.policy.serviceaccount`), docs.cilium.io "Kubernetes: Known Pitfalls"/"Service Accounts".
 */
function isCiliumManaged(key: string): boolean {
  return key.startsWith('io.cilium.k8s.policy.');
}

function describe(requirement: LabelRequirement): string {
  if (requirement.operator === 'In' && requirement.values?.length === 1) return `${requirement.key}=${requirement.values[0]}`;
  return `${requirement.key} ${requirement.operator}${requirement.values?.length ? ` (${requirement.values.join(', ')})` : ''}`;
}

/** Pod labels of workload templates (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */
function knownPodLabels(context: LintContext): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const { object } of context.manifests) {
    if (object.kind === 'Pod') found.push({ ...(object.metadata.labels ?? {}) });
    const spec = object.spec;
    const template = isRecord(spec) ? (object.kind === 'CronJob' && isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : spec.template) : undefined;
    if (isRecord(template) && isRecord(template.metadata) && isRecord(template.metadata.labels)) {
      found.push(Object.fromEntries(Object.entries(template.metadata.labels).map(([k, v]) => [k, String(v)])));
    }
  }
  return found;
}

function podLabelKnown(requirement: LabelRequirement, pods: Record<string, string>[], self: PolicySpec, context: LintContext): boolean {
  if (pods.some((labels) => requirementHolds(requirement, labels))) return true;
  return context.policies.some((other) => other.manifest !== self.manifest && mentions(other.spec, requirement));
}

function mentions(value: unknown, requirement: LabelRequirement): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, requirement));
  if (!isRecord(value)) return false;
  if ('matchLabels' in value || 'matchExpressions' in value) {
    const selector = asSelector(value);
    if (selector && requirements(selector).some((r) => r.key === requirement.key
      && (requirement.operator === 'Exists' || (r.values ?? []).some((v) => requirement.values?.includes(v))))) return true;
  }
  return Object.values(value).some((v) => mentions(v, requirement));
}
