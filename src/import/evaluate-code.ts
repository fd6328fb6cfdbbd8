/*
 * The evaluator of `netpol import`: builds the code model (src/import/code-model.ts) in memory,
 * through the very names the printed code imports from the package (`src/public.ts`), so what
 * the proof synthesizes is what the generated TypeScript will build.
 */
import type { Construct } from 'constructs';
import * as api from '../public';
import type { CodeStatement, CodeValue, ImportItem } from './code-model';

/** The public API by name: the one registry the evaluator resolves constructs and callees in. */
const REGISTRY: Readonly<Record<string, unknown>> = api;

/**
 * Resolves a dotted name of the public API (`Port.tcp`, `AppNamespace`) to its value and the
 * object it was read from (the `this` of a static call).
 *
 * @param name the dotted name as `src/public.ts` exports it
 * @throws Error when the package exports no such name
 */
function resolveName(name: string): { value: unknown; owner: unknown } {
  const [first, ...rest] = name.split('.');
  if (!Object.hasOwn(REGISTRY, first)) throw new Error(`Generated code uses ${name}, which the package does not export (src/public.ts).`);
  let owner: unknown = undefined;
  let value: unknown = REGISTRY[first];
  for (const part of rest) {
    // Own and inherited static members of the API, never what every function or object has (`constructor`, `call`).
    if ((typeof value !== 'function' && (typeof value !== 'object' || value === null)) || !(part in (value as object))
      || part in Function.prototype || part in Object.prototype) {
      throw new Error(`Generated code uses ${name}, which the package does not export (src/public.ts).`);
    }
    owner = value;
    value = (value as Record<string, unknown>)[part];
  }
  return { value, owner };
}

/** Scope of one evaluation: the variables statements bound so far. */
type Bindings = Map<string, unknown>;

/**
 * A value of the code model as the program would compute it.
 *
 * @param value the value
 * @param bindings the variables in scope
 */
export function evaluateValue(value: CodeValue, bindings: ReadonlyMap<string, unknown> = new Map()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: CodeValue) => evaluateValue(v, bindings));
  const tagged = value as Exclude<CodeValue, null | string | number | boolean | readonly CodeValue[]>;
  switch (tagged.kind) {
    case 'object':
      // fromEntries defines own properties, so a `__proto__` key stays data, as the printed code keeps it.
      return Object.fromEntries(tagged.entries.map(([k, v]) => [k, evaluateValue(v, bindings)]));
    case 'call':
      return call(tagged.callee, tagged.args.map((a) => evaluateValue(a, bindings)));
    case 'ref':
      // A variable a statement bound, else a static member of the public API (`Port.HTTPS`).
      if (bindings.has(tagged.name)) return bindings.get(tagged.name);
      return resolveName(tagged.name).value;
  }
}

/**
 * The `NetpolCluster` props the items rely on (`ImportItem.clusterProps`), merged in item order:
 * a later item's value for a key replaces an earlier one's, in the earlier one's place.
 *
 * @param items the items, in order
 * @returns the entries, in the order their keys first appear
 */
export function clusterPropsOf(items: readonly ImportItem[]): [string, CodeValue][] {
  const merged = new Map<string, CodeValue>();
  for (const item of items) for (const [key, value] of item.clusterProps ?? []) merged.set(key, value);
  return [...merged];
}

function call(callee: string, args: unknown[]): unknown {
  const { value, owner } = resolveName(callee);
  if (typeof value !== 'function') throw new Error(`Generated code calls ${callee}, which is not a function of the package.`);
  return Reflect.apply(value, owner, args);
}

function runStatement(statement: CodeStatement, bindings: Bindings): void {
  const lookup = (name: string): unknown => {
    if (!bindings.has(name)) throw new Error(`Generated code refers to "${name}", which no earlier statement binds.`);
    return bindings.get(name);
  };
  let result: unknown;
  if (statement.kind === 'new') {
    const { value } = resolveName(statement.construct);
    if (typeof value !== 'function') throw new Error(`Generated code creates ${statement.construct}, which is not a construct of the package.`);
    const props = statement.props === undefined ? [] : [evaluateValue(statement.props, bindings)];
    result = Reflect.construct(value, [lookup(statement.scope), statement.id, ...props]);
  } else if (statement.kind === 'call') {
    result = call(statement.callee, statement.args.map((a) => evaluateValue(a, bindings)));
  } else {
    const target = lookup(statement.target) as Record<string, unknown>;
    const method = target?.[statement.method];
    if (typeof method !== 'function') throw new Error(`Generated code calls ${statement.target}.${statement.method}, which is not a method.`);
    Reflect.apply(method, target, statement.args.map((a) => evaluateValue(a, bindings)));
    return;
  }
  if (statement.binding !== undefined) bindings.set(statement.binding, result);
}

/**
 * Runs the statements of the given items against a cluster, as the generated functions do: the
 * items grouped by file (bindings are local to a file, as in the printed functions), files in
 * the order given.
 *
 * @param cluster the `NetpolCluster` the generated functions receive as `cluster`
 * @param files the items of each file, in the order `main.ts` calls the files' functions
 * @throws Error when the model names something the package does not export (a bug of a recognizer)
 */
export function evaluateFiles(cluster: Construct, files: ReadonlyMap<string, readonly ImportItem[]>): void {
  for (const items of files.values()) {
    const bindings: Bindings = new Map([['cluster', cluster]]);
    for (const item of items) for (const statement of item.statements) runStatement(statement, bindings);
  }
}
