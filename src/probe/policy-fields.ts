import { fluxCidrStandIn, hasFluxExpression } from '../model/flux-substitution';
import { parseCidr, type Cidr } from './cidr';
import { compileSelector, type Selector, type SelectorSyntax } from './selector';

/** Throws the `InputError` of one field of the policy being compiled (see `policyError`). */
export type Fail = (message: string) => never;

/** A parsed YAML/JSON mapping. */
export type Json = Record<string, unknown>;

/**
 * Reads a field that must be a mapping.
 *
 * @param value the field's value
 * @param field the field path, for messages
 * @param fail throws the policy's error
 */
export function asObject(value: unknown, field: string, fail: Fail): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${field}: expected a mapping, got ${JSON.stringify(value)}`);
  return value as Json;
}

/**
 * Reads a field that must be a CIDR block (NetworkPolicy `ipBlock`, Cilium `toCIDR`/`fromCIDRSet`).
 * A Flux expression (`${IP_ROUTER}/32`) is read as its stand-in (`fluxCidrStandIn`), keeping the text.
 *
 * @param value the field's value
 * @param field the field path, for messages
 * @param fail throws the policy's error
 */
export function cidrField(value: unknown, field: string, fail: Fail): Cidr {
  if (value === undefined) return fail(`${field}: missing; expected a CIDR block such as 10.0.0.0/8`);
  if (typeof value !== 'string') return fail(`${field}: expected a CIDR block such as 10.0.0.0/8, got ${JSON.stringify(value)}`);
  if (hasFluxExpression(value)) {
    // Flux fills the variable in before applying (src/model/flux-substitution.ts): simulate its stand-in, show the text.
    const standIn = parseCidr(fluxCidrStandIn(value));
    return typeof standIn === 'string' ? fail(`${field}: ${JSON.stringify(value)} with its Flux defaults is ${standIn}`) : { ...standIn, text: value };
  }
  const cidr = parseCidr(value);
  return typeof cidr === 'string' ? fail(`${field}: ${cidr}`) : cidr;
}

/**
 * Reads a field that must be a label selector.
 *
 * @param value the field's value
 * @param field the field path, for messages
 * @param fail throws the policy's error
 * @param normalizeKey maps a written key to the key matched (Cilium passes `normalizeCiliumKey`);
 *   without it keys match as written
 * @param syntax the rules keys and values are checked against; `cilium` when `normalizeKey` is
 *   given, else `kubernetes`
 */
export function selectorField(value: unknown, field: string, fail: Fail, normalizeKey?: (key: string) => string, syntax?: SelectorSyntax): Selector {
  const compiled = compileSelector(value, field, normalizeKey, syntax);
  return typeof compiled === 'string' ? fail(compiled) : compiled;
}
