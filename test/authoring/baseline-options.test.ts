import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AppNamespace, ClusterBaseline, NetpolCluster, Peer, PlatformNamespace, Port, Profile, synthesizeFiles } from '../../src';
import { synthObject, synthObjects } from '../helpers';

function cluster(props: ConstructorParameters<typeof ClusterBaseline>[2]): { app: App; cluster: NetpolCluster } {
  const app = new App();
  const c = new NetpolCluster(app, 'test');
  new ClusterBaseline(c, 'baseline', props);
  Profile.builtins(c);
  return { app, cluster: c };
}

describe('ClusterBaseline healthSources and withinNamespace', () => {
  test('healthSources: every endpoint admits the extra sources on their ports', async () => {
    const { app } = cluster({ healthSources: [{ peer: Peer.remoteNode(), ports: [Port.tcp(8080)] }] });
    const health = await synthObject(app, 'CiliumClusterwideNetworkPolicy baseline-health');
    expect(health.spec.ingress).toContainEqual({ fromEntities: ['remote-node'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] });
  });

  test('withinNamespace: one policy per declared namespace, both directions, with a per-namespace opt-out', async () => {
    // GIVEN intra-namespace traffic on every port, and one namespace opting out
    const { app, cluster: c } = cluster({ withinNamespace: [Port.any({ reason: 'pods of one namespace trust each other' })] });
    new AppNamespace(c, 'blog', { profile: 'isolated' });
    new PlatformNamespace(c, 'vault', { withinNamespace: false });
    // WHEN synthesized
    const objects = await synthObjects(app);
    // THEN blog has it, in its own file, vault does not
    const blog = objects.get('test/app-blog.yaml: CiliumNetworkPolicy blog/baseline-within-namespace')!;
    expect(blog.spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'blog' } }] }]);
    expect(blog.spec.egress).toEqual([{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'blog' } }] }]);
    expect(blog.metadata.annotations['network-policy.homelab/any-port-reasons']).toContain('spec.egress[0]: pods of one namespace trust each other');
    expect([...objects.keys()].some((k) => k.includes('vault/baseline-within-namespace'))).toBe(false);
  });

  test('fails when a health source has no ports', async () => {
    const { app } = cluster({ healthSources: [{ peer: Peer.remoteNode(), ports: [] }] });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/baseline\] healthSources\[0\]: The ingress rule from entity:remote-node has no ports/);
  });
});
