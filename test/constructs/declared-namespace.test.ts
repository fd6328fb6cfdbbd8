import { describe, expect, test } from 'vitest';
import { CiliumPolicy, ClusterBaseline, DeclaredNamespace, KubernetesPolicy, Peer, Port, Renderer } from '../../src';
import { expectRefused, synthObject, synthObjects } from '../helpers';
import { bareCluster, expectSameFlows } from './pass-through-helpers';

const WEB = {
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'web', namespace: 'media' },
  spec: { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'proxy' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }] },
};

describe('DeclaredNamespace', () => {
  test('writes the Namespace and nothing else: no template policy, no profile label', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'media', { labels: { team: 'media' }, mesh: true });
    const objects = await synthObjects(app);
    expect([...objects.keys()]).toEqual(['test/app-media.yaml: Namespace media']);
    const ns = objects.get('test/app-media.yaml: Namespace media')!;
    expect(ns.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cdk8s-netpol', 'istio.io/dataplane-mode': 'ambient', team: 'media' });
  });

  test('adds no flow of its own, even next to a baseline with withinNamespace traffic', async () => {
    // GIVEN a baseline that gives every declared namespace traffic within it, and a hand-written policy
    const { app, cluster } = bareCluster();
    new ClusterBaseline(cluster, 'baseline', { withinNamespace: [Port.tcp(9000)] });
    new DeclaredNamespace(cluster, 'media');
    // (the baseline denies the proxy's egress: a one-sided flow, kept with a reason)
    new CiliumPolicy(cluster, 'web', { namespace: 'media', spec: WEB.spec, acceptRisks: { oneSidedFlows: 'imported: the proxy side lives elsewhere' } });
    // THEN the namespace gets no baseline-within policy
    const objects = await synthObjects(app);
    expect([...objects.keys()].filter((k) => k.includes('within'))).toEqual([]);
  });

  test('opts into the baseline\'s withinNamespace traffic with withinNamespace: true', async () => {
    const { app, cluster } = bareCluster();
    new ClusterBaseline(cluster, 'baseline', { withinNamespace: [Port.tcp(9000)] });
    new DeclaredNamespace(cluster, 'media', { withinNamespace: true });
    expect([...(await synthObjects(app)).keys()].some((k) => k.includes('media') && k.includes('NetworkPolicy'))).toBe(true);
  });

  test('the namespace with a pass-through policy allows exactly the flows of the input (Cilium)', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'media');
    new CiliumPolicy(cluster, 'web', { namespace: 'media', spec: WEB.spec });
    await expectSameFlows([WEB], app);
  });

  test('allowIngress writes the rule in <namespace>/app', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'media').allowEgress(Peer.fqdn('api.themoviedb.org'), [Port.HTTPS]);
    const policy = await synthObject(app, 'CiliumNetworkPolicy media/app');
    expect(policy.spec.egress[0].toFQDNs).toEqual([{ matchName: 'api.themoviedb.org' }]);
  });

  test('refuses the design\'s labels in labels, naming the typed ways', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'a', { labels: { 'network-policy.homelab/profile': 'standard' } });
    new DeclaredNamespace(cluster, 'b', { labels: { 'network-policy.homelab/enforcement': 'disabled' } });
    new DeclaredNamespace(cluster, 'c', { labels: { 'access.network-policy.homelab/postgres': 'true' } });
    const message = await expectRefused(app, /\[test\/a\] Label "network-policy\.homelab\/profile" of namespace a is managed by the library: .*designLabels: \{ labels, reason \}/);
    expect(message).toMatch(/\[test\/b\] Label "network-policy\.homelab\/enforcement: disabled" of namespace b would lift enforcement without a reason/);
    expect(message).toMatch(/\[test\/c\] Label "access\.network-policy\.homelab\/postgres" of namespace c is managed by the library/);
  });

  test('designLabels sets the design\'s labels as written with a visible reason, written into the Namespace', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'blog', {
      designLabels: { labels: { 'network-policy.homelab/profile': 'standard', 'access.network-policy.homelab/postgres': 'true' }, reason: 'imported: the profile policies are kept as-is' },
    });
    const ns = await synthObject(app, 'Namespace blog');
    expect(ns.metadata.labels['network-policy.homelab/profile']).toBe('standard');
    expect(ns.metadata.labels['access.network-policy.homelab/postgres']).toBe('true');
    expect(ns.metadata.annotations['network-policy.homelab/design-labels-reason']).toBe('imported: the profile policies are kept as-is');
  });

  test.each([
    ['missing', undefined, /designLabels of namespace blog needs a reason anyone can read in review, and the one given is missing/],
    ['blank', '  ', /designLabels of namespace blog needs a reason .* is blank/],
    ['invisible', '\u200b', /designLabels of namespace blog needs a reason .* holds the invisible character U\+200B/],
  ])('designLabels is refused with a %s reason', async (_what, reason, pattern) => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'blog', { designLabels: { labels: { 'network-policy.homelab/profile': 'standard' }, reason: reason as string } });
    await expectRefused(app, pattern);
  });

  test('designLabels refuses the escape hatch\'s label and labels outside the design', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'blog', { designLabels: { labels: { 'network-policy.homelab/enforcement': 'disabled', team: 'x' }, reason: 'imported: as written' } });
    const message = await expectRefused(app, /designLabels of namespace blog: "network-policy\.homelab\/enforcement" lifts enforcement: use disableEnforcement/);
    expect(message).toMatch(/designLabels of namespace blog: "team" is not a label of the design .*: put it in labels/);
  });

  test('disableEnforcement lifts enforcement with the reason, as on the other namespaces', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'debug', { disableEnforcement: { reason: 'imported: INC-7 debugging' } });
    const ns = await synthObject(app, 'Namespace debug');
    expect(ns.metadata.labels['network-policy.homelab/enforcement']).toBe('disabled');
    expect(ns.metadata.annotations['network-policy.homelab/enforcement-reason']).toBe('imported: INC-7 debugging');
  });

  describe('on the NetworkPolicy renderer', () => {
    const INGRESS_ONLY = {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'media' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'proxy' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] },
    };

    test('gets the renderer\'s default-deny', async () => {
      const { app, cluster } = bareCluster(Renderer.KUBERNETES);
      new DeclaredNamespace(cluster, 'media');
      expect((await synthObject(app, 'NetworkPolicy media/default-deny')).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    });

    test('noDefaultDeny leaves it out, with the reason on the Namespace, and keeps the input\'s flows', async () => {
      const { app, cluster } = bareCluster(Renderer.KUBERNETES);
      new DeclaredNamespace(cluster, 'media', { noDefaultDeny: { reason: 'imported: no policy isolated this namespace' } });
      new KubernetesPolicy(cluster, 'web', { namespace: 'media', spec: INGRESS_ONLY.spec });
      const objects = await synthObjects(app);
      expect([...objects.keys()].some((k) => k.endsWith('default-deny'))).toBe(false);
      expect(objects.get('test/app-media.yaml: Namespace media')!.metadata.annotations['network-policy.homelab/no-default-deny-reason']).toBe('imported: no policy isolated this namespace');
      await expectSameFlows([INGRESS_ONLY], app, 'kubernetes');
    });

    test.each([['blank', ' '], ['invisible', '\u202e']])('noDefaultDeny is refused with a %s reason', async (_what, reason) => {
      const { app, cluster } = bareCluster(Renderer.KUBERNETES);
      new DeclaredNamespace(cluster, 'media', { noDefaultDeny: { reason } });
      await expectRefused(app, /noDefaultDeny of namespace media needs a reason anyone can read in review/);
    });

    test('a hand-written full default-deny takes the place of the renderer\'s, even under its name', async () => {
      const { app, cluster } = bareCluster(Renderer.KUBERNETES);
      new DeclaredNamespace(cluster, 'media');
      const deny = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
      new KubernetesPolicy(cluster, 'default-deny', { namespace: 'media', spec: deny });
      const policy = await synthObject(app, 'NetworkPolicy media/default-deny');
      expect(policy.metadata.annotations['network-policy.homelab/source']).toBe('test/default-deny');
    });
  });
});

describe('DeclaredNamespace of a templated repository', () => {
  test('keeps Flux expressions in its name and label values, checked through their stand-ins', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'app', { name: '${APP_NS}', labels: { team: '${TEAM}-apps', zone: '${ZONE}' } });
    const ns = await synthObject(app, 'Namespace ${APP_NS}');
    expect(ns.metadata.labels).toMatchObject({ team: '${TEAM}-apps', zone: '${ZONE}' });
  });

  test('refuses a name or label value that is invalid whatever Flux fills in', async () => {
    const { app, cluster } = bareCluster();
    new DeclaredNamespace(cluster, 'a', { name: 'Apps-${X}' });
    new DeclaredNamespace(cluster, 'b', { labels: { team: '${TEAM} apps' } });
    const message = await expectRefused(app, /Invalid namespace name "Apps-\$\{X\}" \(each Flux variable read as "x"\)/);
    expect(message).toMatch(/Invalid value "\$\{TEAM\} apps" of label "team"/);
  });
});
