import type { Entity } from './entity';
import type { LabelRequirement } from './label-selector';
import type { Rule } from './rule';

/**
 * The endpoints a policy applies to: all conditions hold together. With no condition the
 * policy selects every endpoint of its scope.
 */
export interface Subject {
  /**
   * Only endpoints of this namespace.
   * @default - any namespace (cluster-wide policies) or the policy's own namespace
   */
  readonly namespace?: string;
  /**
   * Only endpoints whose namespace carries all of these labels.
   * @default - no namespace label condition
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * Further requirements on the namespace's labels (`matchExpressions`).
   * @default - none
   */
  readonly namespaceExpressions?: readonly LabelRequirement[];
  /** Only pods carrying all of these labels; empty means every pod. */
  readonly podLabels: Readonly<Record<string, string>>;
  /**
   * Instead of pods: a Cilium reserved identity that runs as an endpoint of its own, selected by
   * its `reserved:<entity>` label (Cilium's `health` endpoint on every node, see
   * `examples/policies/kubernetes/clusterwide/health.yaml` in cilium/cilium). The other
   * conditions are then empty. Cilium only: the NetworkPolicy renderer has no such endpoint and
   * leaves the policy out.
   * @default - pods
   */
  readonly entity?: Entity;
  /**
   * Further requirements on the pods' labels (`matchExpressions`).
   * @default - none
   */
  readonly podExpressions?: readonly LabelRequirement[];
}

/** What a policy is for; it decides the output file. */
export type PolicyGroup = 'baseline' | 'profiles' | 'shared-services' | 'connections' | `platform-${string}` | `app-${string}`;

/**
 * One renderer-independent policy: a subject and its allow rules. The Cilium renderer emits a
 * CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy (cluster-wide) for it;
 * the NetworkPolicy renderer expands it into the namespaces it selects.
 */
export interface PolicyIntent {
  /** The object name (`metadata.name`). */
  readonly name: string;
  /**
   * The namespace of a namespaced policy.
   * @default - cluster-wide
   */
  readonly namespace?: string;
  /** The endpoints the policy selects. */
  readonly subject: Subject;
  /** Allowed incoming traffic, in canonical order. */
  readonly ingress: readonly Rule[];
  /** Allowed outgoing traffic, in canonical order. */
  readonly egress: readonly Rule[];
  /** What the policy does, in words. */
  readonly description: string;
  /** The output file the policy goes to. */
  readonly group: PolicyGroup;
  /** The construct that declared the policy, for errors and findings. */
  readonly constructPath: string;
}

/** A Namespace the cluster definition owns, with the labels that drive the policies. */
export interface NamespaceIntent {
  /** The namespace name. */
  readonly name: string;
  /** Whether it is a platform namespace (never a profile) or an application namespace. */
  readonly role: 'platform' | 'app';
  /** The labels, sorted. */
  readonly labels: Readonly<Record<string, string>>;
  /** The annotations, sorted. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The output file the namespace goes to. */
  readonly group: PolicyGroup;
  /** The construct that declared the namespace. */
  readonly constructPath: string;
  /**
   * False when the namespace is created elsewhere (`manageNamespace: false`): its Namespace
   * object is written for the tools but not applied.
   * @default true
   */
  readonly managed?: boolean;
  /**
   * False when the NetworkPolicy renderer writes no `default-deny` for the namespace
   * (`DeclaredNamespace` `noDefaultDeny: { reason }`).
   * @default true
   */
  readonly defaultDeny?: boolean;
}

/** A Prometheus alerting rule of the cluster's PrometheusRule. */
export interface AlertIntent {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'warning' | 'critical';
  readonly summary: string;
  readonly description: string;
}

/** An address a policy names, and why. */
export interface AddressReason {
  /** The CIDR. */
  readonly cidr: string;
  /** Why a selector or an entity would not do. */
  readonly reason: string;
}

/**
 * A Cilium policy written by hand (`CiliumPolicy`), passed through after the guardrails: the
 * escape hatch for what the typed API cannot say. Cilium only.
 */
export interface CustomPolicyIntent {
  /** The object name. */
  readonly name: string;
  /**
   * The namespace of a CiliumNetworkPolicy.
   * @default - a CiliumClusterwideNetworkPolicy
   */
  readonly namespace?: string;
  /** The policy's `spec`, as written. */
  readonly spec: Readonly<Record<string, unknown>>;
  /**
   * The policy's `specs` list instead of one `spec` (CiliumNetworkPolicy `specs`), as written;
   * `spec` is then empty and not rendered.
   * @default - `spec`
   */
  readonly specs?: readonly Readonly<Record<string, unknown>>[];
  /**
   * The hard-coded addresses of the spec and why they are needed.
   * @default - none
   */
  readonly addresses?: readonly AddressReason[];
  /**
   * The rules written with `Port.any({ reason })` (path `spec.ingress[0]`) and their reasons.
   * @default - none
   */
  readonly anyPorts?: readonly { readonly path: string; readonly reason: string }[];
  /**
   * The lint rules whose findings the policy's accepted risks (`acceptRisks`) silence, with the
   * reasons: written as the `network-policy.homelab/lint-ignore` annotation.
   * @default - none
   */
  readonly lintIgnores?: Readonly<Record<string, string>>;
  /** The output file the policy goes to. */
  readonly group: PolicyGroup;
  /** The construct that declared it. */
  readonly constructPath: string;
}

/**
 * A `networking.k8s.io/v1` NetworkPolicy written by hand (`KubernetesPolicy`), passed through
 * after the guardrails, on both renderers (Cilium enforces NetworkPolicy too).
 */
export interface KubernetesPolicyIntent {
  /** The object name. */
  readonly name: string;
  /** The namespace (NetworkPolicy is namespaced). */
  readonly namespace: string;
  /** The policy's `spec`, as written. */
  readonly spec: Readonly<Record<string, unknown>>;
  /**
   * The hard-coded addresses (`ipBlock`s) of the spec and why they are needed.
   * @default - none
   */
  readonly addresses?: readonly AddressReason[];
  /**
   * The lint rules whose findings the policy's accepted risks silence, with the reasons.
   * @default - none
   */
  readonly lintIgnores?: Readonly<Record<string, string>>;
  /** The output file the policy goes to. */
  readonly group: PolicyGroup;
  /** The construct that declared it. */
  readonly constructPath: string;
}

/** Everything a renderer needs to produce one cluster's manifests. */
export interface ClusterIntent {
  /** The cluster name; also the output folder. */
  readonly name: string;
  /** The namespaces, sorted by name. */
  readonly namespaces: readonly NamespaceIntent[];
  /** The policies, in canonical order (group, namespace, name). */
  readonly policies: readonly PolicyIntent[];
  /**
   * Hand-written Cilium policies (`CiliumPolicy`), sorted by namespace and name.
   * @default - none
   */
  readonly custom?: readonly CustomPolicyIntent[];
  /**
   * Hand-written NetworkPolicies (`KubernetesPolicy`), sorted by namespace and name.
   * @default - none
   */
  readonly networkPolicies?: readonly KubernetesPolicyIntent[];
  /**
   * The enforcement alerts and where their PrometheusRule lives.
   * @default - no alerts
   */
  readonly alerts?: { readonly namespace: string; readonly name: string; readonly rules: readonly AlertIntent[] };
}
