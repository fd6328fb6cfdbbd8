import { Peer, PlatformNamespace, Port, type NetpolCluster } from '../src';

const ISTIOD = { app: 'istiod' };
const ZTUNNEL = { app: 'ztunnel' };
const XDS = Port.tcp(15012);
const WEBHOOK = Port.tcp(15017);

/**
 * istio-system: istiod serves configuration to ztunnel and the gateways. ztunnel itself carries
 * no HBONE on its own address: with in-pod redirection (Istio >= 1.21) it tunnels from inside
 * each meshed pod, so 15008 goes pod to pod (see the `mesh` option of the namespaces).
 *
 * @param cluster the cluster
 */
export function istioSystem(cluster: NetpolCluster): PlatformNamespace {
  return new PlatformNamespace(cluster, 'istio-system')
    .allowIngress(Peer.pods('istio-system', ZTUNNEL), [XDS], { pods: ISTIOD, description: 'ztunnel fetches configuration (xDS)' })
    .allowIngress(Peer.namespace('istio-gateway'), [XDS], { pods: ISTIOD, description: 'gateways fetch configuration (xDS)' })
    .allowIngress(Peer.kubeApiServer(), [WEBHOOK], { pods: ISTIOD, description: 'the API server calls the admission webhooks' })
    .allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], { pods: ISTIOD, description: 'istiod watches the cluster' })
    .allowEgress(Peer.pods('istio-system', ISTIOD), [XDS], { pods: ZTUNNEL, description: 'ztunnel fetches configuration (xDS)' });
}

/**
 * istio-gateway: the internal and external gateways face clients outside the cluster on 80/443
 * and reach the profile namespaces through the gateway-<name> policies.
 *
 * @param cluster the cluster
 */
export function istioGateway(cluster: NetpolCluster): PlatformNamespace {
  return new PlatformNamespace(cluster, 'istio-gateway')
    .allowIngress(Peer.world(), [Port.HTTP, Port.HTTPS], { description: 'clients reach the gateways' })
    .allowEgress(Peer.pods('istio-system', ISTIOD), [XDS], { description: 'gateways fetch configuration (xDS)' });
}
