import { describe, expect, test } from 'vitest';
import { AppNamespace, Peer, Port, Profile, synthesizeFiles } from '../../src';
import { synthObject, synthObjects, testCluster, expectRefused } from '../helpers';

describe('Profile', () => {
  test('the built-ins follow the design table', async () => {
    const { app } = testCluster();
    const objects = await synthObjects(app);
    const profiles = [...objects.entries()].filter(([k]) => k.startsWith('test/profiles.yaml')).map(([, o]) => ({
      name: o.metadata.name,
      selects: o.spec.endpointSelector.matchLabels,
      ingress: (o.spec.ingress ?? []).map((r: any) => r.fromEndpoints?.[0].matchLabels['gateway.networking.k8s.io/gateway-name']),
      egress: (o.spec.egress ?? []).map((r: any) => r.toEntities ?? r.toEndpoints[0].matchLabels),
    }));
    expect(profiles).toMatchSnapshot();
    // isolated has nothing beyond the baselines, so no policy at all (never an empty `ingress: []`).
    expect(profiles.map((p) => p.name)).not.toContain('profile-isolated');
  });

  test('each gateway gets the other end: egress to the namespaces of its profiles', async () => {
    const { app } = testCluster();
    const gateway = await synthObject(app, 'CiliumClusterwideNetworkPolicy gateway-internal');
    expect(gateway.spec.endpointSelector.matchLabels).toEqual({ 'gateway.networking.k8s.io/gateway-name': 'internal', 'io.kubernetes.pod.namespace': 'istio-gateway' });
    expect(gateway.spec.egress.map((r: any) => r.toEndpoints[0].matchLabels['io.cilium.k8s.namespace.labels.network-policy.homelab/profile'])).toEqual(['internal-egress', 'internal', 'standard']);
  });

  test('a profile of our own', async () => {
    const { app, cluster } = testCluster();
    new Profile(cluster, 'batch', { egress: [{ peer: Peer.fqdnPattern('*.s3.amazonaws.com'), ports: [Port.HTTPS] }] });
    new AppNamespace(cluster, 'jobs', { profile: 'batch' });
    const profile = await synthObject(app, 'CiliumClusterwideNetworkPolicy profile-batch');
    expect(profile.spec.egress).toEqual([{ toFQDNs: [{ matchPattern: '*.s3.amazonaws.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }]);
  });

  test('fails when a profile names an unknown gateway', async () => {
    const { app, cluster } = testCluster();
    new Profile(cluster, 'x', { gateways: ['dmz'] });
    await expectRefused(app, /unknown gateway "dmz": the cluster's gateways are internal, external/);
  });

  test('fails when a profile rule has no ports', async () => {
    const { app, cluster } = testCluster();
    new Profile(cluster, 'x', { egress: [{ peer: Peer.world(), ports: [] }] });
    await expect(synthesizeFiles(app)).rejects.toThrow(/has no ports, which would allow any port/);
  });
});
