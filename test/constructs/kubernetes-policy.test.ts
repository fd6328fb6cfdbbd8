import { describe, expect, test } from 'vitest';
import { DeclaredNamespace, KubernetesPolicy, Renderer, synthesizeFiles } from '../../src';
import { expectRefused, synthObject } from '../helpers';
import { bareCluster, expectSameFlows } from './pass-through-helpers';

/** A NetworkPolicy as a real repository writes it: web admits the ingress controller and reaches postgres. */
const WEB = {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' },
  spec: {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    egress: [
      { to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
    ],
  },
};

describe('KubernetesPolicy', () => {
  test.each([Renderer.CILIUM, Renderer.KUBERNETES])('passes the spec through as written on the %s renderer, with the same flows', async (renderer) => {
    const { app, cluster } = bareCluster(renderer);
    new KubernetesPolicy(cluster, 'web', { namespace: 'shop', spec: WEB.spec });
    const policy = await synthObject(app, 'NetworkPolicy shop/web');
    expect(policy.spec).toEqual(WEB.spec);
    expect(policy.metadata.annotations['network-policy.homelab/source']).toBe('test/web');
    await expectSameFlows([WEB], app, renderer === Renderer.CILIUM ? 'cilium' : 'kubernetes');
  });

  test('goes to app-<namespace>.yaml, next to its DeclaredNamespace', async () => {
    const { app, cluster } = bareCluster(Renderer.KUBERNETES);
    new DeclaredNamespace(cluster, 'shop', { noDefaultDeny: { reason: 'imported: the namespace had no default-deny' } });
    new KubernetesPolicy(cluster, 'web', { namespace: 'shop', spec: WEB.spec });
    const files = await synthesizeFiles(app);
    expect(files.get('test/app-shop.yaml')).toMatch(/kind: Namespace[\s\S]*kind: NetworkPolicy\n/);
  });

  test('states the reason for its ipBlocks in the address-reasons annotation', async () => {
    const { app, cluster } = bareCluster();
    new KubernetesPolicy(cluster, 'nas', {
      namespace: 'backup', hardCodedIpReason: 'the NAS has no DNS name',
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.1.20/32' } }], ports: [{ protocol: 'TCP', port: 2049 }] }] },
    });
    const policy = await synthObject(app, 'NetworkPolicy backup/nas');
    expect(policy.metadata.annotations['network-policy.homelab/address-reasons']).toBe('192.168.1.20/32: the NAS has no DNS name');
  });

  test('refuses ipBlocks without hardCodedIpReason, and a blank one', async () => {
    const { app, cluster } = bareCluster();
    const spec = { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '192.168.1.20/32' } }], ports: [{ protocol: 'TCP', port: 2049 }] }] };
    new KubernetesPolicy(cluster, 'nas', { namespace: 'backup', spec });
    new KubernetesPolicy(cluster, 'nas2', { namespace: 'backup', spec, hardCodedIpReason: '\u2800' });
    const message = await expectRefused(app, /\[test\/nas\] KubernetesPolicy backup\/nas is refused: spec\.egress\[0\]\.to\[0\]\.ipBlock hard-codes addresses \(192\.168\.1\.20\/32\)/);
    expect(message).toMatch(/\[test\/nas2\] hardCodedIpReason of KubernetesPolicy backup\/nas2 needs a reason anyone can read in review, and the one given is blank/);
  });

  test('fails when the schema rejects the spec, naming the field', async () => {
    const { app, cluster } = bareCluster();
    new KubernetesPolicy(cluster, 'bad', { namespace: 'shop', spec: { podSelector: {}, policyTypes: ['Sideways'], ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 80 }] }] } });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/bad\] NetworkPolicy shop\/bad: .*policyTypes/);
  });

  test('refuses a name the NetworkPolicy renderer uses, unless it is the same default-deny', async () => {
    const { app, cluster } = bareCluster(Renderer.KUBERNETES);
    new DeclaredNamespace(cluster, 'shop');
    new KubernetesPolicy(cluster, 'default-deny', { namespace: 'shop', spec: WEB.spec });
    await expect(synthesizeFiles(app)).rejects.toThrow(/NetworkPolicy shop\/default-deny is declared twice/);
  });

  test('refuses two policies of one name', async () => {
    const { app, cluster } = bareCluster();
    new KubernetesPolicy(cluster, 'a', { name: 'web', namespace: 'shop', spec: WEB.spec });
    new KubernetesPolicy(cluster, 'b', { name: 'web', namespace: 'shop', spec: WEB.spec });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/b\] NetworkPolicy shop\/web is declared twice \(first at test\/a\)/);
  });
});
