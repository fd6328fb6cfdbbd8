import { describe, expect, test } from 'vitest';
import { AppNamespace, CiliumPolicy, Downgrade, Entity, Peer, PlatformNamespace, Port, Profile, WORLD_EXCEPT_V4, WORLD_EXCEPT_V6 } from '../../src';
import { findPolicy, k8sCluster, namespacesOf, render, specOf } from './builders';

/** A cluster with one namespace per profile, the access labels of the design and the escape hatch. */
function demoCluster() {
  const { app, cluster } = k8sCluster();
  new AppNamespace(cluster, 'shop', { profile: 'standard', access: ['postgres'] });
  new AppNamespace(cluster, 'wiki', { profile: 'internal' });
  new AppNamespace(cluster, 'ops', { profile: 'isolated', access: ['kube-api'] });
  new AppNamespace(cluster, 'broken', { profile: 'isolated', disableEnforcement: { reason: 'INC-7' } });
  new PlatformNamespace(cluster, 'database');
  new PlatformNamespace(cluster, 'istio-gateway');
  return { app, cluster };
}

describe('NetworkPolicy renderer: namespaces and expansion', () => {
  test('every owned namespace gets default-deny for both directions', () => {
    const objects = render(demoCluster().cluster);
    expect(namespacesOf(objects, 'default-deny')).toEqual(['broken', 'database', 'istio-gateway', 'ops', 'shop', 'wiki']);
    expect(specOf(objects, 'shop', 'default-deny')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test.each([
    ['baseline-dns', ['broken', 'database', 'istio-gateway', 'ops', 'shop', 'wiki']],
    ['profile-standard', ['shop']],
    ['profile-internal', ['wiki']],
    ['access-postgres', ['shop']],
    ['access-postgres-server', ['database']],
    ['access-kube-api', ['ops']],
    ['enforcement-disabled', ['broken']],
    ['gateway-internal', ['istio-gateway']],
    ['baseline-dns-server', []],
  ])('cluster-wide %s expands into the owned namespaces its subject selects: %j', (name, namespaces) => {
    expect(namespacesOf(render(demoCluster().cluster), name)).toEqual(namespaces);
  });

  test('the subject pod labels become the podSelector; namespaced intents stay in their namespace', () => {
    const { cluster } = demoCluster();
    new PlatformNamespace(cluster, 'monitoring').allowIngress(Peer.sameNamespace(), [Port.tcp(3000)], { pods: { app: 'grafana' } });
    const objects = render(cluster);
    expect(specOf(objects, 'database', 'access-postgres-server').podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'postgresql' } });
    expect(specOf(objects, 'istio-gateway', 'gateway-internal').podSelector).toEqual({ matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'internal' } });
    expect(namespacesOf(objects, 'platform-grafana')).toEqual(['monitoring']);
    expect(specOf(objects, 'monitoring', 'platform-grafana').podSelector).toEqual({ matchLabels: { app: 'grafana' } });
  });

  test('renders only NetworkPolicies, Namespaces and the alerts: nothing Cilium', () => {
    const kinds = new Set(render(demoCluster().cluster).map((o) => `${o.object.apiVersion}/${o.object.kind}`));
    expect([...kinds].sort()).toEqual(['monitoring.coreos.com/v1/PrometheusRule', 'networking.k8s.io/v1/NetworkPolicy', 'v1/Namespace']);
  });
});

