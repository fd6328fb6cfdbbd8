import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { collectIntent } from '../constructs/collect-intent';
import { Renderer } from '../constructs/cluster-settings';
import { NetpolCluster } from '../constructs/netpol-cluster';
import { PolicyError } from '../model/policy-error';
import { renderCluster } from '../render';
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
 * @param root the cdk8s `App` (or any construct containing clusters)
 * @throws PolicyError listing every problem as `[construct path] message` lines
 */
export async function synthesizeFiles(root: IConstruct): Promise<Map<string, string>> {
  const constructs = root.node.findAll();
  const problems = constructs.flatMap((c) => c.node.validate().map((message) => `[${c.node.path}] ${message}`));
  if (problems.length > 0) throw new PolicyError(`Validation failed with the following errors:\n  ${problems.join('\n  ')}`);

  const clusters = constructs.filter((c): c is NetpolCluster => c instanceof NetpolCluster);
  if (clusters.length === 0) {
    throw new PolicyError('Nothing to synthesize: add a NetpolCluster to the app (new NetpolCluster(app, \'homelab\')).', root.node.path || undefined);
  }
  const names = new Set<string>();
  const rendered = clusters.map((cluster) => {
    if (names.has(cluster.clusterName)) {
      throw new PolicyError(`Two clusters are named "${cluster.clusterName}": each cluster needs its own output folder; give one another name.`, cluster.node.path);
    }
    names.add(cluster.clusterName);
    return { cluster, objects: renderCluster(cluster, collectIntent(cluster)) };
  });
  // Every cluster's schema problems at once, as construct problems are reported.
  const invalid = (await Promise.all(rendered.map(({ objects }) => validateObjects(objects)))).flat();
  if (invalid.length > 0) throw new PolicyError(`Schema validation failed:\n  ${invalid.join('\n  ')}`);
  const files = new Map<string, string>();
  for (const { cluster, objects } of rendered) {
    for (const [file, contents] of layoutCluster(objects)) files.set(`${cluster.clusterName}/${file}`, contents);
  }
  return new Map([...files.entries()].sort(([a], [b]) => compareText(a, b)));
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
