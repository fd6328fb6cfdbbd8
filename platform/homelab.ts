import type { Construct } from 'constructs';
import { Downgrade, type NetpolCluster } from '../src';
import { clusterDefinition, type ClusterOverrides } from './cluster-definition';

/**
 * The overrides of `homelab`: Cilium, so the downgrades below only matter when the same
 * definition is rendered as NetworkPolicy (the equivalence test does).
 */
export const HOMELAB: ClusterOverrides = {
  name: 'homelab',
  nodes: Downgrade.toCidrs(['192.168.1.0/24'], 'the homelab node LAN (DHCP scope of the node VLAN)'),
  githubApi: Downgrade.toCidrs(['140.82.112.0/20'], 'GitHub meta API (https://api.github.com/meta), "api" ranges'),
};

/**
 * The reference cluster `homelab` (Cilium): baselines, the four profiles, the shared services,
 * the platform namespaces and the demo applications.
 *
 * @param scope the cdk8s App
 */
export function homelab(scope: Construct): NetpolCluster {
  return clusterDefinition(scope, HOMELAB);
}