describe('NetworkPolicy renderer: peers', () => {
  const world = [
    { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] } },
    { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] } },
  ];
  test.each([
    ['Peer.pods', Peer.pods('database', { app: 'pg' }), [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'database' } }, podSelector: { matchLabels: { app: 'pg' } } }]],
    ['Peer.namespace', Peer.namespace('database'), [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'database' } }, podSelector: {} }]],
    ['Peer.sameNamespace', Peer.sameNamespace({ app: 'x' }), [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'x' } } }]],
    ['Peer.namespacesLabelled', Peer.namespacesLabelled({ team: 'a' }, { app: 'x' }), [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'x' } } }]],
    ['Peer.allPods', Peer.allPods(), [{ namespaceSelector: {}, podSelector: {} }]],
    ['entity cluster', Peer.entity(Entity.CLUSTER), [{ namespaceSelector: {}, podSelector: {} }]],
    ['entity world', Peer.world(), world],
    ['Peer.cidr', Peer.cidr('203.0.113.0/24', { reason: 'partner', except: ['203.0.113.7/32'] }), [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.7/32'] } }]],
    ['entity kube-apiserver', Peer.kubeApiServer(), [{ ipBlock: { cidr: '192.168.1.10/32' } }]],
  ])('%s maps to %j', (_, peer, expected) => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' }).allowEgress(peer, [Port.tcp(8443)]);
    expect(specOf(render(cluster), 'shop', 'app').egress).toEqual([{ to: expected, ports: [{ protocol: 'TCP', port: 8443 }] }]);
  });

  test('the world exceptions are the private and special-use ranges', () => {
    expect([...WORLD_EXCEPT_V4, ...WORLD_EXCEPT_V6]).toEqual(['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fe80::/10']);
  });

  test('entity all (the escape hatch) becomes the allow-everything rule `- {}` in both directions', () => {
    const spec = specOf(render(demoCluster().cluster), 'broken', 'enforcement-disabled');
    expect(spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] });
  });

  test('ports: protocol, number and endPort for ranges', () => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' }).allowEgress(Peer.namespace('x'), [Port.udp(53), Port.tcpRange(8000, 8100)]);
    expect(specOf(render(cluster), 'shop', 'app').egress[0].ports).toEqual([{ protocol: 'TCP', port: 8000, endPort: 8100 }, { protocol: 'UDP', port: 53 }]);
  });

  test('the DNS proxy is dropped with a comment; DNS egress itself stays', () => {
    const objects = render(demoCluster().cluster);
    const dns = findPolicy(objects, 'shop', 'baseline-dns')!;
    expect((dns.object as any).spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 53 }, { protocol: 'UDP', port: 53 }]);
    expect(dns.comments!.get('spec.egress.0')).toMatch(/DNS proxy \(Cilium rules.dns, L7\) is dropped: NetworkPolicy has no L7; DNS egress itself stays/);
  });

  test("the library's health rule is skipped with a comment naming the source; the ambient probe source stays", () => {
    const health = findPolicy(render(demoCluster().cluster), 'shop', 'baseline-health')!;
    expect((health.object as any).spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '169.254.7.127/32' } }] }]);
    expect(health.comments!.get('')).toMatch(/Not rendered on NetworkPolicy:\n- ingress: ingress from Cilium health checks: not rendered; .*kubernetes.io, Network Policies/);
  });
});

