/**
 * Kubernetes label selectors as Cilium and NetworkPolicy use them, evaluated against a plain
 * label map. Cilium keys may carry a source prefix (`k8s:app`, `any:app`); it is stripped, as
 * Cilium treats `any:` and the `k8s:` source as matching the same Kubernetes label.
 */

/** A `metav1.LabelSelector`: `matchLabels` and `matchExpressions` are ANDed. */
export interface LabelSelector {
  /**
   * Labels that must have exactly these values.
   * @default - no label constraint
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /**
   * Requirements that must all hold.
   * @default - no requirement
   */
  readonly matchExpressions?: readonly LabelRequirement[];
}

/** One requirement of a selector; `matchLabels` entries become `In [value]`. */
export interface LabelRequirement {
  /** The label key (a Cilium source prefix such as `k8s:` is stripped before matching). */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /**
   * The values of `In` and `NotIn`.
   * @default - no values (what `Exists` and `DoesNotExist` take)
   */
  readonly values?: readonly string[];
}

/** Label key prefix under which Cilium exposes a pod's namespace labels. */
export const CILIUM_NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';

/** The Cilium label holding a pod's namespace name. */
export const CILIUM_POD_NAMESPACE = 'io.kubernetes.pod.namespace';

/**
 * Strips Cilium's label source prefix (`k8s:`, `any:`) from a key.
 *
 * @param key a selector key
 */
export function normalizeKey(key: string): string {
  return key.replace(/^(k8s|any):/, '');
}

/**
 * Reads a selector from an unknown value.
 *
 * @param value the object under e.g. `endpointSelector`
 * @returns the selector, or undefined when the value is not an object
 */
export function asSelector(value: unknown): LabelSelector | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as LabelSelector : undefined;
}

/**
 * The requirements of a selector, `matchLabels` first, with normalized keys.
 *
 * @param selector the selector
 */
export function requirements(selector: LabelSelector): LabelRequirement[] {
  const fromLabels = Object.entries(selector.matchLabels ?? {})
    .map(([key, value]) => ({ key: normalizeKey(key), operator: 'In', values: [String(value)] }));
  const fromExpressions = (selector.matchExpressions ?? [])
    .map((r) => ({ key: normalizeKey(r.key), operator: r.operator, values: r.values ?? [] }));
  return [...fromLabels, ...fromExpressions];
}

/**
 * Whether a selector has no requirement at all (`{}` selects everything in its scope).
 *
 * @param selector the selector
 */
export function isEmptySelector(selector: LabelSelector): boolean {
  return requirements(selector).length === 0;
}

/**
 * Whether one requirement holds for a label map.
 *
 * @param requirement the requirement
 * @param labels the labels of the object
 */
export function requirementHolds(requirement: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In': return has && values.includes(labels[requirement.key]);
    case 'NotIn': return !has || !values.includes(labels[requirement.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}

/**
 * Whether a selector selects an object with these labels.
 *
 * @param selector the selector
 * @param labels the labels of the object (already normalized keys)
 */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return requirements(selector).every((r) => requirementHolds(r, labels));
}

/**
 * The labels Cilium gives the endpoints of a namespace: `io.kubernetes.pod.namespace` and
 * every namespace label under `io.cilium.k8s.namespace.labels.` (including the
 * `kubernetes.io/metadata.name` label Kubernetes sets), merged with the pod's own labels.
 *
 * @param namespace the namespace name
 * @param namespaceLabels the namespace's labels
 * @param podLabels the pod's labels; none when omitted
 */
export function ciliumEndpointLabels(namespace: string, namespaceLabels: Readonly<Record<string, string>>,
  podLabels: Readonly<Record<string, string>> = {}): Record<string, string> {
  const labels: Record<string, string> = { ...podLabels, [CILIUM_POD_NAMESPACE]: namespace };
  const all = { 'kubernetes.io/metadata.name': namespace, ...namespaceLabels };
  for (const [key, value] of Object.entries(all)) labels[`${CILIUM_NAMESPACE_LABELS}${key}`] = value;
  return labels;
}
