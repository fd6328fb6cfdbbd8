import { describe, expect, test } from 'vitest';
import { AppNamespace, Peer, Port, SharedService } from '../../src';
import { synthObject, testCluster, expectRefused } from '../helpers';

describe('SharedService', () => {
  test('both ends: labelled namespaces reach the service, the service admits them', async () => {
    const { app } = testCluster();
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy access-postgres')).spec).toMatchSnapshot();
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy access-postgres-server')).spec).toMatchSnapshot();
  });

  test('an entity service (kube-api) has only the client side', async () => {
    const { app } = testCluster();
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy access-kube-api')).spec.egress).toEqual([
      { toEntities: ['kube-apiserver'], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] },
    ]);
    await expect(synthObject(app, 'CiliumClusterwideNetworkPolicy access-kube-api-server')).rejects.toThrow(/found 0/);
  });

  test('users add their own', async () => {
    const { app, cluster } = testCluster();
    new SharedService(cluster, 'minio', { peer: Peer.pods('storage', { app: 'minio' }), ports: [Port.tcp(9000)] });
    new AppNamespace(cluster, 'backup', { profile: 'isolated', access: ['minio'] });
    expect((await synthObject(app, 'Namespace backup')).metadata.labels['access.network-policy.homelab/minio']).toBe('true');
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy access-minio-server')).spec.endpointSelector.matchLabels)
      .toEqual({ app: 'minio', 'io.kubernetes.pod.namespace': 'storage' });
  });

  test('fails when the service has no ports', async () => {
    const { app, cluster } = testCluster();
    new SharedService(cluster, 'x', { peer: Peer.namespace('db'), ports: [] });
    await expectRefused(app, /has no ports/);
  });

  test('fails when the service pods have no namespace', async () => {
    const { app, cluster } = testCluster();
    new SharedService(cluster, 'x', { peer: Peer.sameNamespace({ app: 'x' }), ports: [Port.tcp(1)] });
    await expectRefused(app, /needs the namespace of its pods/);
  });
});
