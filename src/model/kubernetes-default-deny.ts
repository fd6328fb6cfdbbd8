/**
 * Whether a NetworkPolicy spec is a full default-deny: it selects every pod of its namespace
 * (`podSelector: {}`), isolates both directions (`policyTypes: [Ingress, Egress]`) and allows
 * nothing, as the NetworkPolicy renderer's own `default-deny` does (Kubernetes API reference,
 * NetworkPolicySpec.policyTypes: a direction listed with no rule allows nothing).
 *
 * @param spec a NetworkPolicy `spec`
 */
export function isDefaultDeny(spec: Readonly<Record<string, unknown>>): boolean {
  const selector = spec.podSelector;
  const selectsAll = selector !== null && typeof selector === 'object' && Object.values(selector).every((v) => v === undefined || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0));
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  const none = (rules: unknown): boolean => rules === undefined || (Array.isArray(rules) && rules.length === 0);
  return selectsAll && types.includes('Ingress') && types.includes('Egress') && none(spec.ingress) && none(spec.egress);
}
