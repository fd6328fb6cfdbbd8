import { describe, expect, it } from 'vitest';
import { RECOGNIZERS } from '../../../src/import/recognizers';
import { connectionsRecognizer } from '../../../src/import/recognizers/connections';
import { flowChanges, loadDist, names, runRecognizers, yaml } from './helpers';

describe('connections recognizer', () => {
  const homelab = loadDist('dist/homelab');

  it('turns the homelab connections back into Connections, the gateway by name', () => {
    const { items } = runRecognizers(RECOGNIZERS.slice(0, 4), homelab);
    const connections = items.filter((i) => i.statements.some((s) => s.kind === 'new' && s.construct === 'Connection'));
    expect(connections.map((i) => i.statements)).toEqual([
      [{ kind: 'new', construct: 'Connection', scope: 'cluster', id: 'gateway-serves-grafana', props: { kind: 'object', entries: [
        ['from', { kind: 'call', callee: 'Peer.gateway', args: ['internal'] }],
        ['to', { kind: 'call', callee: 'Peer.pods', args: ['monitoring', { kind: 'object', entries: [['app.kubernetes.io/name', 'grafana']] }] }],
        ['ports', [{ kind: 'call', callee: 'Port.tcp', args: [3000] }]],
      ] } }],
      [{ kind: 'new', construct: 'Connection', scope: 'cluster', id: 'grafana-queries-prometheus', props: { kind: 'object', entries: [
        ['from', { kind: 'call', callee: 'Peer.pods', args: ['monitoring', { kind: 'object', entries: [['app.kubernetes.io/name', 'grafana']] }] }],
        ['to', { kind: 'call', callee: 'Peer.pods', args: ['monitoring', { kind: 'object', entries: [['app.kubernetes.io/name', 'prometheus']] }] }],
        ['ports', [{ kind: 'call', callee: 'Port.tcp', args: [9090] }]],
      ] } }],
    ]);
    expect(names(connections.flatMap((i) => i.covers))).toEqual([
      'CiliumNetworkPolicy istio-gateway/gateway-serves-grafana-egress', 'CiliumNetworkPolicy monitoring/gateway-serves-grafana-ingress',
      'CiliumNetworkPolicy monitoring/grafana-queries-prometheus-egress', 'CiliumNetworkPolicy monitoring/grafana-queries-prometheus-ingress',
    ]);
    expect(connections.map((i) => i.file)).toEqual(['namespaces/monitoring', 'namespaces/monitoring']);
    expect(flowChanges(homelab, items)).toEqual([]);
  });

  it('leaves a pair whose sides disagree (other ports on each end) unclaimed', () => {
    const input = yaml(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: web-db-egress, namespace: web }
spec:
  endpointSelector: { matchLabels: { app: web } }
  egress: [{ toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: db, app: pg } }], toPorts: [{ ports: [{ port: "5432", protocol: TCP }] }] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: web-db-ingress, namespace: db }
spec:
  endpointSelector: { matchLabels: { app: pg } }
  ingress: [{ fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: web, app: web } }], toPorts: [{ ports: [{ port: "5433", protocol: TCP }] }] }]
`);
    expect(connectionsRecognizer.recognize(input, { renderer: 'cilium' as never, namespaces: new Map([['db', undefined], ['web', undefined]]) })).toEqual([]);
  });

  it('a hand-written pair with ports of every protocol, and a one-sided ingress from the world', () => {
    const input = yaml(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: web-db-egress, namespace: web }
spec:
  endpointSelector: { matchLabels: { app: web } }
  egress: [{ toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: db, app: pg } }], toPorts: [{ ports: [{ port: "5432" }] }] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: web-db-ingress, namespace: db }
spec:
  endpointSelector: { matchLabels: { app: pg } }
  ingress: [{ fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: web, app: web } }], toPorts: [{ ports: [{ port: "5432", protocol: ANY }] }] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: public-ingress, namespace: web }
spec:
  endpointSelector: { matchLabels: { app: web } }
  ingress: [{ fromEntities: [world], toPorts: [{ ports: [{ port: "443", protocol: TCP }] }] }]
`);
    const { items, remaining } = runRecognizers([connectionsRecognizer], input);
    expect(remaining).toEqual([]);
    expect(items.map((i) => i.statements[0].kind === 'new' ? i.statements[0].id : '')).toEqual(['public', 'web-db']);
    expect(JSON.stringify(items[1].statements)).toContain('"Port.sctp","args":[5432]');
    expect(flowChanges(input, items)).toEqual([]);
  });
});
