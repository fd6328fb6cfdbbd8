import { defineRule, type Report } from '../define-rule';
import { asSelector, ciliumEndpointLabels, requirementHolds, requirements, type LabelRequirement } from '../../manifests/label-selector';
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
      if (!selector) continue;
      const list = requirements(selector);
      const nsReqs = list.filter(isNamespaceRequirement);
      const field = `${policy.path}.endpointSelector`;
      if (nsReqs.length > 0 && context.namespaces.length > 0) {
        const matches = context.namespaces.some((m) => {
          const labels = ciliumEndpointLabels(m.object.metadata.name, m.object.metadata.labels ?? {});
          return nsReqs.every((r) => requirementHolds(r, labels));
        });
        if (!matches) {
          report(policy.manifest, {
            field,
            message: `selects no namespace: no Namespace manifest satisfies ${nsReqs.map(describe).join(' and ')}.`,
            fix: 'Delete the CCNP if nothing uses it (e.g. an unused profile), or label the namespaces it is meant for.',
          });
          continue;
        }
      }
      const unknown = list.filter((r) => !isNamespaceRequirement(r) && !r.key.startsWith('reserved:')
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
