import { Connection, Peer, PlatformNamespace, Port, type Downgrade, type NetpolCluster } from '../src';

const PROMETHEUS = { 'app.kubernetes.io/name': 'prometheus' };
const GRAFANA = { 'app.kubernetes.io/name': 'grafana' };

/**
 * monitoring: Prometheus scrapes every pod (baseline-prometheus) plus the kubelets and node
 * exporters; Grafana reads Prometheus and is served through the internal gateway (Connections:
 * both ends of each, so neither side's default-deny is forgotten).
 *
 * @param cluster the cluster
 * @param options how rules to the nodes render on NetworkPolicy (no host/remote-node entities there)
 */
export function monitoring(cluster: NetpolCluster, options: { readonly nodes: Downgrade }): PlatformNamespace {
  const grafana = Peer.pods('monitoring', GRAFANA);
  new Connection(cluster, 'grafana-queries-prometheus', { from: grafana, to: Peer.pods('monitoring', PROMETHEUS), ports: [Port.tcp(9090)] });
  new Connection(cluster, 'gateway-serves-grafana', { from: Peer.gateway('internal'), to: grafana, ports: [Port.tcp(3000)] });
  return new PlatformNamespace(cluster, 'monitoring')
    .allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], { pods: PROMETHEUS, description: 'Kubernetes service discovery' })
    .allowEgress(Peer.host(), [Port.tcp(10250), Port.tcp(9100)], { pods: PROMETHEUS, description: 'kubelet and node-exporter on the local node', downgrade: options.nodes })
    .allowEgress(Peer.remoteNode(), [Port.tcp(10250), Port.tcp(9100)], { pods: PROMETHEUS, description: 'kubelet and node-exporter on the other nodes', downgrade: options.nodes });
}
