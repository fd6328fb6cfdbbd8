import { describe, expect, test } from 'vitest';
import { AppNamespace, Peer, PlatformNamespace, Port, Renderer, synthesizeFiles } from '../../src';
import { synthObject, synthObjects, testCluster } from '../helpers';

const GATEWAY = { 'gateway.networking.k8s.io/gateway-name': 'internal' };

describe('both ends by default', () => {
  test('ingress from pods of a declared namespace writes their egress too, on their namespace\'s policy, with its source', async () => {
    // GIVEN the first obvious call of the homelab port: an app admits the gateway on 8000
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'istio-gateway');
    new AppNamespace(cluster, 'paperless', { profile: 'isolated' }).allowIngress(Peer.pods('istio-gateway', GATEWAY), [Port.tcp(8000)]);
    // WHEN synthesized
    const files = await synthesizeFiles(app);
    const gatewaySide = await synthObject(app, 'CiliumNetworkPolicy istio-gateway/platform-internal');
    // THEN the gateway's own policy sends to the app on 8000, and says where that comes from
    expect(gatewaySide.spec.endpointSelector).toEqual({ matchLabels: GATEWAY });
    expect(gatewaySide.spec.egress).toEqual([{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'paperless' } }], toPorts: [{ ports: [{ port: '8000', protocol: 'TCP' }] }] }]);
    expect(files.get('test/platform-istio-gateway.yaml')).toContain(`the other side of test/paperless's rule "ingress from pods:istio-gateway{gateway.networking.k8s.io/gateway-name=internal}"`);
  });

  test('egress to some pods lands on the policy of those pods; pods of the rule become the peer', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'database');
    new AppNamespace(cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.pods('database', { app: 'mariadb' }), [Port.tcp(3306)], { pods: { app: 'ghost' } });
    const server = await synthObject(app, 'CiliumNetworkPolicy database/platform-mariadb');
    expect(server.spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { app: 'ghost', 'io.kubernetes.pod.namespace': 'blog' } }], toPorts: [{ ports: [{ port: '3306', protocol: 'TCP' }] }] }]);
  });

  test('works for the NetworkPolicy renderer too', async () => {
    const { app, cluster } = testCluster({ renderer: Renderer.KUBERNETES });
    new PlatformNamespace(cluster, 'database');
    new AppNamespace(cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.pods('database', { app: 'mariadb' }), [Port.tcp(3306)]);
    const objects = await synthObjects(app);
    expect(objects.has('test/platform-database.yaml: NetworkPolicy database/platform-mariadb')).toBe(true);
  });

  test('a rule the other side already has is not repeated', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'database').allowIngress(Peer.namespace('blog'), [Port.tcp(3306)], { pods: { app: 'mariadb' }, oneSided: true });
    new AppNamespace(cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.pods('database', { app: 'mariadb' }), [Port.tcp(3306)]);
    const files = await synthesizeFiles(app);
    expect(files.get('test/platform-database.yaml')).not.toContain('the other side of');
  });

  test('fails when { oneSided: true } leaves a flow between two declared endpoints one-sided, naming both ends and the fix', async () => {
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'istio-gateway');
    new AppNamespace(cluster, 'paperless', { profile: 'isolated' }).allowIngress(Peer.pods('istio-gateway', GATEWAY), [Port.tcp(8000)], { oneSided: true });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/paperless\] One-sided flow: CiliumNetworkPolicy paperless\/app: .*istio-gateway.*Fix: let the library write the other side \(drop \{ oneSided: true \}\)/);
  });

  test('the other side gets its own policy when a policy of the same name selects other pods (label values alike)', async () => {
    // GIVEN database already has rules for pods {app: web}, whose policy is platform-web
    const { app, cluster } = testCluster();
    new PlatformNamespace(cluster, 'database').allowIngress(Peer.pods('elsewhere', { app: 'admin' }), [Port.tcp(8080)], { pods: { app: 'web' } });
    // WHEN blog sends to other pods whose label values make the same name, {tier: web}
    new AppNamespace(cluster, 'blog', { profile: 'isolated' }).allowEgress(Peer.pods('database', { tier: 'web' }), [Port.tcp(5432)]);
    // THEN their side is written, on a policy of its own, instead of being dropped
    const web = await synthObject(app, 'CiliumNetworkPolicy database/platform-web');
    const tier = await synthObject(app, 'CiliumNetworkPolicy database/platform-web-2');
    expect(web.spec.endpointSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(tier.spec.endpointSelector).toEqual({ matchLabels: { tier: 'web' } });
    expect(tier.spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'blog' } }], toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }] }] }]);
  });

  test('a peer in a namespace the cluster does not declare gets no other side and is not refused', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'paperless', { profile: 'isolated' }).allowIngress(Peer.pods('elsewhere', { app: 'x' }), [Port.tcp(8000)]);
    await expect(synthesizeFiles(app)).resolves.toBeDefined();
  });
});
