import { App } from 'cdk8s';
import { AppNamespace, ClusterBaseline, NetpolCluster, Peer, Port, Profile, SharedService } from '../src';

const PROFILES = ['isolated', 'internal', 'internal-egress', 'standard'];
const SERVICES = ['postgres', 'dragonfly', 'garage-s3', 'kube-api'];

/**
 * A generated cluster of `count` application namespaces with mixed profiles, access labels and
 * extra rules, deterministic for a given count.
 *
 * @param count the number of application namespaces
 */
export function generatedCluster(count: number): App {
  const app = new App();
  const cluster = new NetpolCluster(app, 'bench');
  new ClusterBaseline(cluster, 'baseline');
  Profile.builtins(cluster);
  SharedService.builtins(cluster);
  for (let i = 0; i < count; i++) {
    const ns = new AppNamespace(cluster, `app-${i}`, {
      profile: PROFILES[i % PROFILES.length],
      access: SERVICES.filter((_, s) => (i >> s) & 1),
    });
    if (i % 3 === 0) ns.allowEgress(Peer.fqdn(`api-${i % 50}.example.com`), [Port.HTTPS]);
    if (i % 5 === 0) ns.allowWithinNamespace([Port.tcp(8080)]);
    if (i % 7 === 0) ns.allowIngress(Peer.namespace(`app-${(i + 1) % count}`), [Port.tcp(8080)], { pods: { 'app.kubernetes.io/name': 'api' } });
  }
  return app;
}
