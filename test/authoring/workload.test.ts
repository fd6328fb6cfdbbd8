import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { describe, expect, test } from 'vitest';
import { AppNamespace, Peer, Port, problemsOfValue } from '../../src';
import { synthObject, testCluster } from '../helpers';

describe('Peer.workload', () => {
  test.each([
    ['Deployment', (chart: Chart) => new kplus.Deployment(chart, 'web', { metadata: { namespace: 'blog' }, containers: [{ image: 'nginx' }] })],
    ['StatefulSet', (chart: Chart) => new kplus.StatefulSet(chart, 'web', { metadata: { namespace: 'blog' }, containers: [{ image: 'nginx' }], service: new kplus.Service(chart, 'svc', { metadata: { namespace: 'blog' }, ports: [{ port: 80 }] }) })],
    ['DaemonSet', (chart: Chart) => new kplus.DaemonSet(chart, 'web', { metadata: { namespace: 'blog' }, containers: [{ image: 'nginx' }] })],
    ['Pod', (chart: Chart) => new kplus.Pod(chart, 'web', { metadata: { namespace: 'blog' }, containers: [{ image: 'nginx' }] })],
  ])('a %s is its namespace and the selector cdk8s-plus gives its pods', (_kind, make) => {
    const { app } = testCluster();
    const workload = make(new Chart(app, 'apps'));
    const peer = Peer.workload(workload);
    expect(problemsOfValue(peer)).toEqual([]);
    expect(String(peer)).toMatch(/^pods:blog\{cdk8s\.io\/metadata\.addr=apps-web-c8[0-9a-f]+\}$/);
  });

  test('a Pods selection keeps its labels, expressions and namespaces', () => {
    const { app } = testCluster();
    const chart = new Chart(app, 'apps');
    const pods = kplus.Pods.select(chart, 'exporters', {
      expressions: [kplus.LabelExpression.in('app', ['snmp', 'ipmi'])],
      namespaces: kplus.Namespaces.select(chart, 'ns', { names: ['monitoring'] }),
    });
    expect(String(Peer.workload(pods))).toBe('pods:monitoring{app in (ipmi,snmp)}');
  });

  test('renders as a peer of a rule', async () => {
    const { app, cluster } = testCluster();
    const web = new kplus.Deployment(new Chart(app, 'apps'), 'web', { metadata: { namespace: 'blog' }, containers: [{ image: 'nginx' }] });
    new AppNamespace(cluster, 'db', { profile: 'isolated' }).allowIngress(Peer.workload(web), [Port.POSTGRES]);
    const policy = await synthObject(app, 'CiliumNetworkPolicy db/app');
    expect(policy.spec.ingress[0].fromEndpoints[0].matchLabels['io.kubernetes.pod.namespace']).toBe('blog');
  });

  test('fails when given something else', () => {
    expect(problemsOfValue(Peer.workload({} as never))).toEqual([expect.stringMatching(/Peer.workload needs a cdk8s-plus workload or pods/)]);
  });
});
