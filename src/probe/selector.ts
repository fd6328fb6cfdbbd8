/**
 * Kubernetes label selectors (`matchLabels` + `matchExpressions`), as used by NetworkPolicy
 * `podSelector`/`namespaceSelector` and Cilium `endpointSelector`/`fromEndpoints`/`toEndpoints`.
 * Semantics: k8s.io/apimachinery `LabelSelectorAsSelector`: all requirements must hold; an
 * empty selector matches everything.
 */

import { fluxSyntaxStandIn } from '../model/flux-substitution';
import { labelKeyProblem, labelValueProblem } from '../model/kubernetes-syntax';

/** One requirement of a selector. `matchLabels: {k: v}` becomes `k In [v]`. */
export interface Requirement {
  /** The label key (Cilium `k8s:`/`any:` source prefixes already removed). */
  readonly key: string;
  /** The operator. */
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** The values, for `In`/`NotIn`. */
  readonly values: readonly string[];
}

/** A compiled label selector. */
export interface Selector {
  /** Every requirement; empty means "matches everything". */
  readonly requirements: readonly Requirement[];
  /** The selector as written, for explanations. */
  readonly text: string;
}

/** Reads one label of an endpoint: its value, or undefined when absent. */
export type LabelLookup = (key: string) => string | undefined;

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * Which syntax rules a selector's keys and values follow:
 * - `kubernetes` (NetworkPolicy): ValidateLabelSelector in k8s.io/apimachinery: every key is a
 *   qualified name, every `matchLabels` value and `In`/`NotIn` value a label value;
 * - `cilium` (CNP/CCNP): the CRD schema (k8s/slim LabelSelector): `matchLabels` values follow the
 *   label value pattern (at most 63 characters); keys are free, since they carry Cilium's source
 *   prefixes (`k8s:`, `reserved:`) and `io.cilium.k8s.namespace.labels.<key>` forms.
 */
export type SelectorSyntax = 'kubernetes' | 'cilium';

/**
 * Checks and compiles a label selector.
 *
 * @param value the selector as parsed from YAML
 * @param field the field path, for messages (e.g. `spec.podSelector`)
 * @param normalizeKey maps a written key to the key matched (Cilium strips `k8s:`); keys match
 *   as written when omitted
 * @param syntax the rules keys and values are checked against; `cilium` when `normalizeKey` is
 *   given (a Cilium selector), else `kubernetes`
 * @returns the selector, or an error message naming the field
 */
