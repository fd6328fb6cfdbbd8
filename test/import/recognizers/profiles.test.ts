import { describe, expect, it } from 'vitest';
import { clusterBaselineRecognizer } from '../../../src/import/recognizers/cluster-baseline';
import { profilesRecognizer } from '../../../src/import/recognizers/profiles';
import { flowChanges, loadDist, names, runRecognizers, yaml } from './helpers';

describe('profiles recognizer', () => {
  const homelab = loadDist('dist/homelab');

  it('turns the homelab profiles back into Profile.builtins(cluster), with appPorts [8080]', () => {
    const { items } = runRecognizers([clusterBaselineRecognizer, profilesRecognizer], homelab);
    expect(items).toHaveLength(2);
    const profiles = items[1];
    expect(profiles.statements).toEqual([{ kind: 'call', callee: 'Profile.builtins', args: [{ kind: 'ref', name: 'cluster' }] }]);
    expect(profiles.clusterProps).toEqual([['appPorts', [{ kind: 'call', callee: 'Port.tcp', args: [8080] }]]]);
    expect(names(profiles.covers)).toEqual([
      'CiliumClusterwideNetworkPolicy gateway-external', 'CiliumClusterwideNetworkPolicy gateway-internal',
      'CiliumClusterwideNetworkPolicy profile-internal', 'CiliumClusterwideNetworkPolicy profile-internal-egress',
      'CiliumClusterwideNetworkPolicy profile-internal-hbone', 'CiliumClusterwideNetworkPolicy profile-standard',
      'CiliumClusterwideNetworkPolicy profile-standard-hbone',
    ]);
    expect(flowChanges(homelab, items)).toEqual([]);
  });
});

describe('profiles recognizer: near misses and hand-written profiles', () => {
  const homelab = loadDist('dist/homelab');

  it('a built-in whose rules differ becomes a custom Profile; the others stay built-ins; the orphaned gateway side stays unclaimed', () => {
    // profile-standard (and its HBONE companion) without the external gateway's ingress: no longer the built-in.
    const input = homelab.map((m) => {
      if (!['profile-standard', 'profile-standard-hbone'].includes(m.object.metadata.name)) return m;
      const spec = m.object.spec as { ingress: { fromEndpoints: { matchLabels: Record<string, string> }[] }[] };
      const ingress = spec.ingress.filter((r) => r.fromEndpoints[0].matchLabels['gateway.networking.k8s.io/gateway-name'] !== 'external');
      return { ...m, object: { ...m.object, spec: { ...spec, ingress } } };
    });
    const { items, remaining } = runRecognizers([clusterBaselineRecognizer, profilesRecognizer], input);
    const code = JSON.stringify(items[1].statements);
    expect(code).not.toContain('Profile.builtins');
    expect(code).toContain('"callee":"Profile.isolated"');
    expect(code).toContain('"callee":"Profile.internalEgress"');
    expect(items[1].statements).toContainEqual({
      kind: 'new', construct: 'Profile', scope: 'cluster', id: 'standard', props: {
        kind: 'object', entries: [
          ['gateways', ['internal']],
          ['egress', [{ kind: 'object', entries: [['peer', { kind: 'call', callee: 'Peer.world', args: [] }], ['ports', [{ kind: 'ref', name: 'Port.HTTPS' }]]] }]],
          ['description', 'Ingress from the internal and external gateways; egress DNS (baseline) and HTTPS to the internet.'],
        ],
      },
    });
    expect(names(remaining)).toContain('CiliumClusterwideNetworkPolicy gateway-external');
    expect(flowChanges(input, items)).toEqual([]);
  });

  it('a hand-written profile without the gateways\' side, and a port with no protocol (every protocol)', () => {
    const input = yaml(`
apiVersion: v1
kind: Namespace
metadata: { name: jobs, labels: { network-policy.homelab/profile: batch } }
---
apiVersion: v1
kind: Namespace
metadata: { name: web, labels: { network-policy.homelab/profile: web } }
---
apiVersion: v1
kind: Namespace
metadata: { name: istio-gateway }
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: batch }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.network-policy.homelab/profile: batch } }
  egress:
    - toFQDNs: [{ matchName: ghcr.io }]
      toPorts: [{ ports: [{ port: "443" }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: web }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.network-policy.homelab/profile: web } }
  ingress:
    - fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: istio-gateway, gateway.networking.k8s.io/gateway-name: internal } }]
      toPorts: [{ ports: [{ port: "3000", protocol: TCP }] }]
`);
    const { items, remaining } = runRecognizers([profilesRecognizer], input);
    expect(items).toHaveLength(1);
    expect(names(items[0].covers)).toEqual(['CiliumClusterwideNetworkPolicy batch', 'CiliumClusterwideNetworkPolicy web']);
    expect(names(remaining)).toEqual(['Namespace istio-gateway', 'Namespace jobs', 'Namespace web']);
    const code = JSON.stringify(items[0].statements);
    expect(code).toContain('"Port.HTTPS"');
    expect(code).toContain('"Port.udp","args":[443]');
    expect(code).toContain('"Port.sctp","args":[443]');
    expect(code).toContain('"Peer.pods","args":["istio-gateway"');
    expect(flowChanges(input, items)).toEqual([]);
  });

  it('claims nothing it cannot say: a profile policy with a deny rule stays as it is', () => {
    const input = yaml(`
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: odd }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.network-policy.homelab/profile: odd } }
  egressDeny:
    - toEntities: [world]
`);
    expect(runRecognizers([profilesRecognizer], input).items).toEqual([]);
  });
});
