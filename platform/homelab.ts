import type { Construct } from 'constructs';
import { ClusterBaseline, NetpolCluster, Port } from '../src';
import { addProfiles } from '../profiles';
import { database } from './database';
import { demoApps } from './demo-apps';
import { istioGateway, istioSystem } from './istio';
import { kubeSystem } from './kube-system';
import { monitoring } from './monitoring';

/**
 * The reference cluster `homelab` (Cilium): baselines, the four profiles, the shared services,
 * the platform namespaces and the demo applications.
 *
 * @param scope the cdk8s App
 */
export function homelab(scope: Construct): NetpolCluster {
  const cluster = new NetpolCluster(scope, 'homelab', { appPorts: [Port.tcp(8080)] });
  new ClusterBaseline(cluster, 'baseline');
  addProfiles(cluster);
  kubeSystem(cluster);
  monitoring(cluster);
  database(cluster);
  istioSystem(cluster);
  istioGateway(cluster);
  demoApps(cluster);
  return cluster;
}
