import { describe, expect, test } from 'vitest';
import { AppNamespace, Connection, Peer, PlatformNamespace, Port, Renderer, synthesizeFiles } from '../../src';
import { synthObject, synthObjects, testCluster } from '../helpers';

const INTERNAL_GATEWAY = { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'internal', 'io.kubernetes.pod.namespace': 'istio-gateway' } };

describe('Peer.gateway', () => {
  test('resolves to the pods of the cluster\'s gateway', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'monitoring').allowIngress(Peer.gateway('internal'), [Port.tcp(3000)], { pods: { app: 'grafana' } });
    const policy = await synthObject(app, 'CiliumNetworkPolicy monitoring/platform-grafana');
    expect(policy.spec.ingress).toEqual([{ fromEndpoints: [INTERNAL_GATEWAY], toPorts: [{ ports: [{ port: '3000', protocol: 'TCP' }] }] }]);
    expect(String(Peer.gateway('external'))).toBe('gateway:external');
  });

  test('works in a Connection: both ends, no selector repeated', async () => {
    const { app, cluster } = testCluster();
    new Connection(cluster, 'gateway-serves-grafana', { from: Peer.gateway('internal'), to: Peer.pods('monitoring', { app: 'grafana' }), ports: [Port.tcp(3000)] });
    const sender = await synthObject(app, 'CiliumNetworkPolicy istio-gateway/gateway-serves-grafana-egress');
    expect(sender.spec.endpointSelector).toEqual({ matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'internal' } });
  });

  test('fails when the gateway is unknown, naming the cluster\'s and the closest', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'monitoring').allowIngress(Peer.gateway('internl'), [Port.tcp(3000)]);
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/monitoring\] Unknown gateway "internl" in Peer.gateway: the cluster's gateways are external, internal\. Did you mean "internal"\?/);
  });
});

describe('AppNamespace appPorts', () => {
  test('the gateways reach the namespace on its own ports, both ends, and no longer on the cluster\'s', async () => {
    // GIVEN an app on 8000 in a profile whose gateways use the cluster's 80 and 8080
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'paperless', { profile: 'internal', appPorts: [Port.tcp(8000)] });
    new AppNamespace(cluster, 'wiki', { profile: 'internal' });
    // WHEN synthesized
    const objects = await synthObjects(app);
    const get = (name: string): Record<string, any> => [...objects.entries()].find(([k]) => k.endsWith(`: ${name}`))![1];
    // THEN its own policy admits the internal gateway on 8000
    expect(get('CiliumNetworkPolicy paperless/app').spec.ingress).toEqual([{ fromEndpoints: [INTERNAL_GATEWAY], toPorts: [{ ports: [{ port: '8000', protocol: 'TCP' }] }] }]);
    // AND the gateway sends to it on 8000, to the rest of the profile on the cluster's ports
    const gateway = get('CiliumClusterwideNetworkPolicy gateway-internal').spec.egress;
    expect(gateway).toContainEqual({ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'paperless' } }], toPorts: [{ ports: [{ port: '8000', protocol: 'TCP' }] }] });
    expect(gateway).toContainEqual(expect.objectContaining({
      toEndpoints: [{
        matchLabels: { 'io.cilium.k8s.namespace.labels.network-policy.homelab/profile': 'internal' },
        matchExpressions: [
          { key: 'io.kubernetes.pod.namespace', operator: 'Exists' },
          { key: 'io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name', operator: 'NotIn', values: ['paperless'] },
        ],
      }],
    }));
    // AND the profile's gateway ingress on 80/8080 leaves it out
    expect(get('CiliumClusterwideNetworkPolicy profile-internal-gateways').spec.endpointSelector).toEqual({
      matchLabels: { 'io.cilium.k8s.namespace.labels.network-policy.homelab/profile': 'internal' },
      matchExpressions: [{ key: 'io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name', operator: 'NotIn', values: ['paperless'] }],
    });
    expect(objects.has('test/profiles.yaml: CiliumClusterwideNetworkPolicy profile-internal')).toBe(false);
  });

  test('on NetworkPolicy the profile\'s gateway ingress is copied into the other namespaces only', async () => {
    const { app, cluster } = testCluster({ renderer: Renderer.KUBERNETES });
    new AppNamespace(cluster, 'paperless', { profile: 'internal', appPorts: [Port.tcp(8000)] });
    new AppNamespace(cluster, 'wiki', { profile: 'internal' });
    const objects = await synthObjects(app);
    const names = [...objects.keys()].filter((k) => k.includes('profile-internal'));
    expect(names).toEqual(['test/app-wiki.yaml: NetworkPolicy wiki/profile-internal-gateways']);
    expect(objects.get('test/app-paperless.yaml: NetworkPolicy paperless/app')!.spec.ingress[0].ports).toEqual([{ port: 8000, protocol: 'TCP' }]);
  });

  test('fails when appPorts is empty', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'paperless', { profile: 'internal', appPorts: [] });
    await expect(synthesizeFiles(app)).rejects.toThrow(/appPorts of namespace paperless is empty/);
  });
});