describe('NetworkPolicy renderer: refusals', () => {
  test.each([
    ['a DNS name', Peer.fqdn('api.github.com'), /\[test\/shop\] app: cannot render the egress rule "egress to fqdn:api.github.com on tcp\/443" \(peer fqdn:api.github.com\) as NetworkPolicy: plain NetworkPolicy has no DNS names/],
    ['entity host', Peer.host(), /peer entity:host\) as NetworkPolicy: plain NetworkPolicy has no Cilium entities \(host is the node the pod runs on\)/],
    ['entity remote-node', Peer.remoteNode(), /no Cilium entities \(remote-node is the other nodes\).*Downgrade.toCidrs\(\['<the nodes' CIDR>'\]/],
    ['entity health with ports', Peer.health(), /no Cilium entities \(health is Cilium's health endpoints\)/],
    ['entity ingress', Peer.entity(Entity.INGRESS), /no Cilium entities \(ingress is Cilium's Envoy ingress\)/],
  ])('fails when a rule names %s, with the construct path, the peer and the alternatives', (_, peer, message) => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' }).allowEgress(peer, [Port.HTTPS]);
    expect(() => render(cluster)).toThrow(message);
    expect(() => render(cluster)).toThrow(/Use Renderer.CILIUM for this cluster, or state the downgrade on the rule: \{ downgrade: Downgrade.toCidrs\(.*\{ downgrade: Downgrade.skip\(/);
  });

  test('fails listing every refused rule at once', () => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' }).allowEgress(Peer.fqdn('a.example'), [Port.HTTPS]).allowEgress(Peer.host(), [Port.tcp(10250)]);
    expect(() => render(cluster)).toThrow(/Cluster test cannot be rendered as plain NetworkPolicy:\n  \[test\/shop\] app: .*entity:host.*\n  \[test\/shop\] app: .*fqdn:a.example/);
  });

  test('fails when a namespace asks for kube-api and the API server address is not configured', () => {
    const { cluster } = k8sCluster({ kubernetes: {} });
    new AppNamespace(cluster, 'ops', { profile: 'isolated', access: ['kube-api'] });
    expect(() => render(cluster)).toThrow(/\[test\/kube-api\] access-kube-api: egress to entity:kube-apiserver .* needs the API server's address: NetworkPolicy has no kube-apiserver entity. Set it on the cluster: .*kubernetes: \{ apiServer: \{ cidrs: \['192.168.1.10\/32'\] \} \}/);
  });

  test('renders without the API server address while no namespace asks for kube-api', () => {
    const { cluster } = k8sCluster({ kubernetes: {} });
    new AppNamespace(cluster, 'shop', { profile: 'standard' });
    expect(namespacesOf(render(cluster), 'access-kube-api')).toEqual([]);
  });

  test('fails when the cluster has a hand-written CiliumPolicy', () => {
    const { cluster } = k8sCluster();
    new CiliumPolicy(cluster, 'icmp', { namespace: 'shop', spec: { endpointSelector: {}, egress: [{ toEntities: ['world'], icmps: [{ fields: [{ type: 8 }] }] }] } });
    expect(() => render(cluster)).toThrow(/\[test\/icmp\] CiliumPolicy shop\/icmp: a hand-written Cilium spec cannot be rendered as NetworkPolicy. Use Renderer.CILIUM for this cluster, or express the traffic with allowIngress\/allowEgress/);
  });

  test('fails when a policy takes the reserved name default-deny', () => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' }).allowEgress(Peer.namespace('x'), [Port.HTTPS], { policyName: 'default-deny', pods: { app: 'x' } });
    expect(() => render(cluster)).toThrow(/\[test\/shop\] NetworkPolicy shop\/default-deny is declared twice \(first at test\/shop\): rename the policy/);
  });
});

describe('NetworkPolicy renderer: stated downgrades', () => {
  test('Downgrade.toCidrs renders ipBlocks and says so in a comment', () => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs(['140.82.112.0/20'], 'GitHub meta ranges') });
    const policy = findPolicy(render(cluster), 'shop', 'app')!;
    expect((policy.object as any).spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '140.82.112.0/20' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
    expect(policy.comments!.get('spec.egress.0')).toBe('egress to fqdn:api.github.com on tcp/443\nfqdn:api.github.com downgraded to ipBlock 140.82.112.0/20 (GitHub meta ranges)');
  });

  test('Downgrade.skip leaves the rule out; a policy left with no rule is not emitted (never `egress: []`) and the namespace default-deny says why', () => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.host(), [Port.tcp(10250)], { description: 'kubelet', downgrade: Downgrade.skip('not needed on edge') });
    const objects = render(cluster);
    expect(findPolicy(objects, 'shop', 'app')).toBeUndefined();
    expect(findPolicy(objects, 'shop', 'default-deny')!.comments!.get('')).toMatch(/Not rendered on NetworkPolicy \(so denied here\):\n- app, egress: kubelet \(entity:host\): skipped \(not needed on edge\)$/);
  });

  test('Downgrade.skip of one rule keeps the others and says so in the policy comment', () => {
    const { cluster } = k8sCluster();
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.host(), [Port.tcp(10250)], { description: 'kubelet', downgrade: Downgrade.skip('not needed on edge') })
      .allowEgress(Peer.namespace('db'), [Port.POSTGRES], { description: 'database' });
    const policy = findPolicy(render(cluster), 'shop', 'app')!;
    expect((policy.object as any).spec.egress).toHaveLength(1);
    expect(policy.comments!.get('')).toMatch(/Not rendered on NetworkPolicy:\n- egress: kubelet \(entity:host\): skipped \(not needed on edge\)$/);
  });

  test('a downgrade on a profile rule applies in every namespace of the profile', () => {
    const { cluster } = k8sCluster();
    new Profile(cluster, 'batch', { egress: [{ peer: Peer.fqdnPattern('*.s3.amazonaws.com'), ports: [Port.HTTPS], downgrade: Downgrade.toCidrs(['52.216.0.0/15'], 'AWS ip-ranges.json, S3 us-east-1') }] });
    new AppNamespace(cluster, 'a', { profile: 'batch' });
    new AppNamespace(cluster, 'b', { profile: 'batch' });
    const objects = render(cluster);
    expect(namespacesOf(objects, 'profile-batch')).toEqual(['a', 'b']);
    expect(specOf(objects, 'b', 'profile-batch').egress[0].to).toEqual([{ ipBlock: { cidr: '52.216.0.0/15' } }]);
  });
});

describe('NetworkPolicy renderer: canonical output', () => {
  test('rules that map to the same NetworkPolicy rule are emitted once, with both reasons', () => {
    const { cluster } = k8sCluster();
    const nodes = Downgrade.toCidrs(['10.20.0.0/24'], 'node subnet');
    new AppNamespace(cluster, 'shop', { profile: 'isolated' })
      .allowEgress(Peer.host(), [Port.tcp(10250)], { description: 'kubelet here', downgrade: nodes })
      .allowEgress(Peer.remoteNode(), [Port.tcp(10250)], { description: 'kubelet there', downgrade: nodes });
    const policy = findPolicy(render(cluster), 'shop', 'app')!;
    expect((policy.object as any).spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.20.0.0/24' } }], ports: [{ protocol: 'TCP', port: 10250 }] }]);
    expect(policy.comments!.get('spec.egress.0')).toMatch(/^kubelet here\n.*\nkubelet there\n/);
  });
});

describe('NetworkPolicy renderer: the API server', () => {
  test('without an address, a rule to the API server may state a downgrade instead', () => {
    const { cluster } = k8sCluster({ kubernetes: {} });
    new AppNamespace(cluster, 'ops', { profile: 'isolated' })
      .allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], { downgrade: Downgrade.toCidrs(['10.0.0.1/32'], 'the control plane VIP') });
    expect(specOf(render(cluster), 'ops', 'app').egress[0].to).toEqual([{ ipBlock: { cidr: '10.0.0.1/32' } }]);
  });
});
