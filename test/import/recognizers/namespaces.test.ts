import { describe, expect, it } from 'vitest';
import type { CodeStatement, ImportItem } from '../../../src/import/code-model';
import { RECOGNIZERS } from '../../../src/import/recognizers';
import { namespacesRecognizer } from '../../../src/import/recognizers/namespaces';
import { flowChanges, loadDist, names, runRecognizers, yaml } from './helpers';

/** A compact reading of the statements: `new Kind id {props}` and `binding.method(args)`. */
function text(items: readonly ImportItem[]): string[] {
  const value = (v: unknown): string => JSON.stringify(v, (_k, x: { kind?: string; callee?: string; args?: unknown[]; name?: string; entries?: [string, unknown][] }) => {
    if (x && typeof x === 'object' && x.kind === 'call') return `${x.callee}(${(x.args ?? []).map(value).join(', ')})`;
    if (x && typeof x === 'object' && x.kind === 'ref') return x.name;
    if (x && typeof x === 'object' && x.kind === 'object') return Object.fromEntries(x.entries ?? []);
    return x;
  }).replace(/\\"/g, "'").replace(/"/g, '');
  return items.flatMap((i) => i.statements).map((s: CodeStatement) => {
    if (s.kind === 'new') return `new ${s.construct} ${s.id}${s.props ? ` ${value(s.props)}` : ''}`;
    if (s.kind === 'call') return `${s.callee}(${s.args.map(value).join(', ')})`;
    return `${s.target}.${s.method}(${s.args.map(value).join(', ')})`;
  });
}

describe('namespaces recognizer', () => {
  const homelab = loadDist('dist/homelab');

  it('imports all of dist/homelab: every manifest claimed, code close to platform/*.ts, zero flow change', () => {
    const { items, remaining } = runRecognizers(RECOGNIZERS, homelab);
    expect(names(remaining)).toEqual([]);
    const namespaces = text(items.filter((i) => i.file.startsWith('namespaces/') && i.statements[0].kind === 'new' && i.statements[0].construct !== 'Connection'));
    expect(namespaces).toEqual([
      'new PlatformNamespace database {mesh:true}',
      "database.allowWithinNamespace([Port.tcp(3901)], {pods:{app.kubernetes.io/name:garage}})",
      "new AppNamespace demo-disabled {profile:isolated,disableEnforcement:{reason:demo of the escape hatch: alerts fire while it is on}}",
      'new AppNamespace demo-internal {profile:internal,mesh:true}',
      "demoInternal.allowEgress(Peer.fqdn(api.github.com), [Port.HTTPS])",
      'new AppNamespace demo-internal-egress {profile:internal-egress,access:[dragonfly,garage-s3]}',
      'new AppNamespace demo-isolated {profile:isolated,access:[kube-api]}',
      'new AppNamespace demo-standard {profile:standard,access:[postgres],mesh:true}',
      'new PlatformNamespace istio-gateway',
      'istioGateway.allowIngress(Peer.world(), [Port.HTTP,Port.HTTPS])',
      "istioGateway.allowEgress(Peer.pods(istio-system, {app:istiod}), [Port.tcp(15012)])",
      'new PlatformNamespace istio-system',
      "istioSystem.allowIngress(Peer.kubeApiServer(), [Port.tcp(15017)], {pods:{app:istiod}})",
      "istioSystem.allowIngress(Peer.pods(istio-system, {app:ztunnel}), [Port.tcp(15012)], {pods:{app:istiod}})",
      "istioSystem.allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], {pods:{app:istiod}})",
      'new PlatformNamespace kube-system',
      "kubeSystem.allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], {pods:{k8s-app:kube-dns}})",
      "kubeSystem.allowEgress(Peer.world(), [Port.DNS_TCP,Port.DNS_UDP], {pods:{k8s-app:kube-dns}})",
      'new PlatformNamespace monitoring',
      "monitoring.allowEgress(Peer.host(), [Port.tcp(9100),Port.tcp(10250)], {pods:{app.kubernetes.io/name:prometheus}})",
      "monitoring.allowEgress(Peer.kubeApiServer(), [Port.KUBE_API], {pods:{app.kubernetes.io/name:prometheus}})",
      "monitoring.allowEgress(Peer.remoteNode(), [Port.tcp(9100),Port.tcp(10250)], {pods:{app.kubernetes.io/name:prometheus}})",
    ]);
    expect(flowChanges(homelab, items)).toEqual([]);
  });
});

describe('namespaces recognizer on hand-written policies', () => {
  const input = yaml(`
apiVersion: v1
kind: Namespace
metadata: { name: media, labels: { team: home } }
---
apiVersion: v1
kind: Namespace
metadata: { name: downloads }
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: allow-sonarr, namespace: media }
spec:
  endpointSelector: { matchLabels: { app: sonarr } }
  egress:
    - toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: downloads, app: qbittorrent } }]
      toPorts: [{ ports: [{ port: "8080" }] }]
    - toFQDNs: [{ matchPattern: "*.thetvdb.com" }]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: qbittorrent, namespace: downloads }
spec:
  endpointSelector: { matchLabels: { app: qbittorrent } }
  ingress:
    - fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: media, app: sonarr } }]
      toPorts: [{ ports: [{ port: "8080" }] }]
    - fromEndpoints: [{ matchLabels: { app: qbittorrent } }]
  egress:
    - toEntities: [world]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: http-only, namespace: media }
spec:
  endpointSelector: { matchLabels: { app: jellyfin } }
  ingress:
    - fromEntities: [world]
      toPorts: [{ ports: [{ port: "8096", protocol: TCP }], rules: { http: [{ method: GET }] } }]
`);

  it('declares the namespaces, writes a flow both ends once, keeps every protocol, leaves the L7 policy as-is', () => {
    const { items, remaining } = runRecognizers([namespacesRecognizer], input);
    expect(names(remaining)).toEqual(['CiliumNetworkPolicy media/http-only']);
    expect(text(items)).toEqual([
      'new DeclaredNamespace downloads',
      // Both ends once, from the namespace sorting first: media/app-sonarr gets the egress side.
      "downloads.allowIngress(Peer.pods(media, {app:sonarr}), [Port.tcp(8080),Port.udp(8080),Port.sctp(8080)], {pods:{app:qbittorrent},policyName:qbittorrent})",
      "downloads.allowIngress(Peer.pods(downloads, {app:qbittorrent}), [Port.any({reason:imported: the input rule has no toPorts (every port)})], {pods:{app:qbittorrent},policyName:qbittorrent,oneSided:true})",
      "downloads.allowEgress(Peer.world(), [Port.any({reason:imported: the input rule has no toPorts (every port)})], {pods:{app:qbittorrent},policyName:qbittorrent})",
      'new DeclaredNamespace media {labels:{team:home}}',
      "media.allowEgress(Peer.fqdnPattern(*.thetvdb.com), [Port.HTTPS], {pods:{app:sonarr},policyName:allow-sonarr})",
    ]);
    expect(items.flatMap((i) => i.findings).map((f) => `${f.kind} ${f.object} ${f.field}`)).toEqual([
      'opt-in CiliumNetworkPolicy downloads/qbittorrent spec.ingress[1]',
      'opt-in CiliumNetworkPolicy downloads/qbittorrent spec.egress[0]',
    ]);
    expect(flowChanges(input, items)).toEqual([]);
  });

  it('a rule whose other side differs (another port) is one-sided on both ends', () => {
    const changed = yaml(JSON.stringify(input.map((m) => m.object)).replace('"port":"8080"}]}]},{"fromEndpoints"', '"port":"8081"}]}]},{"fromEndpoints"'));
    const { items } = runRecognizers([namespacesRecognizer], changed);
    const code = text(items).join('\n');
    expect(code).toContain("media.allowEgress(Peer.pods(downloads, {app:qbittorrent}), [Port.tcp(8080),Port.udp(8080),Port.sctp(8080)], {pods:{app:sonarr},policyName:allow-sonarr,oneSided:true})");
    expect(code).toContain("downloads.allowIngress(Peer.pods(media, {app:sonarr}), [Port.tcp(8081),Port.udp(8081),Port.sctp(8081)], {pods:{app:qbittorrent},policyName:qbittorrent,oneSided:true})");
    expect(flowChanges(changed, items)).toEqual([]);
  });
});

describe('namespaces recognizer: policies read whole or not at all', () => {
  const input = yaml(`
apiVersion: v1
kind: Namespace
metadata: { name: bot }
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: with-dns-rule, namespace: bot }
spec:
  endpointSelector: { matchLabels: { app: a } }
  egress:
    - toFQDNs: [{ matchName: discord.com }]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
    - toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns } }]
      toPorts: [{ ports: [{ port: "53", protocol: ANY }], rules: { dns: [{ matchPattern: "*" }] } }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: lan, namespace: bot }
spec:
  endpointSelector: { matchLabels: { app: b } }
  egress:
    - toCIDRSet: [{ cidr: "\${LAN_CIDR}" }]
      toPorts: [{ ports: [{ port: "8123", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: router, namespace: bot }
spec:
  endpointSelector: { matchLabels: { app: c } }
  egress:
    - toCIDRSet: [{ cidr: "\${ROUTER_IP}/32" }]
      toPorts: [{ ports: [{ port: "53", protocol: UDP }] }]
`);

  it('leaves a policy with a rule the library cannot say (a DNS proxy rule, a partial variable) wholly as-is; a whole variable is Var.flux', () => {
    const { items, remaining } = runRecognizers([namespacesRecognizer], input);
    expect(names(remaining)).toEqual(['CiliumNetworkPolicy bot/router', 'CiliumNetworkPolicy bot/with-dns-rule']);
    expect(text(items)).toEqual([
      'new DeclaredNamespace bot',
      "bot.allowEgress(Peer.cidr(Var.flux(LAN_CIDR), {reason:imported: a hard-coded address of the input}), [Port.tcp(8123)], {pods:{app:b},policyName:lan})",
    ]);
    expect(flowChanges(input, items)).toEqual([]);
  });
});

describe('namespaces recognizer: rules the other end denies', () => {
  it('leaves a policy with a one-sided rule as-is (synthesis would refuse it between declared namespaces), recognizes the rest', () => {
    const input = yaml(`
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: web, namespace: a }
spec:
  endpointSelector: { matchLabels: { app: x } }
  ingress:
    - fromEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: b, app: y } }]
      toPorts: [{ ports: [{ port: "80", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: client, namespace: b }
spec:
  endpointSelector: { matchLabels: { app: y } }
  egress:
    - toEntities: [world]
      toPorts: [{ ports: [{ port: "443", protocol: TCP }] }]
`);
    const { items, remaining } = runRecognizers([namespacesRecognizer], input);
    expect(names(remaining)).toEqual(['CiliumNetworkPolicy a/web']);
    expect(text(items)).toEqual(['new DeclaredNamespace b {manageNamespace:false}', 'b.allowEgress(Peer.world(), [Port.HTTPS], {pods:{app:y},policyName:client})']);
    expect(flowChanges(input, items)).toEqual([]);
  });
});
