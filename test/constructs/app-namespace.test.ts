import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AppNamespace, CiliumPolicy, ClusterBaseline, KubernetesPolicy, NetpolCluster, Peer, Port, Profile, SharedService, synthesizeFiles } from '../../src';
import { synthObject, testCluster, expectRefused } from '../helpers';

describe('AppNamespace', () => {
  test('labels the Namespace with its profile, access labels and the prune guards', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres', 'dragonfly'] });
    const ns = await synthObject(app, 'Namespace blog');
    expect(ns.metadata.labels).toEqual({
      'access.network-policy.homelab/dragonfly': 'true',
      'access.network-policy.homelab/postgres': 'true',
      'app.kubernetes.io/managed-by': 'cdk8s-netpol',
      'network-policy.homelab/profile': 'standard',
    });
    expect(ns.metadata.annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
    expect(ns.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false');
  });

  test('accepts the Profile and SharedService constructs as well as names', () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    new ClusterBaseline(cluster, 'baseline');
    const standard = Profile.standard(cluster);
    const postgres = SharedService.postgres(cluster);
    const ns = new AppNamespace(cluster, 'blog', { profile: standard, access: [postgres] });
    expect([ns.profileName, ns.access]).toEqual(['standard', ['postgres']]);
  });

  test('renders extra rules as the CiliumNetworkPolicy app, pod-scoped rules apart', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'internal' })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS])
      .allowWithinNamespace([Port.tcp(8080)])
      .allowIngress(Peer.namespace('monitoring'), [Port.tcp(3000)], { pods: { 'app.kubernetes.io/name': 'web' } });
    const main = await synthObject(app, 'CiliumNetworkPolicy blog/app');
    expect(main.spec.endpointSelector).toEqual({});
    expect(main.spec.egress).toEqual([
      { toFQDNs: [{ matchName: 'api.github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      { toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'blog' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] },
    ]);
    const web = await synthObject(app, 'CiliumNetworkPolicy blog/app-web');
    expect(web.spec.endpointSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web' } });
  });

  test('a Peer.cidr rule carries its reason in the address-reasons annotation', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'backup', { profile: 'isolated' })
      .allowEgress(Peer.cidr('192.168.1.20/32', { reason: 'the NAS has no DNS name' }), [Port.tcp(2049)]);
    const policy = await synthObject(app, 'CiliumNetworkPolicy backup/app');
    expect(policy.metadata.annotations['network-policy.homelab/address-reasons']).toBe('192.168.1.20/32: the NAS has no DNS name');
    expect(policy.spec.egress[0].toCIDRSet).toEqual([{ cidr: '192.168.1.20/32' }]);
  });

  test('the escape hatch labels the namespace and records the reason', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'debug', { profile: 'isolated', disableEnforcement: { reason: 'INC-42' } });
    const ns = await synthObject(app, 'Namespace debug');
    expect(ns.metadata.labels['network-policy.homelab/enforcement']).toBe('disabled');
    expect(ns.metadata.annotations['network-policy.homelab/enforcement-reason']).toBe('INC-42');
  });

  test('fails when the profile is unknown, suggesting the closest', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standart' });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/blog\] Unknown profile "standart" for namespace blog: the cluster defines internal, internal-egress, isolated, standard\. Did you mean "standard"\?/);
  });

  test('fails when an access label names an unknown service, suggesting the closest', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgress'] });
    await expect(synthesizeFiles(app)).rejects.toThrow(/Unknown shared service "postgress".*Did you mean "postgres"\?/);
  });

  test('fails when the cluster has no baseline: the namespace would have no DNS', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    Profile.builtins(cluster);
    new AppNamespace(cluster, 'blog', { profile: 'isolated' });
    await expect(synthesizeFiles(app)).rejects.toThrow(/Namespace blog has no DNS.*Add new ClusterBaseline\(cluster, 'baseline'\)/);
  });

  test.each([
    ['a cluster-wide CiliumPolicy', (cluster: NetpolCluster) => new CiliumPolicy(cluster, 'allow-dns', {
      spec: { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }] },
    })],
    ['a KubernetesPolicy in the namespace', (cluster: NetpolCluster) => new KubernetesPolicy(cluster, 'allow-dns', {
      namespace: 'blog', spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }] },
    })],
  ])('without a baseline, DNS from %s kept as written counts', async (_what, dns) => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    Profile.builtins(cluster);
    new AppNamespace(cluster, 'blog', { profile: 'isolated' });
    dns(cluster);
    await synthesizeFiles(app);
  });

  test('without a baseline, a DNS policy of another namespace does not count', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    Profile.builtins(cluster);
    new AppNamespace(cluster, 'blog', { profile: 'isolated' });
    new KubernetesPolicy(cluster, 'allow-dns', { namespace: 'shop', spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] }] } });
    await expect(synthesizeFiles(app)).rejects.toThrow(/Namespace blog has no DNS/);
  });

  test('fails when a platform namespace is given a profile', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'kube-system', { profile: 'standard' });
    await expectRefused(app, /\[test\/kube-system\] kube-system is a platform namespace and cannot have a profile: declare it with new PlatformNamespace/);
  });

  test('fails when the library-managed labels are set by hand', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standard', labels: { 'network-policy.homelab/profile': 'x' } });
    await expectRefused(app, /is managed by the library: use the profile, access and disableEnforcement properties/);
  });

  test('fails when the escape hatch has no reason', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standard', disableEnforcement: { reason: '' } });
    await expectRefused(app, /needs a reason/);
  });

  test('fails when the namespace name is invalid', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'Blog', { profile: 'standard' });
    await expectRefused(app, /Invalid namespace name "Blog".*Did you mean "blog"\?/);
  });

  test('fails when two namespaces share a name', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'one', { name: 'blog', profile: 'standard' });
    new AppNamespace(cluster, 'two', { name: 'blog', profile: 'standard' });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/two\] namespace "blog" is declared twice \(first at test\/one\)/);
  });
});
