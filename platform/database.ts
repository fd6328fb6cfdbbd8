import { PlatformNamespace, Port, SharedService, type NetpolCluster } from '../src';

const GARAGE = { 'app.kubernetes.io/name': 'garage' };

/**
 * database: the shared services. Their clients are the namespaces with the access label;
 * each service's server side comes from its SharedService (access-<name>-server). In the
 * Istio ambient mesh: meshed clients (demo-standard) reach postgres as HBONE on tcp/15008.
 *
 * @param cluster the cluster
 */
export function database(cluster: NetpolCluster): PlatformNamespace {
  SharedService.postgres(cluster);
  SharedService.dragonfly(cluster);
  SharedService.garageS3(cluster);
  SharedService.kubeApi(cluster);
  return new PlatformNamespace(cluster, 'database', { mesh: true })
    .allowWithinNamespace([Port.tcp(3901)], { pods: GARAGE, description: 'Garage nodes replicate over RPC' });
}
