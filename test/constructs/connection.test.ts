import { describe, expect, test } from 'vitest';
import { Connection, Peer, PlatformNamespace, Port } from '../../src';
import { synthObject, synthObjects, testCluster, expectRefused } from '../helpers';

const GRAFANA = Peer.pods('monitoring', { app: 'grafana' });

describe('Connection', () => {
  test('emits both ends, each in its namespace and in that namespace\'s file', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'monitoring');
    new Connection(cluster, 'gateway-serves-grafana', { from: cluster.settings.gateways.internal, to: GRAFANA, ports: [Port.tcp(3000)] });
    const keys = [...(await synthObjects(app)).keys()].filter((k) => k.includes('gateway-serves-grafana'));
    expect(keys).toEqual([
      'test/connections.yaml: CiliumNetworkPolicy istio-gateway/gateway-serves-grafana-egress',
      'test/platform-monitoring.yaml: CiliumNetworkPolicy monitoring/gateway-serves-grafana-ingress',
    ]);
    const ingress = await synthObject(app, 'CiliumNetworkPolicy monitoring/gateway-serves-grafana-ingress');
    expect(ingress.spec.endpointSelector).toEqual({ matchLabels: { app: 'grafana' } });
    expect(ingress.spec.ingress[0].fromEndpoints[0].matchLabels).toEqual({ 'gateway.networking.k8s.io/gateway-name': 'internal', 'io.kubernetes.pod.namespace': 'istio-gateway' });
  });

  test('an entity end gets no policy: only the pods side is emitted', async () => {
    const { app, cluster } = testCluster();
    new Connection(cluster, 'web', { from: Peer.world(), to: GRAFANA, ports: [Port.HTTPS] });
    const keys = [...(await synthObjects(app)).keys()].filter((k) => k.includes(' monitoring/web'));
    expect(keys).toEqual(['test/connections.yaml: CiliumNetworkPolicy monitoring/web-ingress']);
  });

  test('fails when neither end is pods', async () => {
    const { app, cluster } = testCluster();
    new Connection(cluster, 'x', { from: Peer.world(), to: Peer.fqdn('example.com'), ports: [Port.HTTPS] });
    await expectRefused(app, /has pods at neither end/);
  });

  test('fails when it has no ports', async () => {
    const { app, cluster } = testCluster();
    new Connection(cluster, 'x', { from: GRAFANA, to: GRAFANA, ports: [] });
    await expectRefused(app, /has no ports/);
  });
});
