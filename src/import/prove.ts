/*
 * The proof of `netpol import`: the generated definition, built in memory through the public API
 * and synthesized, allows exactly the flows the input allowed. Both sides go through the flow
 * simulator on one representative topology built from both (every namespace, every pod label set
 * some policy selects, alone and combined, every port some policy names), never by comparing text.
 */
import { App } from 'cdk8s';
import type { Renderer } from '../constructs/cluster-settings';
import { NetpolCluster, type NetpolClusterProps } from '../constructs/netpol-cluster';
import { diffFlows } from '../diff/diff-flows';
import type { FlowDiff } from '../diff/flow-change';
import { parseManifests } from '../manifests/load';
import type { Manifest } from '../manifests/manifest';
import type { Cni } from '../probe/flow';
import { EXTERNAL_NAMESPACES_FILE } from '../render/rendered-object';
import { synthesizeFiles } from '../synth/synthesize';
import type { ImportItem } from './code-model';
import { proofTopology } from './proof-topology';
import { clusterPropsOf, evaluateFiles, evaluateValue } from './evaluate-code';

/** The generated definition, built and synthesized in memory. */
export interface BuiltImport {
  /** The synthesized files, `<cluster>/<file>.yaml` to contents. */
  readonly files: ReadonlyMap<string, string>;
  /** The objects applied (the files `kustomization.yaml` lists), read back as the input was. */
  readonly manifests: Manifest[];
}

/**
 * Builds the generated definition as `main.ts` will: a `NetpolCluster` with the name, the
 * renderer and the items' `clusterProps`, each file's function in order, then synthesis (every validation and schema check).
 *
 * @param files the items of each generated file, in the order `main.ts` calls them
 * @param clusterName the cluster name
 * @param renderer the renderer
 * @throws PolicyError listing every problem when the library refuses the definition
 */
export async function buildImport(files: ReadonlyMap<string, readonly ImportItem[]>, clusterName: string, renderer: Renderer): Promise<BuiltImport> {
  const app = new App();
  const settings = evaluateValue({ kind: 'object', entries: clusterPropsOf([...files.values()].flat()) }) as NetpolClusterProps;
  const cluster = new NetpolCluster(app, clusterName, { ...settings, renderer });
  evaluateFiles(cluster, files);
  const synthesized = await synthesizeFiles(app);
  const unapplied = `${clusterName}/${EXTERNAL_NAMESPACES_FILE}.yaml`;
  const manifests = [...synthesized].filter(([file]) => file !== unapplied).flatMap(([file, text]) => parseManifests(text, file));
  return { files: synthesized, manifests };
}

/**
 * The flows the import opens and closes: the input against the generated definition's objects,
 * on the proof's topology of both (`proofTopology`: every namespace, pod label set, namespace
 * label set, named port and address block some policy names).
 *
 * @param input the manifests imported
 * @param output the objects the generated definition applies (`buildImport`)
 * @param cni the enforcer: `kubernetes` for the NetworkPolicy renderer, `cilium` otherwise
 */
export function proveImport(input: readonly Manifest[], output: readonly Manifest[], cni: Cni): FlowDiff {
  const topology = proofTopology([...input, ...output]);
  return diffFlows({ label: 'input', manifests: [...input] }, { label: 'import', manifests: [...output] }, topology, { cni });
}
