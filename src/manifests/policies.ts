import type { Manifest } from './manifest';

/** The policy kinds lint understands. */
export type PolicyKind = 'NetworkPolicy' | 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/** One policy spec: a NetworkPolicy's `spec`, or a Cilium policy's `spec` or `specs[i]`. */
export interface PolicySpec {
  /** The object holding the spec. */
  readonly manifest: Manifest;
  /** The policy kind. */
  readonly kind: PolicyKind;
  /** The JSON path of the spec, `spec` or `specs[0]`. */
  readonly path: string;
  /** The spec itself. */
  readonly spec: Readonly<Record<string, unknown>>;
  /**
   * The namespace a namespaced policy lives in.
   * @default - none for a CCNP; `default` for a namespaced policy without `metadata.namespace`
   */
  readonly namespace?: string;
}

/** The rule sections of a policy spec. */
export type RuleSection = 'ingress' | 'egress' | 'ingressDeny' | 'egressDeny';

/** One rule of a policy spec. */
export interface PolicyRule {
  /** The spec holding the rule. */
  readonly policy: PolicySpec;
  /** The section the rule is in. */
  readonly section: RuleSection;
  /** The JSON path of the rule, e.g. `spec.egress[0]`. */
  readonly path: string;
  /** The rule itself. */
  readonly rule: Readonly<Record<string, unknown>>;
  /** Whether the rule is about traffic leaving (`egress`) or entering (`ingress`) the selected endpoints. */
  readonly direction: 'ingress' | 'egress';
  /** Whether the rule denies (Cilium `ingressDeny`/`egressDeny`). */
  readonly deny: boolean;
}

const SECTIONS: readonly RuleSection[] = ['ingress', 'ingressDeny', 'egress', 'egressDeny'];

/**
 * The policy kind of an object, by group and kind.
 *
 * @param manifest the object
 * @returns the kind, or undefined for objects that are not policies
 */
export function policyKind(manifest: Manifest): PolicyKind | undefined {
  const { apiVersion, kind } = manifest.object;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (kind === 'NetworkPolicy' && group === 'networking.k8s.io') return kind;
  if ((kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy') && group === 'cilium.io') return kind;
  return undefined;
}

/**
 * Whether a policy kind is one of Cilium's.
 *
 * @param kind the policy kind
 */
export function isCilium(kind: PolicyKind): boolean {
  return kind !== 'NetworkPolicy';
}

/**
 * Every policy spec of the manifests, in input order.
 *
 * @param manifests the manifests
 */
export function policySpecs(manifests: readonly Manifest[]): PolicySpec[] {
  const specs: PolicySpec[] = [];
  for (const manifest of manifests) {
    const kind = policyKind(manifest);
    if (!kind) continue;
    const namespace = kind === 'CiliumClusterwideNetworkPolicy' ? undefined : manifest.object.metadata.namespace ?? 'default';
    const { spec, specs: list } = manifest.object as { spec?: unknown; specs?: unknown };
    if (isRecord(spec)) specs.push({ manifest, kind, path: 'spec', spec, namespace });
    if (isCilium(kind) && Array.isArray(list)) {
      list.forEach((item, index) => {
        if (isRecord(item)) specs.push({ manifest, kind, path: `specs[${index}]`, spec: item, namespace });
      });
    }
  }
  return specs;
}

/**
 * The rules of a policy spec, ingress before egress.
 *
 * @param policy the spec
 */
export function policyRules(policy: PolicySpec): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const section of SECTIONS) {
    if (!isCilium(policy.kind) && section.endsWith('Deny')) continue;
    const list = policy.spec[section];
    if (!Array.isArray(list)) continue;
    list.forEach((rule, index) => {
      rules.push({
        policy,
        section,
        path: `${policy.path}.${section}[${index}]`,
        rule: isRecord(rule) ? rule : {},
        direction: section.startsWith('ingress') ? 'ingress' : 'egress',
        deny: section.endsWith('Deny'),
      });
    });
  }
  return rules;
}

/**
 * The policy types a NetworkPolicy spec enforces, with the API's defaulting: `Ingress`
 * always, plus `Egress` when the spec has egress rules (networking.k8s.io/v1
 * NetworkPolicySpec.policyTypes).
 *
 * @param spec a NetworkPolicy spec
 */
export function networkPolicyTypes(spec: Readonly<Record<string, unknown>>): string[] {
  if (Array.isArray(spec.policyTypes)) return spec.policyTypes.map(String);
  return Array.isArray(spec.egress) ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * Whether a value is a plain object.
 *
 * @param value any value
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an array field, treating anything else as empty.
 *
 * @param value the field value
 */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
