import { describe, expect, test } from 'vitest';
import { Peer, Port, withHbone, type ClusterIntent, type NamespaceIntent, type PolicyIntent, type Rule, type Subject } from '../../src';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };

function ns(name: string, labels: Record<string, string> = {}): NamespaceIntent {
  return { name, role: 'app', labels, annotations: {}, group: `app-${name}`, constructPath: `t/${name}` };
}

function rule(peer: Peer, ...ports: Port[]): Rule {
  return { peer, ports, description: `rule ${peer}` };
}

function policy(name: string, subject: Subject, ingress: Rule[], egress: Rule[] = [], namespace?: string): PolicyIntent {
  return { name, ...(namespace ? { namespace } : {}), subject, ingress, egress, description: name, group: 'profiles', constructPath: `t/${name}` };
}

function cluster(namespaces: NamespaceIntent[], policies: PolicyIntent[]): ClusterIntent {
  return { name: 't', namespaces, policies };
}

/** `peer ports` lines of a direction, for compact assertions. */
function lines(rules: readonly Rule[]): string[] {
  return rules.map((r) => `${r.peer} ${r.ports.map(String).join(',')}`);
}

describe('withHbone', () => {
  test('without a meshed namespace the intent is unchanged', () => {
    const intent = cluster([ns('a'), ns('b')], [policy('app', { namespace: 'a', podLabels: {} }, [rule(Peer.namespace('b'), Port.tcp(8080))], [], 'a')]);
    expect(withHbone(intent)).toBe(intent);
  });

  test('a meshed destination admits meshed peers on 15008 in the same rule, keeping the application port', () => {
    // GIVEN a and b in the mesh, c outside it, and a's ingress from all three
    const intent = cluster([ns('a', AMBIENT), ns('b', AMBIENT), ns('c')], [policy('app', { namespace: 'a', podLabels: {} }, [
      rule(Peer.pods('b', { app: 'web' }), Port.tcp(8080)),
      rule(Peer.namespace('c'), Port.tcp(8080)),
      rule(Peer.namespace('b'), Port.DNS_UDP),
      rule(Peer.world(), Port.HTTPS),
    ], [], 'a')]);
    // WHEN the HBONE rules are added
    const [app] = withHbone(intent).policies;
    // THEN only the TCP rule from meshed pods gains 15008
    expect(lines(app.ingress)).toEqual(['entity:world tcp/443', 'ns:b udp/53', 'ns:c tcp/8080', 'pods:b{app=web} tcp/8080,tcp/15008']);
  });

  test('a meshed source allows 15008 to meshed destinations only', () => {
    const intent = cluster([ns('a', AMBIENT), ns('b', AMBIENT), ns('c')], [policy('app', { namespace: 'a', podLabels: {} }, [], [
      rule(Peer.pods('b', { app: 'db' }), Port.tcp(5432)),
      rule(Peer.pods('c', { app: 'db' }), Port.tcp(5432)),
    ], 'a')]);
    expect(lines(withHbone(intent).policies[0].egress)).toEqual(['pods:b{app=db} tcp/5432,tcp/15008', 'pods:c{app=db} tcp/5432']);
  });

  test('a cluster-wide policy selecting namespaces by label gets a companion for its meshed namespaces, peers narrowed to the mesh', () => {
    // GIVEN profile p held by a (meshed) and b (not), admitting namespaces labelled team=x
    const profile = policy('profile-p', { namespaceLabels: { profile: 'p' }, podLabels: {} }, [rule(Peer.namespacesLabelled({ team: 'x' }), Port.tcp(8080))]);
    const intent = cluster([ns('a', { ...AMBIENT, profile: 'p', team: 'x' }), ns('b', { profile: 'p' })], [profile]);
    // WHEN the HBONE rules are added
    const policies = withHbone(intent).policies;
    // THEN the profile is unchanged and profile-p-hbone selects only its meshed namespaces
    expect(policies[0]).toBe(profile);
    expect(policies[1].name).toBe('profile-p-hbone');
    expect(policies[1].subject).toEqual({ namespaceLabels: { 'istio.io/dataplane-mode': 'ambient', profile: 'p' }, podLabels: {} });
    expect(lines(policies[1].ingress)).toEqual(['namespaces{istio.io/dataplane-mode=ambient,team=x} tcp/15008']);
  });

  test('no companion when none of the namespaces a policy selects is meshed', () => {
    const intent = cluster([ns('a', AMBIENT), ns('b', { profile: 'p' })], [
      policy('profile-p', { namespaceLabels: { profile: 'p' }, podLabels: {} }, [rule(Peer.namespace('a'), Port.tcp(8080))]),
    ]);
    expect(withHbone(intent).policies.map((p) => p.name)).toEqual(['profile-p']);
  });

  test('gateways are HBONE clients: their egress to meshed pods and the meshed pods\' ingress from them carry 15008', () => {
    // GIVEN a gateway outside the mesh that reaches a (meshed) and b (not)
    const gateway: Subject = { namespace: 'gw', podLabels: { gateway: 'external' } };
    const intent = cluster([ns('a', AMBIENT), ns('b'), ns('gw')], [
      policy('gateway-external', gateway, [], [rule(Peer.namespace('a'), Port.tcp(8080)), rule(Peer.namespace('b'), Port.tcp(8080))], 'gw'),
      policy('app', { namespace: 'a', podLabels: {} }, [rule(Peer.pods('gw', { gateway: 'external' }), Port.tcp(8080))], [], 'a'),
    ]);
    // WHEN the gateway is declared an HBONE client
    const [egress, ingress] = withHbone(intent, { hboneClients: [gateway] }).policies;
    // THEN 15008 goes to a only, and a admits the gateway on it
    expect(lines(egress.egress)).toEqual(['ns:a tcp/8080,tcp/15008', 'ns:b tcp/8080']);
    expect(lines(ingress.ingress)).toEqual(['pods:gw{gateway=external} tcp/8080,tcp/15008']);
  });

  test('rules on every port and entity peers get no twin', () => {
    const intent = cluster([ns('a', AMBIENT)], [policy('app', { namespace: 'a', podLabels: {} }, [
      { peer: Peer.namespace('a'), ports: [], description: 'any', anyPortReason: 'test' },
      rule(Peer.health(), Port.tcp(4240)),
    ], [], 'a')]);
    expect(withHbone(intent).policies[0].ingress.map((r) => r.ports.map(String))).toEqual([[], ['tcp/4240']]);
  });
});
