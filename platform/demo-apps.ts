import { AppNamespace, Peer, Port, type Downgrade, type NetpolCluster } from '../src';

/**
 * One demo application namespace per profile, each running pod `app`
 * (`app.kubernetes.io/name=app`, http 8080, metrics 9090), and one with the escape hatch on.
 * demo-internal and demo-standard are in the Istio ambient mesh (as is database), so their
 * traffic to and from other meshed pods and the gateways also travels as HBONE on tcp/15008.
 * platform/homelab-topology.yaml describes exactly these pods.
 *
 * @param cluster the cluster
 * @param options how the GitHub API rule renders on NetworkPolicy (no DNS names there)
 */
export function demoApps(cluster: NetpolCluster, options: { readonly githubApi: Downgrade }): AppNamespace[] {
  return [
    new AppNamespace(cluster, 'demo-isolated', { profile: 'isolated', access: ['kube-api'] }),
    new AppNamespace(cluster, 'demo-internal', { profile: 'internal', mesh: true })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { description: 'the app calls the GitHub API', downgrade: options.githubApi }),
    new AppNamespace(cluster, 'demo-internal-egress', { profile: 'internal-egress', access: ['dragonfly', 'garage-s3'] }),
    new AppNamespace(cluster, 'demo-standard', { profile: 'standard', access: ['postgres'], mesh: true }),
    new AppNamespace(cluster, 'demo-disabled', {
      profile: 'isolated',
      disableEnforcement: { reason: 'demo of the escape hatch: alerts fire while it is on' },
    }),
  ];
}
