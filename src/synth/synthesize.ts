import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { collectIntent } from '../constructs/collect-intent';
import { Renderer } from '../constructs/cluster-settings';
import { NetpolCluster } from '../constructs/netpol-cluster';
import { PolicyError } from '../model/policy-error';
import { renderCluster, type RenderedObject } from '../render';
import { withStandIns } from './flux-variables';
import { layoutCluster } from './layout';
import { validateObjects } from './schema';
import { writeDirectoryAtomically } from './write-atomic';
import { compareText } from '../model/compare';

/** Options of `synthesize`. */
export interface SynthesizeOptions {
  /**
   * The output directory; each cluster goes to `<outdir>/<cluster name>/`.
   * @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else `dist`
   */
  readonly outdir?: string;
}

/** What `synthesize` wrote. */
export interface SynthesisResult {
  /** The output directory. */
  readonly outdir: string;
  /** Every file written, relative to `outdir`, to its contents. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * What was written but will not work as written, one sentence each, sorted (e.g. a cluster whose
   * CNI enforces no NetworkPolicy). `synthesize` also prints them to stderr.
   */
  readonly warnings: readonly string[];
}

/**
 * The warnings of a synthesis, sorted: for each cluster rendered as NetworkPolicy whose CNI
 * enforces nothing (`kubernetes: { enforced: false }`), a sentence saying so and how to fix it.
 *
 * @param root the cdk8s `App` (or any construct containing clusters)
 */
export function synthesisWarnings(root: IConstruct): string[] {
  const clusters = root.node.findAll().filter((c): c is NetpolCluster => c instanceof NetpolCluster);
  return clusters
    .filter((c) => c.renderer === Renderer.KUBERNETES && !c.kubernetes.enforced)
    .map((c) => `Warning: cluster ${c.clusterName} (${c.node.path}): its CNI enforces no NetworkPolicy (kubernetes.enforced: false), `
      + `so its manifests are written but every flow stays allowed. Use a CNI that enforces NetworkPolicy `
      + '(Calico, Cilium, kube-router, or k3s without --disable-network-policy), then set enforced: true.')
    .sort();
}

/**
 * Renders every `NetpolCluster` under `root` into files, in memory: runs every construct's
 * validations, collects each cluster's intent, renders it, validates each object against its
 * upstream schema, and lays it out. Nothing is written.
 *
 * Every problem is reported at once (src/model/problems.ts): the construct problems of all
 * clusters, and the rendering and schema problems of every cluster without construct problems.
 *
 * @param root the cdk8s `App` (or any construct containing clusters)
 * @throws PolicyError listing every problem as `[construct path] message` lines
 */
export async function synthesizeFiles(root: IConstruct): Promise<Map<string, string>> {
  const constructs = root.node.findAll();
  const problems: string[] = [];
  const troubled = new Set<string>();
  for (const construct of constructs) {
    const messages = validationsOf(construct);
    if (messages.length > 0) troubled.add(construct.node.path);
    problems.push(...messages.map((message) => (message.startsWith(`[${construct.node.path}]`) ? message : `[${construct.node.path}] ${message}`)));
  }

  const clusters = constructs.filter((c): c is NetpolCluster => c instanceof NetpolCluster);
  if (clusters.length === 0 && problems.length === 0) {
    throw new PolicyError('Nothing to synthesize: add a NetpolCluster to the app (new NetpolCluster(app, \'homelab\')).', root.node.path || undefined);
  }
  const firstByName = new Map<string, NetpolCluster>();
  const rendered: { cluster: NetpolCluster; objects: RenderedObject[] }[] = [];
  for (const cluster of clusters) {
    const first = firstByName.get(cluster.clusterName);
    if (first) {
      problems.push(`[${cluster.node.path}] Two clusters are named "${cluster.clusterName}" (first at ${first.node.path}): each cluster needs its own output folder; give one another name.`);
      continue;
    }
    firstByName.set(cluster.clusterName, cluster);
    // A cluster with construct problems is not rendered: its values may be incomplete.
    const prefix = `${cluster.node.path}/`;
    if ([...troubled].some((p) => p === cluster.node.path || p.startsWith(prefix))) continue;
    try {
      rendered.push({ cluster, objects: renderCluster(cluster, collectIntent(cluster)) });
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      problems.push(...(error.problems ?? [error.message]));
    }
  }
  // Every cluster's schema problems at once, as construct problems are reported.
  // Flux variables (Var.flux) are validated through their stand-ins.
  problems.push(...(await Promise.all(rendered.map(({ objects }) => validateObjects(objects.map(withStandIns))))).flat());
  if (problems.length > 0) {
    throw PolicyError.listing('Validation failed with the following errors:', problems);
  }
  const files = new Map<string, string>();
  for (const { cluster, objects } of rendered) {
    for (const [file, contents] of layoutCluster(objects)) files.set(`${cluster.clusterName}/${file}`, contents);
  }
  return new Map([...files.entries()].sort(([a], [b]) => compareText(a, b)));
}

/** A construct's validation messages; a validation that throws a `PolicyError` counts as one. */
function validationsOf(construct: IConstruct): string[] {
  try {
    return construct.node.validate();
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return [...(error.problems ?? [error.message])];
  }
}

/**
 * Synthesizes every `NetpolCluster` under `root` into `<outdir>/<cluster>/`: validated,
 * deterministic YAML, one file per concern plus a `kustomization.yaml`. The output directory is
 * replaced as a whole, atomically: on any error nothing is written.
 *
 * @param root the cdk8s `App`
 * @param options the output directory
 */
export async function synthesize(root: IConstruct, options: SynthesizeOptions = {}): Promise<SynthesisResult> {
  const outdir = options.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const files = await synthesizeFiles(root);
  writeDirectoryAtomically(outdir, files);
  const warnings = synthesisWarnings(root);
  for (const warning of warnings) process.stderr.write(`${warning}\n`);
  return { outdir: path.resolve(outdir), files, warnings };
}
