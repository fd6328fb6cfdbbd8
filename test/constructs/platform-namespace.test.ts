import { describe, expect, test } from 'vitest';
import { Peer, PlatformNamespace, Port } from '../../src';
import { synthObject, synthObjects, testCluster, expectRefused } from '../helpers';

describe('PlatformNamespace', () => {
  test('gets the platform template: health, probes, scrape, DNS through the proxy', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'database');
    const policy = await synthObject(app, 'CiliumNetworkPolicy database/platform');
    expect(policy.spec).toMatchSnapshot();
  });

  test('in the mesh, labels the namespace ambient and opens nothing to ztunnel (in-pod redirection)', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'monitoring', { mesh: true });
    const policy = await synthObject(app, 'CiliumNetworkPolicy monitoring/platform');
    expect(JSON.stringify(policy.spec)).not.toContain('ztunnel');
    expect((await synthObject(app, 'Namespace monitoring')).metadata.labels['istio.io/dataplane-mode']).toBe('ambient');
    expect([...(await synthObjects(app)).keys()].some((k) => k.includes('mesh-ztunnel'))).toBe(false);
  });

  test('own rules for some pods go to platform-<pod labels>', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'monitoring')
      .allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], { pods: { 'app.kubernetes.io/name': 'prometheus' } });
    const policy = await synthObject(app, 'CiliumNetworkPolicy monitoring/platform-prometheus');
    expect(policy.spec).toEqual({
      description: 'Rules of pods app.kubernetes.io/name=prometheus of monitoring.',
      endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      egress: [{ toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }],
    });
  });

  test('marks the namespace as platform', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'database');
    expect((await synthObject(app, 'Namespace database')).metadata.labels['network-policy.homelab/platform']).toBe('true');
  });

  test('fails when given a profile label', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'database', { labels: { 'network-policy.homelab/profile': 'standard' } });
    await expectRefused(app, /\[test\/database\] Platform namespace database cannot have a profile: profiles are for application namespaces/);
  });

  test('fails when one policy name is used for two pod sets', async () => {
    const { app, cluster } = testCluster();
    const ns = new PlatformNamespace(cluster, 'monitoring')
      .allowEgress(Peer.world(), [Port.HTTPS], { pods: { app: 'a' }, policyName: 'web' });
    ns.allowEgress(Peer.world(), [Port.HTTPS], { pods: { app: 'b' }, policyName: 'web' });
    await expectRefused(app, /already selects other pods/);
  });
});
