import { describe, expect, test } from 'vitest';
import { allowRule, canonicalRules, Peer, Port } from '../../src';

describe('allowRule', () => {
  test('describes itself from peer and ports by default', () => {
    expect(allowRule('egress', Peer.fqdn('api.github.com'), [Port.HTTPS], 'x').description).toBe('egress to fqdn:api.github.com on tcp/443');
  });

  test('fails when the rule has no ports (any port), showing the fix', () => {
    expect(() => allowRule('egress', Peer.namespace('db'), [], 'homelab/blog')).toThrow(/\[homelab\/blog\] The egress rule to ns:db has no ports, which would allow any port: list the ports/);
  });

  test('fails when ingress comes from a DNS name', () => {
    expect(() => allowRule('ingress', Peer.fqdn('example.com'), [Port.HTTPS], 'x')).toThrow(/DNS names only select egress destinations/);
  });
});

describe('canonicalRules', () => {
  const dns = allowRule('egress', Peer.namespace('kube-system'), [Port.DNS_UDP], 'x', { description: 'dns' });
  const dnsTcp = allowRule('egress', Peer.namespace('kube-system'), [Port.DNS_TCP], 'x', { description: 'dns' });
  const web = allowRule('egress', Peer.world(), [Port.HTTPS, Port.HTTPS], 'x', { description: 'web' });

  test('merges rules to the same peer and removes duplicate ports', () => {
    const rules = canonicalRules([dns, web, dnsTcp]);
    expect(rules.map((r) => `${r.peer} ${r.ports.map(String).join(',')}`)).toEqual(['entity:world tcp/443', 'ns:kube-system tcp/53,udp/53']);
  });

  test('gives the same result in any input order', () => {
    const a = canonicalRules([dns, web, dnsTcp]);
    const b = canonicalRules([web, dnsTcp, dns]);
    expect(b.map((r) => [String(r.peer), r.ports.map(String)])).toEqual(a.map((r) => [String(r.peer), r.ports.map(String)]));
  });

  test('drops ports covered by a range', () => {
    const rules = canonicalRules([allowRule('ingress', Peer.namespace('a'), [Port.tcp(8080), Port.tcpRange(8000, 8100)], 'x')]);
    expect(rules[0].ports.map(String)).toEqual(['tcp/8000-8100']);
  });
});
