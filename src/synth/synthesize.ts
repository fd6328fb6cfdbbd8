import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { collectIntent } from '../constructs/collect-intent';
import { Renderer } from '../constructs/cluster-settings';
import { NetpolCluster } from '../constructs/netpol-cluster';
import { PolicyError } from '../model/policy-error';
import { renderCluster, type RenderedObject } from '../render';
import { withStandIns } from './flux-variables';
import { oneSidedProblems } from './one-sided';
import { NamespaceBase } from '../constructs/namespace-base';
import { PlatformReference } from '../constructs/platform-reference';
import { layoutCluster } from './layout';
import { validateObjects } from './schema';
import * as fs from 'node:fs';
import { describeRefusal, isFileSystemRefusal, OutputError } from './output-error';
import { writeOutputTree } from './write-atomic';
import { compareText } from '../model/compare';
import type { ClusterIntent } from '../model/policy';
import { buildPlatformContract, platformContractJson } from '../contract/build-contract';
import { CONTRACT_FILE } from '../contract/platform-contract';

/** Options of `synthesize`. */
export interface SynthesizeOptions {
  /**
   * The output directory; each cluster goes to `<outdir>/<cluster name>/`. It is updated in place
   * (`writeOutputTree`), never deleted.
   * @default 'dist'
   */
  readonly outdir?: string;
  /**
   * cdk8s-cli's `output` folder, which it deletes before running the app and lists after: a scratch
   * folder that gets a plain copy of the files (for cdk8s-cli's listing and validation plugins).
   * When it is `outdir` itself (a `cdk8s.yaml` with `output: dist`), cdk8s-cli has deleted the
   * output before the app ran: synthesis still writes it and warns.
   * @default - `$CDK8S_OUTDIR`, which `cdk8s synth` sets from `cdk8s.yaml`'s `output`; none outside cdk8s-cli
   */
  readonly cdk8sOutdir?: string;
}

/** What `synthesize` wrote. */
export interface SynthesisResult {
  /** The output directory. */
  readonly outdir: string;
  /** Every file of the output, relative to `outdir`, to its contents. */
  readonly files: ReadonlyMap<string, string>;
  /** The files, relative to `outdir`, that this synthesis wrote or removed (unchanged files are not touched), sorted. */
  readonly changed: readonly string[];
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
  const rendered: { cluster: NetpolCluster; intent: ClusterIntent; objects: RenderedObject[] }[] = [];
  for (const cluster of clusters) {
    const first = firstByName.get(cluster.clusterName);
    if (first) {
      problems.push(`[${cluster.node.path}] Two clusters are named "${cluster.clusterName}" (first at ${first.node.path}): each cluster needs its own output folder; give one another name.`);
      continue;
    }
    firstByName.set(cluster.clusterName, cluster);
    // A cluster with construct problems is not rendered (its values may be incomplete), but its
    // duplicate names are still reported in this pass; other failures there are consequences.
    const prefix = `${cluster.node.path}/`;
    if ([...troubled].some((p) => p === cluster.node.path || p.startsWith(prefix))) {
      try {
        collectIntent(cluster);
      } catch (error) {
        // Only the listing of duplicates: a single problem here repeats a construct's.
        if (error instanceof PolicyError && error.problems) problems.push(...error.problems);
      }
      continue;
    }
    try {
      const intent = collectIntent(cluster);
      const objects = renderCluster(cluster, intent);
      // Both ends by default: a flow one end allows and the other denies is refused.
      problems.push(...oneSidedProblems(cluster.clusterName, objects, new Set(cluster.sourcesOf(NamespaceBase).map((n) => n.namespaceName))));
      rendered.push({ cluster, intent, objects });
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
  for (const { cluster, intent, objects } of rendered) {
    for (const [file, contents] of layoutCluster(objects)) files.set(`${cluster.clusterName}/${file}`, contents);
    // The platform's contract for app repos; an app repo (a PlatformReference) describes no platform.
    // Not a manifest: kustomization.yaml does not list it, so Flux and Argo CD never apply it.
    if (cluster.sourcesOf(PlatformReference).length === 0) {
      files.set(`${cluster.clusterName}/${CONTRACT_FILE}`, platformContractJson(buildPlatformContract(cluster, intent, objects)));
    }
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
 * deterministic YAML, one file per concern plus a `kustomization.yaml`, and the platform contract
 * `platform.json` for app repos (not for a cluster with a `PlatformReference`, which is an app repo). Nothing is written unless
 * the whole definition is valid; then the changed files are replaced one by one, each atomically,
 * and manifests of concerns that no longer exist are removed (`writeOutputTree`): the output
 * folder never goes missing and a file system refusal leaves it as it was.
 *
 * @param root the cdk8s `App`
 * @param options the output directory
 * @throws PolicyError listing every problem of the definition (nothing written)
 * @throws OutputError when the file system refuses a write
 */
export async function synthesize(root: IConstruct, options: SynthesizeOptions = {}): Promise<SynthesisResult> {
  const outdir = options.outdir ?? 'dist';
  const scratch = options.cdk8sOutdir ?? process.env.CDK8S_OUTDIR;
  const files = await synthesizeFiles(root);
  const warnings = synthesisWarnings(root);
  if (scratch !== undefined && scratch !== '') {
    if (path.resolve(scratch) === path.resolve(outdir)) {
      warnings.push(`Warning: cdk8s.yaml's output is ${scratch}, the folder this app writes: cdk8s-cli deleted it before the app ran, so a refused `
        + 'synthesis leaves it empty. Set `output: .cdk8s-out` (a git-ignored scratch folder) in cdk8s.yaml.');
    } else {
      writeScratch(scratch, files);
    }
  }
  const changed = writeOutputTree(outdir, files);
  for (const warning of warnings) process.stderr.write(`${warning}\n`);
  return { outdir: path.resolve(outdir), files, changed, warnings };
}

/** The plain copy for cdk8s-cli's scratch folder (it deletes the folder before each run). */
function writeScratch(folder: string, files: ReadonlyMap<string, string>): void {
  try {
    for (const [relative, contents] of files) {
      const file = path.join(folder, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, contents);
    }
  } catch (error) {
    if (isFileSystemRefusal(error)) throw new OutputError(`Cannot write cdk8s-cli's output folder ${folder}: ${describeRefusal(error)}. The output was not changed.`);
    throw error;
  }
}
