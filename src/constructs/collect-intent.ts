import type { ClusterIntent, CustomPolicyIntent, KubernetesPolicyIntent, NamespaceIntent, PolicyIntent } from '../model/policy';
import { PolicyError } from '../model/policy-error';
import { intentGuardrailProblems } from '../model/intent-guardrails';
import { Renderer } from './cluster-settings';
import { gatewayPolicies } from './gateway-policies';
import type { NetpolCluster } from './netpol-cluster';
import { compareText } from '../model/compare';
import { withHbone } from '../model/hbone';
import { subjectOf } from '../model/subject';

/**
 * Collects a cluster's intent: every namespace and policy, with the HBONE rules of the Istio
 * ambient mesh (`withHbone`), in canonical order, after checking that names are unique, and the
 * guardrails that need the whole cluster (`intentGuardrailProblems`). Construct-level checks run
 * before, through `node.validate()`.
 *
 * @param cluster the cluster to collect
 * @throws PolicyError listing every duplicate name with both construct paths, or every guardrail problem
 */
export function collectIntent(cluster: NetpolCluster): ClusterIntent {
  const sources = cluster.sources();
  const namespaces = sources.flatMap((s) => s.namespaces()).sort((a, b) => compareText(a.name, b.name));
  // Istio ambient: 15008 next to every rule between pods of the mesh; the gateways are HBONE clients.
  const gateways = Object.entries(cluster.settings.gateways).filter(([, peer]) => peer.spec.kind === 'endpoints')
    .map(([name, peer]) => subjectOf(peer, `${cluster.node.path}/gateway-${name}`));
  const declared = [...sources.flatMap((s) => s.policies(cluster)), ...gatewayPolicies(cluster)];
  const policies = [...withHbone({ name: cluster.clusterName, namespaces, policies: declared }, { hboneClients: gateways }).policies].sort((a, b) =>
    compareText(a.group, b.group) || compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.name, b.name));
  const custom = sources.flatMap((s) => s.customPolicies()).sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.name, b.name));
  const networkPolicies = sources.flatMap((s) => s.networkPolicies()).sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
  const problems = [
    ...duplicates(namespaces, (n) => n.name, (n) => `namespace "${n.name}" is declared twice`),
    ...duplicates([...policies, ...custom], (p) => `${p.namespace ?? ''}/${p.name}`,
      (p) => `${p.namespace ? `CiliumNetworkPolicy ${p.namespace}/` : 'cluster-wide policy '}${p.name} is declared twice`),
    ...duplicates(networkPolicies, (p) => `${p.namespace}/${p.name}`, (p) => `NetworkPolicy ${p.namespace}/${p.name} is declared twice`),
  ];
  if (problems.length > 0) {
    throw PolicyError.listing('Duplicate names (give each namespace and policy a unique name):', problems);
  }
  const alerts = cluster.alerts;
  const intent = {
    name: cluster.clusterName, namespaces, policies, ...(custom.length > 0 ? { custom } : {}),
    ...(networkPolicies.length > 0 ? { networkPolicies } : {}), ...(alerts ? { alerts } : {}),
  };
  const refused = intentGuardrailProblems(intent, { networkPolicy: cluster.renderer === Renderer.KUBERNETES });
  if (refused.length > 0) {
    throw PolicyError.listing(`Guardrails refused cluster ${cluster.clusterName}:`, refused);
  }
  return intent;
}

function duplicates<T extends NamespaceIntent | PolicyIntent | CustomPolicyIntent | KubernetesPolicyIntent>(items: readonly T[], key: (item: T) => string, message: (item: T) => string): string[] {
  const seen = new Map<string, T>();
  const problems: string[] = [];
  for (const item of items) {
    const first = seen.get(key(item));
    if (first) problems.push(`[${item.constructPath}] ${message(item)} (first at ${first.constructPath}): give one of them another name.`);
    else seen.set(key(item), item);
  }
  return problems;
}
