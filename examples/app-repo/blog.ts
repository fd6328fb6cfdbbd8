import * as path from 'node:path';
import type { Construct } from 'constructs';
import { AppNamespace, NetpolCluster, Peer, PlatformReference, Port } from 'cdk8s-netpol';

/**
 * The blog team's part of the homelab cluster: its namespace, with the `standard` profile (both
 * gateways in, DNS and HTTPS out), access to the shared PostgreSQL, and one rule of its own.
 *
 * The cluster's baselines, profiles and shared services are deployed by the platform's policy
 * repository; `PlatformReference.fromFile` reads which exist from its contract, `platform.json`
 * (copied from the platform repo's `dist/homelab/`), so a typo in a profile or access label still
 * fails here, a profile the platform lacks says to ask the platform repo, and only the blog's
 * Namespace and policies are written.
 *
 * @param scope the cdk8s App
 */
export function blog(scope: Construct): NetpolCluster {
  const cluster = new NetpolCluster(scope, 'homelab');
  PlatformReference.fromFile(cluster, 'platform', path.join(__dirname, 'platform.json'));
  new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] })
    .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { description: 'the blog fetches release notes from GitHub' })
    .allowWithinNamespace([Port.tcp(8080)], { pods: { 'app.kubernetes.io/name': 'blog' }, description: 'blog replicas share sessions' });
  return cluster;
}
