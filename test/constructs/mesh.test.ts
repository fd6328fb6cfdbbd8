import { describe, expect, test } from 'vitest';
import { AppNamespace, Connection, parseManifests, parseTopology, Peer, PlatformNamespace, Port, Renderer, Simulator, synthesizeFiles, type Cni } from '../../src';
import { synthObject, testCluster } from '../helpers';

const WEB = { app: 'web' };
const DB = { app: 'db' };

/** shop (meshed) talks to db (meshed) through a Connection; the gateway serves shop; legacy stays outside the mesh. */
function meshedCluster(renderer: Renderer = Renderer.CILIUM) {
  const { app, cluster } = testCluster({ renderer, kubernetes: { apiServer: { cidrs: ['192.168.1.10/32'] } } });
  new AppNamespace(cluster, 'shop', { profile: 'standard', mesh: true });
  new AppNamespace(cluster, 'legacy', { profile: 'standard' });
  new PlatformNamespace(cluster, 'db', { mesh: true });
  new Connection(cluster, 'shop-db', { from: Peer.pods('shop', WEB), to: Peer.pods('db', DB), ports: [Port.POSTGRES] });
  return { app, cluster };
}

const TOPOLOGY = parseTopology({
  namespaces: {
    shop: { labels: { 'network-policy.homelab/profile': 'standard', 'istio.io/dataplane-mode': 'ambient' }, pods: { web: { labels: WEB }, other: { labels: { app: 'other' } } } },
    legacy: { labels: { 'network-policy.homelab/profile': 'standard' }, pods: { web: { labels: WEB } } },
    db: { labels: { 'istio.io/dataplane-mode': 'ambient' }, pods: { db: { labels: DB } } },
    'istio-gateway': { pods: { external: { labels: { 'gateway.networking.k8s.io/gateway-name': 'external' } } } },
  },
}, 'topology');

async function simulator(renderer: Renderer, cni: Cni): Promise<Simulator> {
  const files = await synthesizeFiles(meshedCluster(renderer).app);
  const manifests = [...files].filter(([file]) => !file.endsWith('kustomization.yaml')).flatMap(([file, text]) => parseManifests(text, file));
  return Simulator.build(manifests, TOPOLOGY, { cni });
}

describe('Istio ambient mesh (HBONE pod to pod)', () => {
  test('a Connection between meshed namespaces carries 15008 on both sides, next to the application port', async () => {
    const { app } = meshedCluster();
    const ports = [{ port: '5432', protocol: 'TCP' }, { port: '15008', protocol: 'TCP' }];
    expect((await synthObject(app, 'CiliumNetworkPolicy shop/shop-db-egress')).spec.egress[0].toPorts).toEqual([{ ports }]);
    expect((await synthObject(app, 'CiliumNetworkPolicy db/shop-db-ingress')).spec.ingress[0].toPorts).toEqual([{ ports }]);
  });

  test('the gateway side and the profile side of a meshed namespace include 15008', async () => {
    const { app } = meshedCluster();
    const profile = await synthObject(app, 'CiliumClusterwideNetworkPolicy profile-standard-hbone');
    expect(profile.spec.endpointSelector.matchLabels).toEqual({
      'io.cilium.k8s.namespace.labels.istio.io/dataplane-mode': 'ambient',
      'io.cilium.k8s.namespace.labels.network-policy.homelab/profile': 'standard',
    });
    expect(profile.spec.ingress.map((r: any) => r.toPorts[0].ports)).toEqual([[{ port: '15008', protocol: 'TCP' }], [{ port: '15008', protocol: 'TCP' }]]);
    const gateway = await synthObject(app, 'CiliumClusterwideNetworkPolicy gateway-external');
    expect(gateway.spec.egress).toContainEqual({
      toEndpoints: [{
        matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }],
        matchLabels: { 'io.cilium.k8s.namespace.labels.istio.io/dataplane-mode': 'ambient', 'io.cilium.k8s.namespace.labels.network-policy.homelab/profile': 'standard' },
      }],
      toPorts: [{ ports: [{ port: '15008', protocol: 'TCP' }] }],
    });
  });

  test.each([[Renderer.CILIUM, 'cilium'], [Renderer.KUBERNETES, 'kubernetes']] as const)('%s: 15008 is allowed for exactly the pairs whose application flow is', async (renderer, cni) => {
    // GIVEN the cluster rendered for the CNI and simulated
    const sim = await simulator(renderer, cni);
    const verdict = (from: string, to: string, port: number) => sim.evaluate({ from, to, port, protocol: 'TCP' }).verdict;
    // THEN meshed pairs with a rule get HBONE, everything else does not
    expect(verdict('shop/web', 'db/db', 5432)).toBe('allow');
    expect(verdict('shop/web', 'db/db', 15008)).toBe('allow');
    expect(verdict('istio-gateway/external', 'shop/web', 15008)).toBe('allow');
    expect(verdict('shop/other', 'db/db', 15008)).toBe('deny');
    expect(verdict('db/db', 'shop/web', 15008)).toBe('deny');
    expect(verdict('istio-gateway/external', 'legacy/web', 8080)).toBe('allow');
    expect(verdict('istio-gateway/external', 'legacy/web', 15008)).toBe('deny');
  });
});