export function compileSelector(
  value: unknown, field: string, normalizeKey?: (key: string) => string, syntax: SelectorSyntax = normalizeKey ? 'cilium' : 'kubernetes',
): Selector | string {
  const normalize = normalizeKey ?? ((key: string) => key);
  if (value === null || value === undefined) return { requirements: [], text: '{}' };
  if (typeof value !== 'object' || Array.isArray(value)) return `${field}: expected a label selector mapping, got ${JSON.stringify(value)}`;
  const { matchLabels, matchExpressions, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return `${field}.${extra[0]}: unknown field; a label selector has matchLabels and matchExpressions`;
  const requirements: Requirement[] = [];
  if (matchLabels !== undefined && matchLabels !== null) {
    if (typeof matchLabels !== 'object' || Array.isArray(matchLabels)) return `${field}.matchLabels: expected a mapping of label keys to values`;
    for (const [key, v] of Object.entries(matchLabels)) {
      if (typeof v !== 'string') return `${field}.matchLabels.${key}: expected a string, got ${JSON.stringify(v)}; quote it`;
      const keyProblem = syntax === 'kubernetes' ? labelKeyProblem(fluxSyntaxStandIn(key)) : key === '' ? 'is empty' : undefined;
      if (keyProblem) return `${field}.matchLabels: the key ${JSON.stringify(key)} ${keyProblem}`;
      // A Flux expression (`${APP}`) is checked as its stand-in and matched as written.
      const valueProblem = labelValueProblem(fluxSyntaxStandIn(v));
      if (valueProblem) return `${field}.matchLabels.${key}: the value ${JSON.stringify(v)} ${valueProblem}`;
      requirements.push({ key: normalize(key), operator: 'In', values: [v] });
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return `${field}.matchExpressions: expected a list`;
    for (const [i, expression] of matchExpressions.entries()) {
      const at = `${field}.matchExpressions[${i}]`;
      if (typeof expression !== 'object' || expression === null) return `${at}: expected {key, operator, values}`;
      const { key, operator, values } = expression as Record<string, unknown>;
      if (typeof key !== 'string' || key === '') return `${at}.key: missing`;
      const keyProblem = syntax === 'kubernetes' ? labelKeyProblem(fluxSyntaxStandIn(key)) : undefined;
      if (keyProblem) return `${at}.key: ${JSON.stringify(key)} ${keyProblem}`;
      if (!(OPERATORS as readonly unknown[]).includes(operator)) return `${at}.operator: ${JSON.stringify(operator)} is not one of ${OPERATORS.join(', ')}`;
      const list = values ?? [];
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) return `${at}.values: expected a list of strings`;
      if ((operator === 'In' || operator === 'NotIn') && list.length === 0) return `${at}.values: ${String(operator)} needs at least one value`;
      if ((operator === 'Exists' || operator === 'DoesNotExist') && list.length > 0) return `${at}.values: ${String(operator)} takes no values; remove them`;
      if (syntax === 'kubernetes') {
        for (const [j, v] of (list as string[]).entries()) {
          const problem = labelValueProblem(fluxSyntaxStandIn(v));
          if (problem) return `${at}.values[${j}]: ${JSON.stringify(v)} ${problem}`;
        }
      }
      requirements.push({ key: normalize(key), operator: operator as Requirement['operator'], values: list as string[] });
    }
  }
  return { requirements, text: describeRequirements(requirements) };
}

/**
 * Whether an endpoint's labels satisfy every requirement of a selector.
 *
 * @param selector the selector
 * @param lookup reads the endpoint's labels
 */
export function selectorMatches(selector: Selector, lookup: LabelLookup): boolean {
  for (const r of selector.requirements) {
    const value = lookup(r.key);
    switch (r.operator) {
      case 'In': if (value === undefined || !r.values.includes(value)) return false; break;
      case 'NotIn': if (value !== undefined && r.values.includes(value)) return false; break;
      case 'Exists': if (value === undefined) return false; break;
      case 'DoesNotExist': if (value !== undefined) return false; break;
    }
  }
  return true;
}

/**
 * Reads labels kept in a plain object, own keys only: a selector on the label key `toString` or
 * `constructor` must not find `Object.prototype`'s members (which would make `Exists` match
 * every pod).
 *
 * @param labels the labels
 */
export function ownLabel(labels: Readonly<Record<string, string>>): LabelLookup {
  return (key) => (Object.hasOwn(labels, key) ? labels[key] : undefined);
}

/**
 * Adds a requirement to a selector (used for the namespace scoping Cilium adds to CNP selectors).
 *
 * @param selector the selector
 * @param requirement the requirement to add
 */
export function withRequirement(selector: Selector, requirement: Requirement): Selector {
  const requirements = [...selector.requirements, requirement];
  return { requirements, text: selector.text };
}

/**
 * The single value a selector requires for a key (`key In [v]`), if any: lets the engine look
 * only at one namespace's endpoints.
 *
 * @param selector the selector
 * @param key the label key
 */
export function requiredValue(selector: Selector, key: string): string | undefined {
  return selector.requirements.find((r) => r.key === key && r.operator === 'In' && r.values.length === 1)?.values[0];
}

function describeRequirements(requirements: readonly Requirement[]): string {
  if (requirements.length === 0) return '{}';
  return `{${requirements.map((r) => {
    switch (r.operator) {
      case 'In': return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
      case 'NotIn': return `${r.key} notin (${r.values.join(',')})`;
      case 'Exists': return r.key;
      case 'DoesNotExist': return `!${r.key}`;
    }
  }).join(', ')}}`;
}
