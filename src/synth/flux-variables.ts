import { CIDR_STAND_IN } from '../model/cidr';
import { LABEL_STAND_IN } from '../model/names';
import { PORT_STAND_IN } from '../model/port';
import { fluxVariable, fluxVariablesIn } from '../model/var';
import { UnquotedVariable, type RenderedObject } from '../render/rendered-object';
import { compareText } from '../model/compare';
import { fluxCidrStandIn, fluxDnsStandIn, fluxPortStandIn, fluxSyntaxStandIn, hasFluxExpression } from '../model/flux-substitution';

/** Keys whose value (or list items) is a CIDR in the manifests the library writes. */
const CIDR_KEYS = new Set(['cidr', 'except', 'toCIDR', 'fromCIDR']);

/** Keys whose value is a DNS name or pattern (Cilium `toFQDNs`, DNS rules). */
const DNS_KEYS = new Set(['matchName', 'matchPattern']);

/**
 * A rendered object with every Flux variable (`Var.flux`) replaced by its stand-in, for schema
 * validation: a CIDR becomes `192.0.2.0/24`, a port `1` (`"1"` on Cilium, whose ports are
 * strings), a label value `x`. Hand-written specs (`CiliumPolicy`, `KubernetesPolicy`) may hold
 * Flux expressions inside a value as a templated repository writes them (`${IP_ROUTER}/32`,
 * `*.${DNS_MAIN}`, `pg-${APP}`): each gets the stand-in the manifest readers simulate
 * (src/model/flux-substitution.ts) for its field. Only validation sees the stand-ins.
 *
 * @param rendered the object as it will be written
 */
export function withStandIns(rendered: RenderedObject): RenderedObject {
  return { ...rendered, object: replace(rendered.object, '') as RenderedObject['object'] };
}

function replace(value: unknown, key: string): unknown {
  if (value instanceof UnquotedVariable) return PORT_STAND_IN;
  if (Array.isArray(value)) return value.map((item) => replace(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, k)]));
  }
  if (fluxVariable(value) === undefined) return hasFluxExpression(value) ? expressionStandIn(value, key) : value;
  if (CIDR_KEYS.has(key)) return CIDR_STAND_IN;
  if (key === 'port' || key === 'endPort') return String(PORT_STAND_IN);
  return LABEL_STAND_IN;
}

function expressionStandIn(text: string, key: string): string {
  if (CIDR_KEYS.has(key)) return fluxCidrStandIn(text);
  if (key === 'port' || key === 'endPort') return fluxPortStandIn(text);
  if (DNS_KEYS.has(key)) return fluxDnsStandIn(text);
  return fluxSyntaxStandIn(text);
}

/**
 * The Flux variables a cluster's objects refer to, each with the files it appears in, sorted.
 *
 * @param objects the cluster's rendered objects
 */
export function fluxVariables(objects: readonly RenderedObject[]): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const rendered of objects) {
    for (const name of fluxVariablesIn(JSON.stringify(rendered.object))) {
      found.set(name, (found.get(name) ?? new Set()).add(`${rendered.file}.yaml`));
    }
  }
  return new Map([...found.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, files]) => [name, [...files].sort(compareText)]));
}
