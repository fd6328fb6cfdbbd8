import { CIDR_STAND_IN } from '../model/cidr';
import { LABEL_STAND_IN } from '../model/names';
import { PORT_STAND_IN } from '../model/port';
import { fluxVariable, fluxVariablesIn } from '../model/var';
import { UnquotedVariable, type RenderedObject } from '../render/rendered-object';
import { compareText } from '../model/compare';

/** Keys whose value (or list items) is a CIDR in the manifests the library writes. */
const CIDR_KEYS = new Set(['cidr', 'except', 'toCIDR', 'fromCIDR']);

/**
 * A rendered object with every Flux variable (`Var.flux`) replaced by its stand-in, for schema
 * validation: a CIDR becomes `192.0.2.0/24`, a port `1` (`"1"` on Cilium, whose ports are
 * strings), a label value `x`. Text that merely mentions a variable (descriptions, annotations)
 * is left as it is.
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
  if (fluxVariable(value) === undefined) return value;
  if (CIDR_KEYS.has(key)) return CIDR_STAND_IN;
  if (key === 'port' || key === 'endPort') return String(PORT_STAND_IN);
  return LABEL_STAND_IN;
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
