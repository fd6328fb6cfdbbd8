import type { Cidr } from './cidr';
import type { CiliumEntity } from './entity';
import type { FqdnSelector } from './fqdn';
import type { PolicyRef } from './policy-ref';
import type { PortMatcher } from './port-matcher';
import type { Selector } from './selector';

/** A traffic direction, from the point of view of the selected endpoint. */
export type Direction = 'ingress' | 'egress';

/**
 * One peer condition of a rule, the internal form both NetworkPolicy and Cilium policies compile to.
 *
 * - `any`: every peer (NetworkPolicy empty `from`/`to`, Cilium L4-only rules);
 * - `pods`: a NetworkPolicy peer: pods whose namespace is `namespace` (or whose namespace labels
 *   match `namespaceSelector`) and whose labels match `podSelector`;
 * - `endpoints`: a Cilium endpoint selector over Cilium's identity labels;
 * - `entities`: Cilium entities;
 * - `cidr`: an ipBlock / CIDR / CIDRSet entry with its exceptions;
 * - `fqdn`: Cilium `toFQDNs` (effective only for names a DNS proxy rule lets the endpoint look up, see `PolicyRule.dnsNames`).
 */
export type PeerMatcher =
  | { readonly kind: 'any' }
  | { readonly kind: 'pods'; readonly namespace?: string; readonly namespaceSelector?: Selector; readonly podSelector: Selector }
  | { readonly kind: 'endpoints'; readonly selector: Selector }
  | { readonly kind: 'entities'; readonly entities: readonly CiliumEntity[] }
  | { readonly kind: 'cidr'; readonly cidr: Cidr; readonly except: readonly Cidr[] }
  | { readonly kind: 'fqdn'; readonly selectors: readonly FqdnSelector[] };

/** One rule of a policy in one direction. */
export interface PolicyRule {
  /** The policy the rule belongs to. */
  readonly policy: PolicyRef;
  /** Allow or deny (Cilium `ingressDeny`/`egressDeny`). */
  readonly action: 'allow' | 'deny';
  /** Where the rule is written, e.g. `ingress[0]` or `specs[1].egressDeny[0]`. */
  readonly path: string;
  /** The peers; a flow's peer must match one. Empty: the rule matches nothing. */
  readonly peers: readonly PeerMatcher[];
  /**
   * The ports; a flow's port must match one. Empty: the rule matches no TCP/UDP/SCTP port.
   *
   * @default - every port of every protocol
   */
  readonly ports?: readonly PortMatcher[];
  /**
   * The names the rule's Cilium DNS proxy rules (`toPorts[].rules.dns`) let the endpoint look up;
   * empty when the rule has none.
   */
  readonly dnsNames: readonly FqdnSelector[];
  /** The rule in words, e.g. `toEndpoints {app=db} on tcp/5432`. */
  readonly text: string;
}

/** What one policy says about one direction of the endpoints it selects. */
export interface PolicySection {
  /**
   * Whether the policy puts its endpoints in default-deny for this direction (always for
   * NetworkPolicy; Cilium unless `enableDefaultDeny.<direction>: false`).
   */
  readonly defaultDeny: boolean;
  /** The allow and deny rules. */
  readonly rules: readonly PolicyRule[];
}

/** Which endpoints a policy applies to. */
export type SubjectMatcher =
  | { readonly kind: 'pods'; readonly namespace: string; readonly podSelector: Selector }
  | { readonly kind: 'endpoints'; readonly namespace?: string; readonly selector: Selector };

/** A policy in the simulator's internal form. */
export interface CompiledPolicy {
  /** The policy. */
  readonly ref: PolicyRef;
  /** The endpoints it selects. */
  readonly subject: SubjectMatcher;
  /**
   * What the policy says about ingress of its endpoints.
   *
   * @default - no say: the policy leaves ingress as other policies make it
   */
  readonly ingress?: PolicySection;
  /**
   * What the policy says about egress of its endpoints.
   *
   * @default - no say: the policy leaves egress as other policies make it
   */
  readonly egress?: PolicySection;
  /**
   * What the simulator does not model in this policy's rules (`toServices`, `fromRequires`,
   * layer-7 rules, ...): every flow from or to an endpoint the policy selects carries these
   * notices, since its verdict might differ on a real cluster.
   *
   * @default - nothing unmodelled
   */
  readonly notices?: readonly string[];
}
