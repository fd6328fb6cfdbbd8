import type { Renderer } from '../../constructs/cluster-settings';
import type { Manifest } from '../../manifests/manifest';
import type { ImportItem } from '../code-model';

/** What every recognizer of `netpol import` knows about the input besides the manifests it is offered. */
export interface ImportContext {
  /** The renderer the generated cluster uses (`--renderer`). */
  readonly renderer: Renderer;
  /**
   * Every namespace of the input, sorted: to its `Namespace` object when the input has one,
   * `undefined` when policies only name it (the import declares it with `manageNamespace: false`).
   */
  readonly namespaces: ReadonlyMap<string, Manifest | undefined>;
  /**
   * The items the recognizers before this one returned, in order: later recognizers build on
   * them (an `AppNamespace` needs its `Profile`; every rule, the cluster settings the baseline
   * found in `clusterProps`).
   * @default - none
   */
  readonly earlier?: readonly ImportItem[];
}

/**
 * One pattern of the design that `netpol import` turns into idiomatic code (a baseline, a
 * profile, a shared service, a namespace's rules, ...). Recognizers run in order
 * (`RECOGNIZERS`); each is offered the manifests no earlier one claimed.
 */
export interface Recognizer {
  /** A stable name, e.g. `cluster-baseline`. */
  readonly name: string;
  /**
   * Claims some of `remaining` by listing them in the `covers` of the items it returns; what no
   * item covers stays for later recognizers and, at the end, for the as-is fallback. A
   * recognizer claims a manifest only when the constructs it writes synthesize to exactly the
   * flows of the manifests it claims.
   *
   * @param remaining the manifests not claimed yet (policies and Namespaces), in input order
   * @param context the renderer, the namespaces of the input, the earlier items
   * @returns the items, in the order they are to be written
   */
  recognize(remaining: readonly Manifest[], context: ImportContext): ImportItem[];
}
