import { Peer, PlatformNamespace, Port, type NetpolCluster } from '../src';

const COREDNS = { 'k8s-app': 'kube-dns' };

/**
 * kube-system: CoreDNS answers the cluster (baseline-dns-server) and forwards to the upstream
 * resolvers; it watches the API server for Services.
 *
 * @param cluster the cluster
 */
export function kubeSystem(cluster: NetpolCluster): PlatformNamespace {
  return new PlatformNamespace(cluster, 'kube-system')
    .allowEgress(Peer.world(), [Port.DNS_UDP, Port.DNS_TCP], { pods: COREDNS, description: 'CoreDNS forwards to the upstream resolvers' })
    .allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], { pods: COREDNS, description: 'CoreDNS watches Services and EndpointSlices' });
}
