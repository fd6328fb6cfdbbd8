import type { Construct } from 'constructs';
import { ClusterBaseline, NetpolCluster, Port, Renderer, type Downgrade, type KubernetesRendererOptions, type ProfileRule } from '../src';
import { addProfiles } from '../profiles';
import { database } from './database';
import { demoApps } from './demo-apps';
import { istioGateway, istioSystem } from './istio';
import { kubeSystem } from './kube-system';
import { monitoring } from './monitoring';

/**
 * What differs between the clusters built from the one definition. Everything else (baselines,
 * profiles, shared services, platform and demo namespaces) is the same everywhere.
 */
export interface ClusterOverrides {
  /** The cluster name and output folder `dist/<name>/`. */
  readonly name: string;
  /**
   * The CNI the manifests are for.
   * @default Renderer.CILIUM
   */
  readonly renderer?: Renderer;
  /**
   * The NetworkPolicy renderer's options (API server address, enforcement).
   * @default - none: fine for Cilium; the NetworkPolicy renderer then refuses rules to the API server
   */
  readonly kubernetes?: KubernetesRendererOptions;
  /**
   * What "internet egress" means for the profiles that have it (internal-egress, standard).
   * @default - HTTPS to the `world` entity
   */
  readonly internetEgress?: readonly ProfileRule[];
  /** How rules to the nodes (Prometheus scraping kubelets and node exporters) render on NetworkPolicy. */
  readonly nodes: Downgrade;
  /** How demo-internal's rule to api.github.com renders on NetworkPolicy. */
  readonly githubApi: Downgrade;
}

/**
 * One cluster from the shared definition: the baselines, the four profiles, the shared
 * services, the platform namespaces and the demo applications, with `overrides` applied.
 * platform/homelab-topology.yaml describes the pods of every cluster built from it.
 *
 * @param scope the cdk8s App
 * @param overrides what this cluster does differently
 */
export function clusterDefinition(scope: Construct, overrides: ClusterOverrides): NetpolCluster {
  const cluster = new NetpolCluster(scope, overrides.name, {
    appPorts: [Port.tcp(8080)],
    renderer: overrides.renderer ?? Renderer.CILIUM,
    ...(overrides.kubernetes ? { kubernetes: overrides.kubernetes } : {}),
  });
  new ClusterBaseline(cluster, 'baseline');
  addProfiles(cluster, overrides.internetEgress ? { egress: overrides.internetEgress } : {});
  kubeSystem(cluster);
  monitoring(cluster, { nodes: overrides.nodes });
  database(cluster);
  istioSystem(cluster);
  istioGateway(cluster);
  demoApps(cluster, { githubApi: overrides.githubApi });
  return cluster;
}
