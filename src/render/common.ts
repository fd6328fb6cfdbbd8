import type { ClusterIntent } from '../model/policy';
import { EXTERNAL_NAMESPACES_FILE, MANAGED_BY_LABELS, SOURCE_ANNOTATION, type RenderedObject } from './rendered-object';

/** The output file of the alerts. */
export const ALERTS_FILE = 'alerts';

/**
 * The Namespace manifests of a cluster, with the labels that drive the policies. Renderer
 * independent. A namespace created elsewhere (`manageNamespace: false`) goes, unapplied, to
 * `external-namespaces.yaml`, which `kustomization.yaml` leaves out.
 *
 * @param cluster the collected intent
 */
export function renderNamespaces(cluster: ClusterIntent): RenderedObject[] {
  return cluster.namespaces.map((ns) => ({
    file: ns.managed === false ? EXTERNAL_NAMESPACES_FILE : ns.group,
    constructPath: ns.constructPath,
    ...(ns.managed === false ? {
      unapplied: true,
      comments: new Map([['', `Created elsewhere (manageNamespace: false): not applied (left out of kustomization.yaml). Written so that netpol lint, docs and probe know its labels;\nwhoever creates namespace ${ns.name} must give it these labels.`]]),
    } : {}),
    object: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns.name,
        labels: { ...ns.labels, ...MANAGED_BY_LABELS },
        annotations: { ...ns.annotations, [SOURCE_ANNOTATION]: ns.constructPath },
      },
    },
  }));
}

/**
 * The PrometheusRule of the enforcement alerts, if the cluster has them.
 *
 * @param cluster the collected intent
 */
export function renderAlerts(cluster: ClusterIntent): RenderedObject[] {
  const alerts = cluster.alerts;
  if (!alerts) return [];
  return [{
    file: ALERTS_FILE,
    constructPath: `${cluster.name}/alerts`,
    comments: new Map([['spec', 'Needs kube-state-metrics --metric-labels-allowlist=namespaces=[network-policy.homelab/enforcement]']]),
    object: {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: alerts.name, namespace: alerts.namespace, labels: { ...MANAGED_BY_LABELS } },
      spec: {
        groups: [{
          name: 'network-policy-enforcement',
          rules: alerts.rules.map((rule) => ({
            alert: rule.alert,
            expr: rule.expr,
            for: rule.for,
            labels: { severity: rule.severity },
            annotations: { summary: rule.summary, description: rule.description },
          })),
        }],
      },
    },
  }];
}
