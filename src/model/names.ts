import { PolicyError } from './policy-error';
import { fluxVariable, Var } from './var';
import { assertValid } from './problems';
import { fluxSyntaxStandIn, hasFluxExpression } from './flux-substitution';

/** Labels as the API takes them: a value may be a Flux variable (`Var.flux('zone')`). */
export type LabelValues = Readonly<Record<string, string | Var>>;

/** The stand-in a Flux variable takes where a label value is expected, for validation. */
export const LABEL_STAND_IN = 'x';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * Checks a name that must be an RFC 1123 DNS label (namespace names, service names):
 * lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63 characters.
 *
 * @param what what the name names, for the message (e.g. `namespace name`)
 * @param name the name to check
 * @throws PolicyError naming the value and the rule
 */
export function checkDnsLabel(what: string, name: string): string {
  if (typeof name !== 'string') throw new PolicyError(`Invalid ${what} ${String(name)}: give a string, a DNS-1123 label such as "my-apps".`);
  if (name.length > 63 || !DNS1123_LABEL.test(name)) {
    const hint = name.toLowerCase().replace(/[^-a-z0-9]/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
    throw new PolicyError(`Invalid ${what} "${name}": must be a DNS-1123 label (lowercase letters, digits and '-', `
      + `starting and ending with a letter or digit, at most 63 characters).${hint && hint !== name ? ` Did you mean "${hint}"?` : ''}`);
  }
  return name;
}

/**
 * Checks a Kubernetes object name that must be a DNS-1123 subdomain (policy names).
 *
 * @param what what the name names, for the message
 * @param name the name to check
 * @throws PolicyError naming the value and the rule
 */
export function checkDnsSubdomain(what: string, name: string): string {
  if (typeof name !== 'string' || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    throw new PolicyError(`Invalid ${what} "${name}": must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters).`);
  }
  return name;
}

/**
 * Checks a name as `check` does, where the name may hold Flux post-build expressions (a
 * templated repository's `pg-${APP}`, `${APP_NS}`): each expression is read as `x` for the
 * syntax check (`fluxSyntaxStandIn`), and the name is kept as written, for Flux to fill in.
 *
 * @param check `checkDnsLabel` or `checkDnsSubdomain`
 * @param what what the name names, for the message
 * @param name the name to check
 * @throws PolicyError naming the value as written and the rule
 */
export function checkFluxName(check: (what: string, name: string) => string, what: string, name: string): string {
  if (!hasFluxExpression(name)) return check(what, name);
  try {
    check(what, fluxSyntaxStandIn(name));
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new PolicyError(`Invalid ${what} "${name}" (each Flux variable read as "x"): ${error.message}`);
  }
  return name;
}

/**
 * Checks label keys and values against the Kubernetes syntax
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
 * A value may be a Flux variable (`Var.flux('zone')`), kept as its `${name}` text.
 *
 * @param what what the labels belong to, for the message
 * @param labels the labels to check
 * @returns the labels, variables as their `${name}` text
 * @throws PolicyError naming the offending key or value
 */
export function checkLabels(what: string, input: LabelValues): Readonly<Record<string, string>> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PolicyError(`Invalid labels ${JSON.stringify(input)} in ${what}: give an object of label keys to values, e.g. { app: 'web' }.`);
  }
  const labels: Record<string, string> = {};
  for (const [key, raw] of Object.entries(input)) {
    if (raw instanceof Var) assertValid(raw);
    const value = raw instanceof Var ? raw.toString() : raw;
    labels[key] = value;
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if ((prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) || name.length > 63 || !LABEL_NAME.test(name)) {
      throw new PolicyError(`Invalid label key "${key}" in ${what}: a key is an optional DNS subdomain prefix and '/', then a name of at most 63 alphanumerics, '-', '_' or '.'.`);
    }
    // A Flux expression (`${APP}`, `${APP}-db`) is checked as its stand-in: Flux fills it in.
    const read = typeof value === 'string' && fluxVariable(value) === undefined ? fluxSyntaxStandIn(value) : LABEL_STAND_IN;
    if (typeof value !== 'string' || read.length > 63 || (read !== '' && !LABEL_NAME.test(read))) {
      throw new PolicyError(`Invalid value "${String(value)}" of label "${key}" in ${what}: a value is a string of at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric (quote "true" in YAML).`);
    }
  }
  return labels;
}

/**
 * Returns the entries of a string map sorted by key, as a new object: the canonical form
 * used in every rendered selector, so output never depends on insertion order.
 *
 * @param map the map to sort
 */
export function sortedRecord<T>(map: Readonly<Record<string, T>>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(map).sort()) sorted[key] = map[key];
  return sorted;
}

/**
 * Suggests the closest known word, for "did you mean" hints.
 *
 * @param word the unknown word
 * @param known the words that exist
 * @returns the closest known word within edit distance 3, if any
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
