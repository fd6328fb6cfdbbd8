import { Renderer } from '../constructs/cluster-settings';
import type { NetpolCluster } from '../constructs/netpol-cluster';
import type { ClusterIntent } from '../model/policy';
import { PolicyError } from '../model/policy-error';
import { renderCilium } from './cilium';
import { renderKubernetes } from './kubernetes';
import type { RenderedObject } from './rendered-object';

export * from './cilium';
export * from './common';
export * from './kubernetes';
export * from './kubernetes-namespaces';
export * from './kubernetes-peers';
export * from './rendered-object';

/**
 * Renders a cluster's intent with the cluster's renderer.
 *
 * @param cluster the cluster, for its renderer and settings
 * @param intent the collected intent
 */
export function renderCluster(cluster: NetpolCluster, intent: ClusterIntent): RenderedObject[] {
  switch (cluster.renderer) {
    case Renderer.CILIUM:
      return renderCilium(intent);
    case Renderer.KUBERNETES:
      return renderKubernetes(intent, { apiServerCidrs: cluster.kubernetes.apiServerCidrs });
    default:
      throw new PolicyError(`Renderer "${String(cluster.renderer)}" is not available in this version: use Renderer.CILIUM or Renderer.KUBERNETES.`, cluster.node.path);
  }
}
