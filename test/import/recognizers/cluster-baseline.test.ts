import { describe, expect, it } from 'vitest';
import { clusterBaselineRecognizer } from '../../../src/import/recognizers/cluster-baseline';
import { contextOf, flowChanges, loadDist, names, runRecognizers, yaml } from './helpers';

describe('cluster-baseline recognizer', () => {
  const homelab = loadDist('dist/homelab');

  it('turns the homelab baselines back into new ClusterBaseline(cluster, \'baseline\'), claiming exactly them', () => {
    const items = clusterBaselineRecognizer.recognize(homelab, contextOf(homelab));
    expect(items).toHaveLength(1);
    expect(items[0].statements).toEqual([{ kind: 'new', construct: 'ClusterBaseline', scope: 'cluster', id: 'baseline' }]);
    expect(items[0].clusterProps).toBeUndefined();
    expect(names(items[0].covers)).toEqual([
      'CiliumClusterwideNetworkPolicy baseline-dns', 'CiliumClusterwideNetworkPolicy baseline-dns-server',
      'CiliumClusterwideNetworkPolicy baseline-health', 'CiliumClusterwideNetworkPolicy baseline-health-endpoint',
      'CiliumClusterwideNetworkPolicy baseline-prometheus', 'CiliumClusterwideNetworkPolicy baseline-prometheus-scrape',
      'CiliumClusterwideNetworkPolicy enforcement-disabled', 'PrometheusRule monitoring/network-policy-enforcement',
    ]);
  });

  it('changes no flow', () => {
    const { items } = runRecognizers([clusterBaselineRecognizer], homelab);
    expect(flowChanges(homelab, items)).toEqual([]);
  });
});

/** A hand-written baseline: another Prometheus, metrics on 9100 and 8080, kubelet probes from the nodes, no ambient source, no alerts. */
const HAND_WRITTEN = `
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: allow-dns }
spec:
  endpointSelector: {}
  egress:
    - toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns } }]
      toPorts: [{ ports: [{ port: "53", protocol: UDP }, { port: "53", protocol: TCP }], rules: { dns: [{ matchPattern: "*" }] } }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: dns-server }
spec:
  endpointSelector: { matchLabels: { io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns } }
  ingress:
    - fromEntities: [cluster]
      toPorts: [{ ports: [{ port: "53", protocol: UDP }, { port: "53", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: health }
spec:
  endpointSelector: {}
  ingress:
    - fromEntities: [health]
    - fromEntities: [remote-node]
      toPorts: [{ ports: [{ port: "10250", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: scrape }
spec:
  endpointSelector: {}
  ingress:
    - fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: observability, app: vmagent } }]
      toPorts: [{ ports: [{ port: "9100", protocol: TCP }, { port: "8080", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: vmagent }
spec:
  endpointSelector: { matchLabels: { io.kubernetes.pod.namespace: observability, app: vmagent } }
  egress:
    - toEndpoints: [{ matchExpressions: [{ key: io.kubernetes.pod.namespace, operator: Exists }] }]
      toPorts: [{ ports: [{ port: "8080", protocol: TCP }, { port: "9100", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: escape-hatch }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.network-policy.homelab/enforcement: disabled } }
  ingress: [{ fromEntities: [all] }]
  egress: [{ toEntities: [all] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: health-endpoint }
spec:
  endpointSelector: { matchLabels: { "reserved:health": "" } }
  ingress:
    - fromEntities: [remote-node]
      toPorts: [{ ports: [{ port: "4240", protocol: TCP }] }]
    - fromEntities: [remote-node]
      icmps: [{ fields: [{ family: IPv4, type: 8 }, { family: IPv6, type: 128 }] }]
  egress:
    - toEntities: [remote-node]
      toPorts: [{ ports: [{ port: "4240", protocol: TCP }] }]
    - toEntities: [remote-node]
      icmps: [{ fields: [{ family: IPv4, type: 8 }, { family: IPv6, type: 128 }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: something-else }
spec:
  endpointSelector: {}
  egress:
    - toEntities: [world]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
---
apiVersion: v1
kind: Namespace
metadata: { name: observability }
---
apiVersion: v1
kind: Namespace
metadata: { name: apps }
`;

describe('cluster-baseline recognizer on hand-written policies', () => {
  it('reads the settings and options they imply, and leaves the rest unclaimed', () => {
    const input = yaml(HAND_WRITTEN);
    const { items, remaining } = runRecognizers([clusterBaselineRecognizer], input);
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items[0].clusterProps)).toBe(JSON.stringify([
      ['prometheus', { kind: 'call', callee: 'Peer.pods', args: ['observability', { kind: 'object', entries: [['app', 'vmagent']] }] }],
      ['metricsPorts', [{ kind: 'call', callee: 'Port.tcp', args: [9100] }, { kind: 'call', callee: 'Port.tcp', args: [8080] }]],
    ]));
    const props = items[0].statements[0].kind === 'new' ? items[0].statements[0].props : undefined;
    expect(JSON.stringify(props)).toContain('"ambientProbes",false');
    expect(JSON.stringify(props)).toContain('"alerts",false');
    expect(JSON.stringify(props)).toContain('Peer.remoteNode');
    expect(names(remaining)).toEqual(['CiliumClusterwideNetworkPolicy something-else', 'Namespace apps', 'Namespace observability']);
    expect(flowChanges(input, items)).toEqual([]);
  });

  it('claims nothing when a piece the baseline always writes is missing (no escape hatch)', () => {
    const input = yaml(HAND_WRITTEN).filter((m) => m.object.metadata.name !== 'escape-hatch');
    expect(clusterBaselineRecognizer.recognize(input, contextOf(input))).toEqual([]);
  });

  it('claims nothing when the DNS rule lacks the DNS proxy rule', () => {
    const input = yaml(HAND_WRITTEN.replace(', rules: { dns: [{ matchPattern: "*" }] }', ''));
    expect(clusterBaselineRecognizer.recognize(input, contextOf(input))).toEqual([]);
  });

  it('claims nothing when DNS is allowed on every protocol: Cilium reads a port without protocol as TCP, UDP and SCTP', () => {
    const input = yaml(HAND_WRITTEN.replace('toPorts: [{ ports: [{ port: "53", protocol: UDP }, { port: "53", protocol: TCP }], rules', 'toPorts: [{ ports: [{ port: "53" }], rules'));
    expect(clusterBaselineRecognizer.recognize(input, contextOf(input))).toEqual([]);
  });

  it('the flow proof can fail: the same claim with the wrong code changes flows', () => {
    const input = yaml(HAND_WRITTEN);
    const [item] = runRecognizers([clusterBaselineRecognizer], input).items;
    const wrong = { ...item, clusterProps: item.clusterProps?.filter(([key]) => key !== 'metricsPorts') };
    expect(flowChanges(input, [wrong]).length).toBeGreaterThan(0);
  });
});
