/** The policy kinds the simulator enforces. */
export type PolicyKind = 'NetworkPolicy' | 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/** Names one policy object. */
export interface PolicyRef {
  /** The kind. */
  readonly kind: PolicyKind;
  /**
   * The namespace.
   *
   * @default - none: a cluster-wide policy
   */
  readonly namespace?: string;
  /** `metadata.name`. */
  readonly name: string;
}

const SHORT: Record<PolicyKind, string> = {
  NetworkPolicy: 'NP',
  CiliumNetworkPolicy: 'CNP',
  CiliumClusterwideNetworkPolicy: 'CCNP',
};

/**
 * The policy as `by` lists it: `Kind namespace/name`, or `Kind name` when cluster-wide.
 *
 * @param ref the policy
 */
export function policyLabel(ref: PolicyRef): string {
  return ref.namespace === undefined ? `${ref.kind} ${ref.name}` : `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/**
 * The policy as reasons name it: `NP ns/name`, `CNP ns/name`, `CCNP name`.
 *
 * @param ref the policy
 */
export function policyShortLabel(ref: PolicyRef): string {
  return ref.namespace === undefined ? `${SHORT[ref.kind]} ${ref.name}` : `${SHORT[ref.kind]} ${ref.namespace}/${ref.name}`;
}
