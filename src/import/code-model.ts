/*
 * The code model of `netpol import`: what the importer decides to write, as data. One model,
 * two readers: the printer turns it into the TypeScript a person would write from the README,
 * and the evaluator builds the very same constructs in memory (through the public API) to prove,
 * with the flow diff, that the generated definition allows exactly what the input allowed.
 *
 * Recognizers (baseline, profiles, shared services, platform and application namespaces,
 * connections) turn input manifests into `ImportItem`s; whatever no recognizer claims becomes an
 * as-is item (`CiliumPolicy` or `KubernetesPolicy`) with a comment saying why, never dropped.
 */
import type { Manifest } from '../manifests/manifest';

/**
 * A value in generated code. Plain JSON values print as literals; the tagged forms are calls
 * into the public API, references to variables, and object literals (kept in their order).
 */
export type CodeValue =
  | null
  | string
  | number
  | boolean
  | readonly CodeValue[]
  | CodeObject
  | CodeCall
  | CodeRef;

/**
 * A JSON value (as a manifest holds it) as a code value: objects keep their key order.
 *
 * @param value a value parsed from YAML or JSON
 * @throws Error on what JSON cannot hold (undefined, functions, non-finite numbers)
 */
export function jsonCode(value: unknown): CodeValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map(jsonCode);
  if (typeof value === 'object') return { kind: 'object', entries: Object.entries(value).map(([k, v]) => [k, jsonCode(v)] as const) };
  throw new Error(`Not a JSON value: ${String(value)}.`);
}

/** An object literal; entries print in the order given. */
export interface CodeObject {
  readonly kind: 'object';
  readonly entries: readonly (readonly [key: string, value: CodeValue])[];
}

/**
 * A call of a static function of the public API, e.g. `Port.tcp(443)`, `Peer.pods('db', {...})`,
 * `Var.flux('LAN_CIDR')`, `Port.any({ reason })`, `LabelSelector.of(...)`. `callee` is the
 * dotted name exactly as exported from `src/public.ts`.
 */
export interface CodeCall {
  readonly kind: 'call';
  readonly callee: string;
  readonly args: readonly CodeValue[];
}

/**
 * A reference to a variable a statement bound (`binding`), e.g. the cluster or a namespace, or to
 * a static member of the public API by its dotted name, e.g. `Port.HTTPS`, `Renderer.KUBERNETES`.
 */
export interface CodeRef {
  readonly kind: 'ref';
  readonly name: string;
}

/** One statement of the generated definition. */
export type CodeStatement =
  /** `[const <binding> =] new <construct>(<scope>, '<id>', <props>);` */
  | {
    readonly kind: 'new';
    /** The construct class as exported from `src/public.ts`, e.g. `AppNamespace`. */
    readonly construct: string;
    /** The variable of the scope, e.g. `cluster`. */
    readonly scope: string;
    readonly id: string;
    readonly props?: CodeValue;
    readonly binding?: string;
  }
  /** `[const <binding> =] <callee>(<args>);`, e.g. `Profile.builtins(cluster)`. */
  | { readonly kind: 'call'; readonly callee: string; readonly args: readonly CodeValue[]; readonly binding?: string }
  /** `<target>.<method>(<args>);`, e.g. `media.allowIngress(Peer.gateway('internal'), [Port.tcp(8080)])`. */
  | { readonly kind: 'method'; readonly target: string; readonly method: string; readonly args: readonly CodeValue[] };

/** What a recognizer (or the as-is fallback) produced for some input manifests. */
export interface ImportItem {
  /** The statements, in order; they may refer to bindings of earlier items. */
  readonly statements: readonly CodeStatement[];
  /**
   * The generated file the statements go into, without `.ts`: `cluster` for cluster-wide
   * constructs (baseline, profiles, shared services, cluster-wide policies), `namespaces/<ns>`
   * for a namespace and its rules.
   */
  readonly file: string;
  /** A comment printed above the statements, e.g. `imported as-is: <why>`. */
  readonly comment?: string;
  /** The input manifests the item reproduces (policies and Namespaces). */
  readonly covers: readonly Manifest[];
  /** What a reviewer should look at: guardrail opt-ins the import wrote, input mistakes noticed. */
  readonly findings: readonly ImportFinding[];
  /**
   * Settings of the `NetpolCluster` the statements rely on (e.g. `appPorts`, `prometheus`, read
   * from the input's baseline and profiles), merged in item order into
   * `new NetpolCluster(app, '<name>', { ... })` by the printer and the evaluator.
   * @default - none: the library's defaults
   */
  readonly clusterProps?: CodeObject['entries'];
}

/** A spot of the import a person should review. */
export interface ImportFinding {
  /** `opt-in`: the import kept something the library refuses by default, with an `imported:` reason; `input`: the input looks wrong. */
  readonly kind: 'opt-in' | 'input';
  /** The input object, e.g. `CiliumNetworkPolicy media/allow-sonarr`, and its file. */
  readonly object: string;
  readonly file?: string;
  /** The field, e.g. `spec.egress[0].toCIDR[0]`. */
  readonly field?: string;
  readonly message: string;
}
