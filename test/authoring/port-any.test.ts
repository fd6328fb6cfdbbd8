import { describe, expect, test } from 'vitest';
import { AppNamespace, CiliumPolicy, Peer, Port, problemsOfValue, Renderer, synthesizeFiles } from '../../src';
import { noAnyPort } from '../../src/lint/rules/no-any-port';
import { check, cnp, endpoints, manifest } from '../lint/builders';
import { synthObject, testCluster } from '../helpers';

const LONGHORN = 'Longhorn replicas listen on dynamically assigned ports';

describe('Port.any', () => {
  test('fails when the reason is missing or blank', () => {
    expect(problemsOfValue(Port.any({ reason: '  ' }))).toEqual([expect.stringMatching(/^Port.any needs a reason anyone can read in review, and the one given is blank/)]);
    expect(problemsOfValue(Port.any(undefined as never))).toEqual([expect.stringMatching(/Port.any\(\{ reason: /)]);
  });

  test('reads "any", covers every port and sorts last', () => {
    const any = Port.any({ reason: LONGHORN });
    expect(String(any)).toBe('any');
    expect(any.covers(Port.udp(53))).toBe(true);
    expect(Port.tcpRange(1, 65535).covers(any)).toBe(false);
    expect([any, Port.tcp(80)].sort(Port.compare).map(String)).toEqual(['tcp/80', 'any']);
  });

  test('fails when listed with other ports', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'storage', { profile: 'isolated' })
      .allowIngress(Peer.namespace('longhorn-system'), [Port.any({ reason: LONGHORN }), Port.tcp(80)]);
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/storage\] The ingress rule from ns:longhorn-system lists Port.any with other ports \(tcp\/80\): Port.any already allows every port\. Keep only Port.any, or only the ports/);
  });

  test('the no-ports refusal names Port.any as the way to say every port', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'storage', { profile: 'isolated' }).allowEgress(Peer.namespace('x'), []);
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[Port.any\(\{ reason: 'why' \}\)\]/);
  });

  test('renders on Cilium as a rule without toPorts, the reason in the description and the annotation', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'storage', { profile: 'isolated' })
      .allowIngress(Peer.namespace('longhorn-system'), [Port.any({ reason: LONGHORN })]);
    const files = await synthesizeFiles(app);
    const policy = await synthObject(app, 'CiliumNetworkPolicy storage/app');
    expect(policy.spec.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'longhorn-system' } }] }]);
    expect(policy.metadata.annotations['network-policy.homelab/any-port-reasons']).toBe(`spec.ingress[0]: ${LONGHORN}`);
    expect(files.get('test/app-storage.yaml')).toContain(`# ingress from ns:longhorn-system on every port (every port: ${LONGHORN})`);
  });

  test('renders on NetworkPolicy as a rule without ports, with the annotation', async () => {
    const { app, cluster } = testCluster({ renderer: Renderer.KUBERNETES });
    new AppNamespace(cluster, 'storage', { profile: 'isolated' })
      .allowIngress(Peer.namespace('longhorn-system'), [Port.any({ reason: LONGHORN })]);
    const policy = await synthObject(app, 'NetworkPolicy storage/app');
    expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'longhorn-system' } }, podSelector: {} }] }]);
    expect(policy.metadata.annotations['network-policy.homelab/any-port-reasons']).toBe(`spec.ingress[0]: ${LONGHORN}`);
  });

  test('lint accepts the synthesized rule and still flags one without the reason', async () => {
    // GIVEN a namespace that admits Longhorn on every port, with the reason
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'storage', { profile: 'isolated' })
      .allowIngress(Peer.namespace('longhorn-system'), [Port.any({ reason: LONGHORN })]);
    const policy = await synthObject(app, 'CiliumNetworkPolicy storage/app');
    // WHEN lint reads it, and the same policy with the annotation removed
    const explained = manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: policy.metadata, spec: policy.spec });
    const bare = cnp('storage', 'app', policy.spec);
    // THEN only the bare one is a finding, whose fix names Port.any and the annotation
    expect(check(noAnyPort, [explained])).toEqual([]);
    const findings = check(noAnyPort, [bare]);
    expect(findings).toHaveLength(1);
    expect(findings[0].fix).toMatch(/Port.any\(\{ reason \}\).*any-port-reasons \("spec.ingress\[0\]: <reason>"\)/);
  });
});

describe('CiliumPolicy and every port', () => {
  const spec = (ports: unknown[]): Record<string, unknown> => ({
    endpointSelector: {}, ingress: [{ fromEndpoints: [endpoints({ 'io.kubernetes.pod.namespace': 'vpn' })], toPorts: [{ ports }] }],
  });

  test.each([
    ['port 0', [{ port: '0', protocol: 'ANY' }]],
    ['protocol ANY without a port', [{ protocol: 'ANY' }]],
    ['the range 1-65535', [{ port: '1', endPort: 65535, protocol: 'TCP' }]],
  ])('fails when a hand-written spec carries %s, naming Port.any', async (_name, ports) => {
    const { app, cluster } = testCluster();
    new CiliumPolicy(cluster, 'vpn', { namespace: 'vpn', spec: spec(ports) });
    await expect(synthesizeFiles(app)).rejects.toThrow(/spec.ingress\[0\].toPorts.*every port.*write Port.any\(\{ reason \}\) in place of the ports/);
  });

  test('accepts Port.any in toPorts, rendered as port 0 / ANY with the reason', async () => {
    const { app, cluster } = testCluster();
    new CiliumPolicy(cluster, 'vpn', { namespace: 'vpn', spec: spec([Port.any({ reason: 'the VPN pod forwards every port' }), Port.udp(51820)]) });
    const policy = await synthObject(app, 'CiliumNetworkPolicy vpn/vpn');
    expect(policy.spec.ingress[0].toPorts).toEqual([{ ports: [{ port: '0', protocol: 'ANY' }, { port: '51820', protocol: 'UDP' }] }]);
    expect(policy.metadata.annotations['network-policy.homelab/any-port-reasons']).toBe('spec.ingress[0]: the VPN pod forwards every port');
    expect(check(noAnyPort, [manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: policy.metadata, spec: policy.spec })])).toEqual([]);
  });
});
