import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { ClusterBaseline, NetpolCluster, Port, Renderer } from '../../src';
import { synthObject, synthObjects, testCluster, expectRefused } from '../helpers';

describe('ClusterBaseline', () => {
  test('emits the baselines as cluster-wide policies selecting every endpoint', async () => {
    const { app } = testCluster();
    const objects = await synthObjects(app);
    const baseline = [...objects.keys()].filter((k) => k.startsWith('test/baseline.yaml'));
    expect(baseline).toEqual([
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy baseline-dns',
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy baseline-dns-server',
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy baseline-health',
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy baseline-health-endpoint',
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy baseline-prometheus',
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy baseline-prometheus-scrape',
      'test/baseline.yaml: CiliumClusterwideNetworkPolicy enforcement-disabled',
    ]);
  });

  test('the health endpoint (reserved:health) keeps node-to-node health checks: remote-node on tcp/4240 and ICMP echo', async () => {
    // GIVEN the baselines, whose `endpointSelector: {}` also selects Cilium's health endpoint
    const { app } = testCluster();
    // WHEN synthesized
    const policy = await synthObject(app, 'CiliumClusterwideNetworkPolicy baseline-health-endpoint');
    // THEN upstream's health.yaml, narrowed to what cilium-health uses; ICMP in a rule of its own
    const icmps = [{ fields: [{ family: 'IPv4', type: 8 }, { family: 'IPv6', type: 128 }] }];
    const toPorts = [{ ports: [{ port: '4240', protocol: 'TCP' }] }];
    expect(policy.spec.endpointSelector).toEqual({ matchLabels: { 'reserved:health': '' } });
    expect(policy.spec.ingress).toEqual([{ fromEntities: ['remote-node'], toPorts }, { fromEntities: ['remote-node'], icmps }]);
    expect(policy.spec.egress).toEqual([{ toEntities: ['remote-node'], toPorts }, { toEntities: ['remote-node'], icmps }]);
  });

  test('the NetworkPolicy renderer has no health endpoint and leaves its policy out', async () => {
    const { app } = testCluster({ renderer: Renderer.KUBERNETES });
    const keys = [...(await synthObjects(app)).keys()];
    expect(keys.some((k) => k.includes('health-endpoint'))).toBe(false);
  });

  test('DNS egress carries the DNS proxy rule that toFQDNs needs', async () => {
    const { app } = testCluster();
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy baseline-dns')).spec).toMatchSnapshot();
  });

  test('health admits the health entity and only the /32 of ambient probes, on every port', async () => {
    const { app } = testCluster();
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy baseline-health')).spec.ingress).toEqual([
      { fromCIDRSet: [{ cidr: '169.254.7.127/32' }] },
      { fromEntities: ['health'] },
    ]);
  });

  test('scrape ports follow the cluster setting', async () => {
    const { app } = testCluster({ metricsPorts: [Port.tcp(9090), Port.tcp(8080)] });
    const scrape = await synthObject(app, 'CiliumClusterwideNetworkPolicy baseline-prometheus-scrape');
    expect(scrape.spec.ingress[0].toPorts[0].ports).toEqual([{ port: '8080', protocol: 'TCP' }, { port: '9090', protocol: 'TCP' }]);
  });

  test('the escape hatch allows everything for labelled namespaces, and never denies', async () => {
    const { app } = testCluster();
    const hatch = await synthObject(app, 'CiliumClusterwideNetworkPolicy enforcement-disabled');
    expect(hatch.spec).toEqual({
      description: expect.stringContaining('Escape hatch'),
      endpointSelector: { matchLabels: { 'io.cilium.k8s.namespace.labels.network-policy.homelab/enforcement': 'disabled' } },
      ingress: [{ fromEntities: ['all'] }],
      egress: [{ toEntities: ['all'] }],
    });
    const all = JSON.stringify([...(await synthObjects(app)).values()]);
    expect(all).not.toMatch(/ingressDeny|egressDeny/);
  });

  test('alerts: warning after 5m, critical after 24h, on kube-state-metrics namespace labels', async () => {
    const { app } = testCluster();
    const rule = await synthObject(app, 'PrometheusRule monitoring/network-policy-enforcement');
    expect(rule.spec.groups[0].rules.map((r: any) => [r.alert, r.for, r.labels.severity])).toEqual([
      ['NetworkPolicyEnforcementDisabled', '5m', 'warning'],
      ['NetworkPolicyEnforcementDisabledLong', '24h', 'critical'],
    ]);
    expect(rule.spec.groups[0].rules[0].expr).toBe('max by (namespace) (kube_namespace_labels{label_network_policy_homelab_enforcement="disabled"}) == 1');
  });

  test('alerts can be turned off or moved', async () => {
    const app = new App();
    const cluster = new NetpolCluster(app, 'c');
    new ClusterBaseline(cluster, 'baseline', { alerts: false, ambientProbes: false });
    const keys = [...(await synthObjects(app)).keys()];
    expect(keys.some((k) => k.includes('PrometheusRule'))).toBe(false);
    expect((await synthObject(app, 'CiliumClusterwideNetworkPolicy baseline-health')).spec.ingress).toEqual([{ fromEntities: ['health'] }]);
  });

  test('fails when two baselines both carry alerts', async () => {
    const { app, cluster } = testCluster();
    new ClusterBaseline(cluster, 'again');
    await expectRefused(app, /only one ClusterBaseline with alerts per cluster/);
  });
});
