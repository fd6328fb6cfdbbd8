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
