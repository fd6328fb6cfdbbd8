import { expect, test } from 'vitest';
import { representativeTopology } from '../../src/flows/representative-topology';
import { ccnp, cnp, namespace, np } from './builders';

const pods = (manifests: Parameters<typeof representativeTopology>[0]) => Object.fromEntries(
  [...representativeTopology(manifests).namespaces].map(([ns, n]) => [ns, Object.fromEntries(n.pods)]));

test('gives a namespace no policy selects by label one pod without labels', () => {
  expect(pods([namespace('shop')])).toEqual({ shop: { pod: { labels: {} } } });
});

test('names one pod per label set the Cilium selectors use, in the namespace they name', () => {
  const manifests = [
    namespace('kube-system'), namespace('istio-gateway'), namespace('shop'),
    ccnp('dns', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }] }] }),
    cnp('shop', 'app', {
      endpointSelector: {},
      ingress: [{ fromEndpoints: [
        { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'istio-gateway', 'gateway.networking.k8s.io/gateway-name': 'internal' } },
        { matchLabels: { 'io.kubernetes.pod.namespace': 'istio-gateway', 'gateway.networking.k8s.io/gateway-name': 'external' } },
        { matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'a', app: 'client' } },
      ] }],
    }),
  ];
  expect(pods(manifests)).toEqual({
    'istio-gateway': {
      external: { labels: { 'gateway.networking.k8s.io/gateway-name': 'external' } },
      internal: { labels: { 'gateway.networking.k8s.io/gateway-name': 'internal' } },
    },
    'kube-system': { 'kube-dns': { labels: { 'k8s-app': 'kube-dns' } } },
    shop: { pod: { labels: {} } },
  });
});

test('reads NetworkPolicy podSelectors, and peers in the namespace named by kubernetes.io/metadata.name', () => {
  const policy = np('db', 'pg', {
    podSelector: { matchLabels: { app: 'pg' } },
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } }] }],
  });
  expect(pods([policy])).toEqual({ db: { pg: { labels: { app: 'pg' } } } });
  expect(pods([policy, namespace('shop')]).shop).toEqual({ web: { labels: { app: 'web' } } });
});

test('with combine, also builds the pods a workload may be: Exists requirements and every two compatible label sets together', () => {
  // GIVEN Argo workflow pods: backup pods selected by a label, every workflow pod admitted by Exists
  const manifests = [
    namespace('argo'), namespace('storage'),
    cnp('argo', 'backup', { endpointSelector: { matchLabels: { 'backup-workflow': 'true' } }, egress: [] }),
    cnp('storage', 'filer', {
      endpointSelector: { matchLabels: { app: 'filer' } },
      ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'argo' }, matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] }] }],
    }),
  ];
  // WHEN combined THEN a pod carries both, so a backup pod admitted by the filer exists
  const combined = representativeTopology(manifests, { combine: true }).namespaces.get('argo')!.pods;
  expect([...combined.values()].map((p) => p.labels)).toEqual(expect.arrayContaining([
    { 'backup-workflow': 'true' },
    { 'workflows.argoproj.io/workflow': 'exists' },
    { 'backup-workflow': 'true', 'workflows.argoproj.io/workflow': 'exists' },
  ]));
  // AND without combine, the page's pods stay one per matchLabels set
  expect(pods(manifests).argo).toEqual({ true: { labels: { 'backup-workflow': 'true' } } });
});
