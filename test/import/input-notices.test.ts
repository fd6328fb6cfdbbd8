import { describe, expect, test } from 'vitest';
import { inputNotices } from '../../src/import/input-notices';
import { parseManifests } from '../../src/manifests/load';

const notices = (yaml: string): { object: string; field?: string; rule?: string }[] => inputNotices(parseManifests(yaml, 'in.yaml'))
  .map((f) => ({ object: f.object, field: f.field, rule: /\[([a-z-]+)\]$/.exec(f.message)?.[1], kind: f.kind, file: f.file }))
  .map(({ kind, file, ...rest }) => { expect([kind, file]).toEqual(['input', 'in.yaml']); return rest; });

const DNS_RULE = '{toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}], toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]}';

describe('inputNotices', () => {
  test('nothing for a policy that says what it means', () => {
    expect(notices(`apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n  endpointSelector: {}\n  egress:\n  - ${DNS_RULE}\n  - toFQDNs: [{matchName: api.github.com}]\n    toPorts: [{ports: [{port: "443", protocol: TCP}]}]\n`)).toEqual([]);
  });

  test('a CCNP peer {} in a policy that says same namespace (lint ccnp-wildcard-peer)', () => {
    expect(notices('apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: allow-same-namespace}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEndpoints: [{}]}]\n'))
      .toEqual([{ object: 'CiliumClusterwideNetworkPolicy allow-same-namespace', field: 'spec.ingress[0].fromEndpoints[0]', rule: 'ccnp-wildcard-peer' }]);
  });

  test('an egress: [] Cilium ignores (lint empty-section-ignored)', () => {
    expect(notices('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: exporter, namespace: monitoring}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEntities: [cluster]}]\n  egress: []\n'))
      .toEqual([{ object: 'CiliumNetworkPolicy monitoring/exporter', field: 'spec.egress', rule: 'empty-section-ignored' }]);
  });

  test('a host policy without the host firewall (lint host-policy-needs-host-firewall)', () => {
    expect(notices('apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: nodes}\nspec:\n  nodeSelector: {matchLabels: {node-role.kubernetes.io/control-plane: ""}}\n  ingress: [{fromEntities: [cluster]}]\n'))
      .toEqual([{ object: 'CiliumClusterwideNetworkPolicy nodes', field: 'spec.nodeSelector', rule: 'host-policy-needs-host-firewall' }]);
  });

  test('an allow rule a deny rule shadows (lint rule-shadowed-by-deny)', () => {
    expect(notices('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEntities: [world]}]\n  ingressDeny: [{fromEntities: [world]}]\n'))
      .toEqual([{ object: 'CiliumNetworkPolicy shop/web', field: 'spec.ingress[0]', rule: 'rule-shadowed-by-deny' }]);
  });

  test('a namespaced policy without namespace, which the build of a Flux repository usually sets', () => {
    expect(notices('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: backup}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n'))
      .toEqual([{ object: 'NetworkPolicy backup', field: 'metadata.namespace', rule: 'missing-namespace' }]);
  });

  test('Flux expressions in an object Flux does not substitute', () => {
    const yaml = (optOut: string): string => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: lan, namespace: x${optOut}}\nspec:\n  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: "\${LAN_CIDR}"}}]}]\n`;
    expect(notices(yaml(', annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}')))
      .toEqual([{ object: 'NetworkPolicy x/lan', field: 'metadata.annotations.kustomize.toolkit.fluxcd.io/substitute', rule: 'substitution-disabled' }]);
    expect(notices(yaml(''))).toEqual([]);
  });

  test('toFQDNs where no Cilium policy sends DNS through the proxy', () => {
    const fqdn = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: runner, namespace: dev}\nspec:\n  endpointSelector: {}\n  egress:\n  - toFQDNs: [{matchName: git.example.org}]\n';
    expect(notices(fqdn)).toEqual([{ object: 'CiliumNetworkPolicy dev/runner', field: 'spec.egress[0].toFQDNs', rule: 'fqdn-without-dns-proxy' }]);
    // A cluster-wide DNS rule (the design's baseline) or one in the namespace sends it through the proxy.
    expect(notices(`${fqdn}---\napiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: dns}\nspec:\n  endpointSelector: {}\n  egress:\n  - ${DNS_RULE}\n`)).toEqual([]);
    expect(notices(`${fqdn}---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: dns, namespace: dev}\nspec:\n  endpointSelector: {}\n  egress:\n  - ${DNS_RULE}\n`)).toEqual([]);
  });
});
