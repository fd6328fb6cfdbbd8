import { PROFILE_LABEL } from '../model/labels';
import { CILIUM_NAMESPACE_LABELS, requirements, type LabelRequirement } from './label-selector';
import { isRecord, type PolicySpec } from './policies';

/** The values policies select on for one namespace label key; `any` when some selector only needs the key. */
export type SelectedValues = ReadonlySet<string> | 'any';

/**
 * Every namespace-label requirement anywhere in the policies' selectors (`endpointSelector`,
 * `fromEndpoints`, `toEndpoints`, NetworkPolicy `namespaceSelector`...), keyed by namespace
 * label key: Cilium keys lose their `io.cilium.k8s.namespace.labels.` prefix, NetworkPolicy
 * `namespaceSelector` keys are taken as they are.
 *
 * @param policies the policy specs
 */
export function selectedNamespaceLabels(policies: readonly PolicySpec[]): Map<string, SelectedValues> {
  const found = new Map<string, SelectedValues>();
  const add = (requirement: LabelRequirement, key: string): void => {
    const before = found.get(key);
    if (before === 'any') return;
    if (requirement.operator === 'Exists' || requirement.operator === 'NotIn' || requirement.operator === 'DoesNotExist') {
      // Only `In` names values; a NotIn or Exists selector accepts values nobody listed.
      if (requirement.operator !== 'DoesNotExist') found.set(key, 'any');
      return;
    }
    found.set(key, new Set([...(before ?? []), ...(requirement.values ?? [])]));
  };
  for (const policy of policies) {
    walk(policy.spec, undefined, (selector, parent) => {
      for (const requirement of requirements(selector)) {
        if (requirement.key.startsWith(CILIUM_NAMESPACE_LABELS)) add(requirement, requirement.key.slice(CILIUM_NAMESPACE_LABELS.length));
        else if (parent === 'namespaceSelector') add(requirement, requirement.key);
      }
    });
  }
  return found;
}

/**
 * Profiles that are the baselines alone, so no policy selects on them: `isolated` (no ingress,
 * DNS only) is how the renderer expresses it.
 */
export const POLICY_FREE_PROFILES: readonly string[] = ['isolated'];

/**
 * The profiles a namespace label can name with effect: those the policies select on, plus the
 * policy-free ones. Shared by lint (`unknown-profile`) and doctor (profiles to propose).
 *
 * @param selected what `selectedNamespaceLabels` found
 * @returns the profile names, sorted; `any` when some selector accepts every profile value
 */
export function knownProfiles(selected: ReadonlyMap<string, SelectedValues>): string[] | 'any' {
  const values = selected.get(PROFILE_LABEL);
  if (values === 'any') return 'any';
  return [...new Set([...(values ?? []), ...POLICY_FREE_PROFILES])].sort();
}

/**
 * Calls `visit` for every object that looks like a label selector (has `matchLabels` or
 * `matchExpressions`), with the field name it sits under.
 */
function walk(value: unknown, parent: string | undefined, visit: (selector: Record<string, unknown>, parent: string | undefined) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, parent, visit);
    return;
  }
  if (!isRecord(value)) return;
  if ('matchLabels' in value || 'matchExpressions' in value) visit(value, parent);
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'matchLabels' && key !== 'matchExpressions') walk(child, key, visit);
  }
}
