import { App } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { Downgrade, NetpolCluster, Peer, Port, Profile, Renderer, allowRule, canonicalRules, problemsOf, problemsOfValue } from '../../src';

describe('NetpolCluster kubernetes options', () => {
  test('defaults: no API server address, the CNI enforces NetworkPolicy', () => {
    const cluster = new NetpolCluster(new App(), 'edge', { renderer: Renderer.KUBERNETES });
    expect(cluster.kubernetes).toEqual({ apiServerCidrs: [], enforced: true });
  });

  test('the API server CIDRs are checked, deduplicated and sorted', () => {
    const cluster = new NetpolCluster(new App(), 'edge', { kubernetes: { apiServer: { cidrs: ['10.0.0.2/32', '10.0.0.1/32', '10.0.0.2/32'] }, enforced: false } });
    expect(cluster.kubernetes).toEqual({ apiServerCidrs: ['10.0.0.1/32', '10.0.0.2/32'], enforced: false });
  });

  test.each([
    [[], /\[edge\] kubernetes.apiServer.cidrs is empty: list the API server addresses, e.g. \{ apiServer: \{ cidrs: \['192.168.1.10\/32'\] \} \}/],
    [['192.168.1.10'], /Invalid CIDR "192.168.1.10" in kubernetes.apiServer.cidrs: mask missing. Did you mean "192.168.1.10\/32"\?/],
  ])('fails when the API server CIDRs are %j', (cidrs, message) => {
    expect(problemsOf(new NetpolCluster(new App(), 'edge', { kubernetes: { apiServer: { cidrs } } })).messages.map((m) => `[edge] ${m}`).join('\n')).toMatch(message);
  });
});

describe('Downgrade', () => {
  test('toCidrs checks, deduplicates and sorts the ranges and describes itself', () => {
    const downgrade = Downgrade.toCidrs(['192.30.252.0/22', '140.82.112.0/20', '140.82.112.0/20'], ' GitHub meta ');
    expect(downgrade.spec).toEqual({ kind: 'cidrs', cidrs: ['140.82.112.0/20', '192.30.252.0/22'], reason: 'GitHub meta' });
    expect(String(downgrade)).toBe('downgraded to ipBlock 140.82.112.0/20, 192.30.252.0/22 (GitHub meta)');
  });

  test('skip describes itself', () => {
    expect(String(Downgrade.skip('no internet on edge'))).toBe('skipped (no internet on edge)');
  });

  test.each([
    ['toCidrs without ranges', () => Downgrade.toCidrs([], 'x'), /Downgrade.toCidrs needs at least one CIDR/],
    ['toCidrs with a bad range', () => Downgrade.toCidrs(['140.82.112.0'], 'x'), /Invalid CIDR "140.82.112.0" in Downgrade.toCidrs: mask missing. Did you mean "140.82.112.0\/32"\?/],
    ['toCidrs without a reason', () => Downgrade.toCidrs(['140.82.112.0/20'], ' '), /Downgrade.toCidrs needs a reason \(the one given is blank\): say why the NetworkPolicy rendering may lose this rule's precision/],
    ['skip without a reason', () => Downgrade.skip(''), /Downgrade.skip needs a reason/],
  ])('fails for %s', (_, build, message) => {
    expect(problemsOfValue(build())).toEqual([expect.stringMatching(message)]);
  });

  test('rides on the rule; rules differing only in their downgrade are not merged', () => {
    const a = allowRule('egress', Peer.fqdn('a.example'), [Port.HTTPS], 'x', { downgrade: Downgrade.skip('one') });
    const b = allowRule('egress', Peer.fqdn('a.example'), [Port.HTTPS], 'x', { downgrade: Downgrade.skip('two') });
    expect(a.downgrade?.spec).toEqual({ kind: 'skip', reason: 'one' });
    expect(canonicalRules([a, b])).toHaveLength(2);
    expect(allowRule('egress', Peer.fqdn('a.example'), [Port.HTTPS], 'x')).not.toHaveProperty('downgrade');
  });
});

describe('built-in profiles with a cluster-specific internet egress', () => {
  test.each([
    ['internalEgress', Profile.internalEgress],
    ['standard', Profile.standard],
  ])('Profile.%s takes the egress rules and says so in its description', (_, factory) => {
    const cluster = new NetpolCluster(new App(), 'edge');
    const gateway = Peer.cidr('100.64.0.1/32', { reason: 'tailnet gateway' });
    const profile = factory(cluster, { egress: [{ peer: gateway, ports: [Port.HTTPS], description: 'egress to the gateway' }] });
    const [policy] = profile.policies(cluster);
    expect(policy.egress.map((r) => `${r.peer} ${r.ports.join(',')}`)).toEqual(['cidr:100.64.0.1/32 tcp/443']);
    expect(policy.description).toMatch(/egress DNS \(baseline\) and egress to the gateway\.$/);
  });

  test('without options the profiles keep HTTPS to the world', () => {
    const cluster = new NetpolCluster(new App(), 'homelab');
    const [policy] = Profile.standard(cluster).policies(cluster);
    expect(policy.egress.map((r) => `${r.peer} ${r.ports.join(',')}`)).toEqual(['entity:world tcp/443']);
    expect(policy.description).toMatch(/HTTPS to the internet\.$/);
  });

  test('Profile.builtins passes the egress to internal-egress and standard only', () => {
    const cluster = new NetpolCluster(new App(), 'edge');
    const egress = [{ peer: Peer.cidr('100.64.0.1/32', { reason: 'tailnet gateway' }), ports: [Port.HTTPS] }];
    const withEgress = Profile.builtins(cluster, { egress }).filter((p) => p.policies(cluster)[0]?.egress.length).map((p) => p.profileName);
    expect(withEgress).toEqual(['internal-egress', 'standard']);
  });
});
