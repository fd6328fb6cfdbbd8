import { describe, expect, it } from 'vitest';
import { clusterBaselineRecognizer } from '../../../src/import/recognizers/cluster-baseline';
import { profilesRecognizer } from '../../../src/import/recognizers/profiles';
import { sharedServicesRecognizer } from '../../../src/import/recognizers/shared-services';
import { flowChanges, loadDist, names, runRecognizers, yaml } from './helpers';

describe('shared-services recognizer', () => {
  const homelab = loadDist('dist/homelab');

  it('turns the homelab services back into SharedService.builtins(cluster), HBONE companion included', () => {
    const { items } = runRecognizers([clusterBaselineRecognizer, profilesRecognizer, sharedServicesRecognizer], homelab);
    expect(items).toHaveLength(3);
    expect(items[2].statements).toEqual([{ kind: 'call', callee: 'SharedService.builtins', args: [{ kind: 'ref', name: 'cluster' }] }]);
    expect(names(items[2].covers)).toEqual([
      'CiliumClusterwideNetworkPolicy access-dragonfly', 'CiliumClusterwideNetworkPolicy access-dragonfly-server',
      'CiliumClusterwideNetworkPolicy access-garage-s3', 'CiliumClusterwideNetworkPolicy access-garage-s3-server',
      'CiliumClusterwideNetworkPolicy access-kube-api', 'CiliumClusterwideNetworkPolicy access-postgres',
      'CiliumClusterwideNetworkPolicy access-postgres-hbone', 'CiliumClusterwideNetworkPolicy access-postgres-server',
    ]);
    expect(flowChanges(homelab, items)).toEqual([]);
  });

  it('a service of its own, a built-in elsewhere, and a client side without its server side (unclaimed)', () => {
    const input = yaml(`
apiVersion: v1
kind: Namespace
metadata: { name: storage }
---
apiVersion: v1
kind: Namespace
metadata: { name: app, labels: { access.network-policy.homelab/minio: "true", access.network-policy.homelab/postgres: "true", access.network-policy.homelab/redis: "true" } }
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: access-minio }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.access.network-policy.homelab/minio: "true" } }
  egress:
    - toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: storage, app: minio } }]
      toPorts: [{ ports: [{ port: "9000", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: minio-admits-clients }
spec:
  endpointSelector: { matchLabels: { io.kubernetes.pod.namespace: storage, app: minio } }
  ingress:
    - fromEndpoints: [{ matchLabels: { io.cilium.k8s.namespace.labels.access.network-policy.homelab/minio: "true" }, matchExpressions: [{ key: io.kubernetes.pod.namespace, operator: Exists }] }]
      toPorts: [{ ports: [{ port: "9000", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: postgres-clients }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.access.network-policy.homelab/postgres: "true" } }
  egress:
    - toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: db, app.kubernetes.io/name: postgresql } }]
      toPorts: [{ ports: [{ port: "5432", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: postgres-server }
spec:
  endpointSelector: { matchLabels: { io.kubernetes.pod.namespace: db, app.kubernetes.io/name: postgresql } }
  ingress:
    - fromEndpoints: [{ matchLabels: { io.cilium.k8s.namespace.labels.access.network-policy.homelab/postgres: "true" } }]
      toPorts: [{ ports: [{ port: "5432", protocol: TCP }] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: access-redis }
spec:
  endpointSelector: { matchLabels: { io.cilium.k8s.namespace.labels.access.network-policy.homelab/redis: "true" } }
  egress:
    - toEndpoints: [{ matchLabels: { io.kubernetes.pod.namespace: cache, app: redis } }]
      toPorts: [{ ports: [{ port: "6379", protocol: TCP }] }]
`);
    const { items, remaining } = runRecognizers([sharedServicesRecognizer], input);
    const code = JSON.stringify(items.map((i) => i.statements));
    expect(code).toContain('"construct":"SharedService","scope":"cluster","id":"minio"');
    expect(code).toContain('"construct":"SharedService","scope":"cluster","id":"postgres"');
    expect(code).not.toContain('redis');
    expect(names(remaining)).toEqual(['CiliumClusterwideNetworkPolicy access-redis', 'Namespace app', 'Namespace storage']);
    expect(flowChanges(input, items)).toEqual([]);
  });
});
