/*
 * The scratch cluster recognizers check their candidates in: the code of the earlier items and
 * of the candidate, built by the importer's evaluator (src/import/evaluate-code.ts, what the proof
 * builds too) in a cluster of its own, with the input's
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
import type { CodeValue, ImportItem } from '../code-model';
import { clusterPropsOf, evaluateFiles, evaluateValue } from '../evaluate-code';
import { PolicyError } from '../../model/policy-error';
import { problemsOfValue } from '../../model/problems';

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
  const props = Object.fromEntries(clusterPropsOf(items).map(([key, value]) => [key, evaluateValue(value)]));
  const cluster = new NetpolCluster(app, 'import', { ...props, renderer });
  const problems: string[] = [];
  // The importer's evaluator, file by file as the generated functions run.
  const files = new Map<string, ImportItem[]>();
  for (const item of items) files.set(item.file, [...(files.get(item.file) ?? []), item]);
  try {
    evaluateFiles(cluster, files);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
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
    return problemsOfValue(evaluateValue(value));
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

