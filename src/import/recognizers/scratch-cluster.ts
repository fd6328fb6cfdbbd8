/*
 * The scratch cluster recognizers check their candidates in: the code of the earlier items and
 * of the candidate, built through the public API in a cluster of its own, with the input's
 * namespaces standing in where no item declares them (so that what depends on the namespaces,
 * HBONE companions, `baseline-within-namespace`, renders as in the final cluster), collected and
 * rendered in memory. Nothing is written.
 */
import { App } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import type { Renderer } from '../../constructs/cluster-settings';
import { collectIntent } from '../../constructs/collect-intent';
import { NamespaceBase } from '../../constructs/namespace-base';
import { NetpolCluster } from '../../constructs/netpol-cluster';
import type { PolicyGroup } from '../../model/policy';
import { renderCluster, type RenderedObject } from '../../render';
import type { CodeStatement, CodeValue, ImportItem } from '../code-model';
import * as api from '../../public';
import { LabelSelector } from '../../model/label-selector';
import { PolicyError } from '../../model/policy-error';
import { problemsOfValue } from '../../model/problems';

/** The names generated code may use, as `src/public.ts` exports them. */
const REGISTRY: Readonly<Record<string, unknown>> = { ...api, LabelSelector };

/** A namespace of the input that no item declares: its labels, nothing else. */
export interface StandIn {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The start of the construct id of a stand-in namespace (`isStandIn`). */
const STAND_IN_PREFIX = '__stand-in__';

/**
 * True when a rendered object comes from a stand-in namespace, not from an item's code.
 *
 * @param rendered a rendered object of the scratch cluster
 */
export function isStandIn(rendered: RenderedObject): boolean {
  return rendered.constructPath.split('/').some((part) => part.startsWith(STAND_IN_PREFIX));
}

/** A namespace with the given labels and no policy: what an undeclared input namespace is to the scratch cluster. */
class StandInNamespace extends NamespaceBase {
  readonly group: PolicyGroup;
  constructor(scope: Construct, name: string, private readonly given: Readonly<Record<string, string>>) {
    super(scope, `${STAND_IN_PREFIX}${name}`, { name, withinNamespace: false }, 'stand-in');
    this.group = `app-${name}`;
  }

  protected namespaceLabels(): Record<string, string> {
    return { ...this.given };
  }

  protected managedLabelsFix(): string {
    return '';
  }
}

/** The scratch cluster's rendering, or why it could not be built. */
export type ScratchResult =
  | { readonly ok: true; readonly objects: readonly RenderedObject[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Builds `items` (in order) in a scratch cluster with the cluster props of every item, adds a
 * stand-in for each namespace of `standIns` the items do not declare, and renders it.
 *
 * @param items the code to build
 * @param renderer the cluster's renderer
 * @param standIns the input's namespaces and their labels
 */
export function renderScratch(items: readonly ImportItem[], renderer: Renderer, standIns: readonly StandIn[] = []): ScratchResult {
  const app = new App();
  const props = Object.fromEntries(items.flatMap((item) => item.clusterProps ?? []).map(([key, value]) => [key, evaluate(value, {})]));
  const cluster = new NetpolCluster(app, 'import', { ...props, renderer });
  const bindings: Record<string, unknown> = { cluster };
  const problems: string[] = [];
  for (const item of items) {
    for (const statement of item.statements) {
      try {
        run(statement, bindings);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  const declared = new Set(cluster.sourcesOf(NamespaceBase).map((n) => n.namespaceName));
  for (const standIn of standIns) if (!declared.has(standIn.name)) new StandInNamespace(cluster, standIn.name, standIn.labels);
  problems.push(...validations(cluster));
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, objects: renderCluster(cluster, collectIntent(cluster)) };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, problems: error.problems ?? [error.message] };
    throw error;
  }
}

/**
 * The problems of a value written as code (`Peer.cidr('${IP}/32', ...)`: not an address), or the
 * error building it; none for a value the library takes.
 *
 * @param value a peer, port or selector as code
 */
export function valueProblems(value: CodeValue): readonly string[] {
  try {
    return problemsOfValue(evaluate(value, {}));
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

function validations(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => {
    if (c instanceof StandInNamespace) return [];
    try {
      return c.node.validate().map((m) => `[${c.node.path}] ${m}`);
    } catch (error) {
      return [`[${c.node.path}] ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

function run(statement: CodeStatement, bindings: Record<string, unknown>): void {
  switch (statement.kind) {
    case 'new': {
      const type = REGISTRY[statement.construct] as (new (scope: unknown, id: string, props?: unknown) => unknown) | undefined;
      if (typeof type !== 'function') throw new Error(`Unknown construct ${statement.construct}`);
      const scope = bindings[statement.scope];
      const value = statement.props === undefined ? new type(scope, statement.id) : new type(scope, statement.id, evaluate(statement.props, bindings));
      if (statement.binding !== undefined) bindings[statement.binding] = value;
      return;
    }
    case 'call': {
      const value = call(statement.callee, statement.args.map((a) => evaluate(a, bindings)), bindings);
      if (statement.binding !== undefined) bindings[statement.binding] = value;
      return;
    }
    case 'method': {
      const target = bindings[statement.target] as Record<string, (...args: unknown[]) => unknown> | undefined;
      if (target === undefined || typeof target[statement.method] !== 'function') throw new Error(`Unknown method ${statement.target}.${statement.method}`);
      target[statement.method](...statement.args.map((a) => evaluate(a, bindings)));
      return;
    }
  }
}

/** A dotted name of the registry (`Port.HTTPS`) or a binding. */
function lookup(name: string, bindings: Record<string, unknown>): unknown {
  if (name in bindings) return bindings[name];
  let value: unknown = REGISTRY;
  for (const part of name.split('.')) {
    if (value === undefined || value === null || !Object.prototype.hasOwnProperty.call(value, part)) {
      throw new Error(`Unknown name ${name}`);
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function call(callee: string, args: unknown[], bindings: Record<string, unknown>): unknown {
  const dot = callee.lastIndexOf('.');
  const owner = dot < 0 ? undefined : lookup(callee.slice(0, dot), bindings);
  const fn = dot < 0 ? lookup(callee, bindings) : (owner as Record<string, unknown>)[callee.slice(dot + 1)];
  if (typeof fn !== 'function') throw new Error(`Unknown function ${callee}`);
  return (fn as (...a: unknown[]) => unknown).apply(owner, args);
}

function evaluate(value: CodeValue, bindings: Record<string, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: CodeValue) => evaluate(v, bindings));
  const tagged = value as Exclude<CodeValue, null | string | number | boolean | readonly CodeValue[]>;
  switch (tagged.kind) {
    case 'object': return Object.fromEntries(tagged.entries.map(([k, v]) => [k, evaluate(v, bindings)]));
    case 'call': return call(tagged.callee, tagged.args.map((a) => evaluate(a, bindings)), bindings);
    case 'ref': return lookup(tagged.name, bindings);
  }
}
