import type { Construct } from 'constructs';
import { AppNamespace, NetpolCluster, Peer, PlatformReference, Port } from 'cdk8s-netpol';

/**
 * The blog team's part of the homelab cluster: its namespace, with the `standard` profile (both
 * gateways in, DNS and HTTPS out), access to the shared PostgreSQL, and one rule of its own.
 *
 * The cluster's baselines, profiles and shared services are deployed by the platform's policy
 * repository; `PlatformReference` says which exist, so a typo in a profile or access label still
 * fails here, and only the blog's Namespace and policies are written.
 *
 * @param scope the cdk8s App
 */
export function blog(scope: Construct): NetpolCluster {
  const cluster = new NetpolCluster(scope, 'homelab');
  new PlatformReference(cluster, 'platform');
  new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] })
    .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { description: 'the blog fetches release notes from GitHub' })
    .allowWithinNamespace([Port.tcp(8080)], { pods: { 'app.kubernetes.io/name': 'blog' }, description: 'blog replicas share sessions' });
  return cluster;
}
