import { describe, expect, test } from 'vitest';
import { AppNamespace, LabelSelector, Peer, PlatformNamespace, Port, problemsOfValue, Renderer, synthesizeFiles } from '../../src';
import { synthObject, testCluster } from '../helpers';

const EXPORTERS = LabelSelector.of({ matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['snmp-exporter', 'ipmi-exporter'] }] });

describe('LabelSelector', () => {
  test.each([
    ['In without values', { key: 'app', operator: 'In' }, /In needs at least one value/],
    ['NotIn with an empty list', { key: 'app', operator: 'NotIn', values: [] }, /NotIn needs at least one value/],
    ['Exists with values', { key: 'app', operator: 'Exists', values: ['x'] }, /Exists takes no values; remove them, or use In/],
    ['DoesNotExist with values', { key: 'app', operator: 'DoesNotExist', values: ['x'] }, /DoesNotExist takes no values; remove them, or use NotIn/],
    ['an unknown operator', { key: 'app', operator: 'Equals', values: ['x'] }, /Invalid operator "Equals".*use In, NotIn, Exists or DoesNotExist/],
    ['an invalid key', { key: 'bad key', operator: 'Exists' }, /Invalid label key "bad key"/],
    ['an invalid value', { key: 'app', operator: 'In', values: ['no spaces'] }, /Invalid value "no spaces" of label "app"/],
  ])('fails with %s', (_name, requirement, message) => {
    expect(problemsOfValue(LabelSelector.of({ matchExpressions: [requirement as never] }))).toEqual([expect.stringMatching(message)]);
  });

  test('is canonical: values sorted and unique, requirements sorted, the Kubernetes selector syntax', () => {
    const selector = LabelSelector.of({
      matchLabels: { tier: 'web' },
      matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b', 'a', 'b'] }, { key: 'debug', operator: 'DoesNotExist' }, { key: 'app', operator: 'Exists' }],
    });
    expect(String(selector)).toBe('tier=web,app,!debug,zone notin (a,b)');
    expect(selector.matches({ tier: 'web', app: 'x', zone: 'c' })).toBe(true);
    expect(selector.matches({ tier: 'web', app: 'x', zone: 'a' })).toBe(false);
    expect(selector.matches({ tier: 'web', app: 'x', debug: '1' })).toBe(false);
  });
});

describe('selectors in rules', () => {
  test('Peer.podsMatching renders matchExpressions on Cilium (one policy instead of two) and on NetworkPolicy', async () => {
    // GIVEN Prometheus scraping two exporters, named by one In requirement
    const rule = (ns: PlatformNamespace): PlatformNamespace => ns.allowEgress(Peer.podsMatching('exporters', EXPORTERS), [Port.tcp(9116)], { pods: { 'app.kubernetes.io/name': 'prometheus' } });
    const { app, cluster } = testCluster();
    rule(new PlatformNamespace(cluster, 'monitoring'));
    const k = testCluster({ renderer: Renderer.KUBERNETES });
    rule(new PlatformNamespace(k.cluster, 'monitoring'));
    // WHEN synthesized for both renderers
    const cilium = await synthObject(app, 'CiliumNetworkPolicy monitoring/platform-prometheus');
    const np = await synthObject(k.app, 'NetworkPolicy monitoring/platform-prometheus');
    // THEN the one requirement is written as matchExpressions
    expect(cilium.spec.egress[0].toEndpoints).toEqual([{
      matchLabels: { 'io.kubernetes.pod.namespace': 'exporters' },
      matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['ipmi-exporter', 'snmp-exporter'] }],
    }]);
    expect(np.spec.egress[0].to).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'exporters' } },
      podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['ipmi-exporter', 'snmp-exporter'] }] },
    }]);
    expect(String(Peer.podsMatching('exporters', EXPORTERS))).toBe('pods:exporters{app.kubernetes.io/name in (ipmi-exporter,snmp-exporter)}');
  });

  test('Peer.namespacesMatching puts namespace requirements under Cilium\'s namespace label prefix', async () => {
    const { app, cluster } = testCluster();
    const tenants = LabelSelector.of({ matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] });
    new PlatformNamespace(cluster, 'monitoring').allowIngress(Peer.namespacesMatching(tenants, { app: 'web' }), [Port.tcp(9090)]);
    const policy = await synthObject(app, 'CiliumNetworkPolicy monitoring/platform');
    expect(policy.spec.ingress).toContainEqual(expect.objectContaining({
      fromEndpoints: [{
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'io.kubernetes.pod.namespace', operator: 'Exists' },
          { key: 'io.cilium.k8s.namespace.labels.team', operator: 'In', values: ['a', 'b'] },
        ],
      }],
    }));
  });

  test('fails when Peer.namespacesMatching gets an empty selector or no LabelSelector', () => {
    expect(problemsOfValue(Peer.namespacesMatching(LabelSelector.of({})))).toEqual([expect.stringMatching(/needs at least one namespace condition/)]);
    expect(problemsOfValue(Peer.podsMatching('x', { app: 'web' } as never))).toEqual([expect.stringMatching(/Peer.podsMatching needs a LabelSelector.*LabelSelector.of/)]);
  });

  test('options.pods accepts a selector: the rules land on a policy selecting those pods', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.fqdn('api.stripe.com'), [Port.HTTPS], { pods: LabelSelector.of({ matchLabels: { tier: 'backend' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['cart', 'checkout'] }] }) });
    const policy = await synthObject(app, 'CiliumNetworkPolicy shop/app-backend-cart-checkout');
    expect(policy.spec.endpointSelector).toEqual({ matchLabels: { tier: 'backend' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['cart', 'checkout'] }] });
    expect(policy.spec.description).toBe('Rules of pods tier=backend,app in (cart,checkout) of shop.');
  });

  test('a selector problem is reported at the namespace using it', async () => {
    const { app, cluster } = testCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.fqdn('api.stripe.com'), [Port.HTTPS], { pods: LabelSelector.of({ matchExpressions: [{ key: 'app', operator: 'In' }] }) });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/shop\] matchExpressions .*In needs at least one value/);
  });
});
