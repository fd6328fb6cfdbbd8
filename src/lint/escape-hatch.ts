import { asSelector, CILIUM_NAMESPACE_LABELS, requirements } from '../manifests/label-selector';
import type { PolicySpec } from '../manifests/policies';
import { ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL } from '../model/labels';
import type { LintContext } from './lint-context';

/**
 * Whether a policy is the escape hatch, whose allow-all is intended: a CCNP whose endpointSelector
 * requires the namespace label `network-policy.homelab/enforcement=disabled`, or a NetworkPolicy
 * in a namespace the input labels so (the NetworkPolicy rendering of the escape hatch).
 *
 * @param policy the policy spec
 * @param context the lint input, for the namespaces' labels
 */
export function isEscapeHatch(policy: PolicySpec, context: LintContext): boolean {
  if (policy.kind === 'NetworkPolicy') {
    return policy.namespace !== undefined && context.namespaceLabels(policy.namespace)?.[ENFORCEMENT_LABEL] === ENFORCEMENT_DISABLED;
  }
  if (policy.kind !== 'CiliumClusterwideNetworkPolicy') return false;
  const selector = asSelector(policy.spec.endpointSelector);
  return selector !== undefined && requirements(selector).some((r) => r.key === `${CILIUM_NAMESPACE_LABELS}${ENFORCEMENT_LABEL}`
    && r.operator === 'In' && r.values?.length === 1 && r.values[0] === ENFORCEMENT_DISABLED);
}
