import { describe, expect, test } from 'vitest';
import { AppNamespace, PlatformNamespace, Peer, Port, Renderer, synthesizeFiles } from '../../src';
import { synthObjects, testCluster } from '../helpers';

describe('manageNamespace: false', () => {
  test('writes the Namespace unapplied to external-namespaces.yaml, left out of the kustomization; its policies stay', async () => {
    // GIVEN an app namespace and a platform namespace created elsewhere
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'blog', { profile: 'standard', manageNamespace: false }).allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS]);
    new PlatformNamespace(cluster, 'longhorn-system', { manageNamespace: false });
    // WHEN synthesized
    const files = await synthesizeFiles(app);
    const objects = await synthObjects(app);
    // THEN the Namespaces are in external-namespaces.yaml only, with their labels, and not applied
    expect([...objects.keys()].filter((k) => k.includes(': Namespace blog') || k.includes(': Namespace longhorn-system'))).toEqual([
      'test/external-namespaces.yaml: Namespace blog', 'test/external-namespaces.yaml: Namespace longhorn-system',
    ]);
    expect(objects.get('test/external-namespaces.yaml: Namespace blog')!.metadata.labels['network-policy.homelab/profile']).toBe('standard');
    expect(files.get('test/external-namespaces.yaml')).toContain('# Created elsewhere (manageNamespace: false): not applied');
    const kustomization = files.get('test/kustomization.yaml')!;
    expect(kustomization).not.toContain('external-namespaces.yaml');
    expect(kustomization).toContain('- app-blog.yaml');
    expect(objects.has('test/app-blog.yaml: CiliumNetworkPolicy blog/app')).toBe(true);
    expect(objects.has('test/platform-longhorn-system.yaml: CiliumNetworkPolicy longhorn-system/platform')).toBe(true);
  });

  test('the NetworkPolicy renderer still gives the namespace its default deny', async () => {
    const { app, cluster } = testCluster({ renderer: Renderer.KUBERNETES });
    new AppNamespace(cluster, 'blog', { profile: 'isolated', manageNamespace: false });
    const objects = await synthObjects(app);
    expect(objects.has('test/app-blog.yaml: NetworkPolicy blog/default-deny')).toBe(true);
    expect(objects.has('test/external-namespaces.yaml: Namespace blog')).toBe(true);
  });
});
