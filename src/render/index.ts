import { Renderer } from '../constructs/cluster-settings';
import type { NetpolCluster } from '../constructs/netpol-cluster';
import type { ClusterIntent } from '../model/policy';
import { PolicyError } from '../model/policy-error';
import { renderCilium } from './cilium';
import type { RenderedObject } from './rendered-object';

export * from './cilium';
export * from './common';
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
    default:
      throw new PolicyError(`Renderer "${cluster.renderer}" is not available in this version: use Renderer.CILIUM.`, cluster.node.path);
  }
}
