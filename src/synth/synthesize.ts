import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { collectIntent } from '../constructs/collect-intent';
import { NetpolCluster } from '../constructs/netpol-cluster';
import { PolicyError } from '../model/policy-error';
import { renderCluster } from '../render';
import { layoutCluster } from './layout';
import { validateObjects } from './schema';
import { writeDirectoryAtomically } from './write-atomic';

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
  const files = new Map<string, string>();
  for (const cluster of clusters) {
    if (names.has(cluster.clusterName)) {
      throw new PolicyError(`Two clusters are named "${cluster.clusterName}": each cluster needs its own output folder; give one another name.`, cluster.node.path);
    }
    names.add(cluster.clusterName);
    const objects = renderCluster(cluster, collectIntent(cluster));
    const invalid = await validateObjects(objects);
    if (invalid.length > 0) throw new PolicyError(`Schema validation failed:\n  ${invalid.join('\n  ')}`);
    for (const [file, contents] of layoutCluster(objects)) files.set(`${cluster.clusterName}/${file}`, contents);
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
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
  return { outdir: path.resolve(outdir), files };
}
