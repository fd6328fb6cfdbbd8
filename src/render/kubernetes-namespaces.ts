import { requirementMatches } from '../model/label-selector';
import { NAMESPACE_NAME_LABEL } from '../model/labels';
import type { NamespaceIntent, PolicyIntent } from '../model/policy';

/** Where one intent lands under NetworkPolicy: a namespace and the output file. */
export interface PolicyTarget {
  /** The namespace the NetworkPolicy goes to. */
  readonly namespace: string;
  /** The output file (the namespace's own file when the cluster owns it). */
  readonly file: string;
}

/**
 * The namespaces an intent renders into. NetworkPolicy is namespaced (Kubernetes API reference,
 * NetworkPolicy: "podSelector selects pods in the policy's namespace"), so a namespaced intent
 * stays in its namespace and a cluster-wide one is expanded into every owned namespace its
 * subject selects: by name (`subject.namespace`), by the labels of the NamespaceIntent
 * (`subject.namespaceLabels`, with `kubernetes.io/metadata.name` implied), or all of them.
 * Namespaces the definition does not own are not written to: their policies live elsewhere.
 * A policy for a Cilium reserved endpoint (`subject.entity`, the health endpoint) lands nowhere:
 * without Cilium there is no such endpoint.
 *
 * @param policy the intent
 * @param namespaces the cluster's owned namespaces, sorted by name
 */
export function policyTargets(policy: PolicyIntent, namespaces: readonly NamespaceIntent[]): PolicyTarget[] {
  if (policy.namespace !== undefined) return [{ namespace: policy.namespace, file: policy.group }];
  // A Cilium reserved endpoint (the health endpoint) exists only under Cilium.
  if (policy.subject.entity !== undefined) return [];
  const { namespace, namespaceLabels, namespaceExpressions } = policy.subject;
  return namespaces
    .filter((ns) => namespace === undefined || ns.name === namespace)
    .filter((ns) => {
      const labels: Record<string, string> = { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name };
      return Object.entries(namespaceLabels ?? {}).every(([key, value]) => labels[key] === value)
        && (namespaceExpressions ?? []).every((r) => requirementMatches(r, labels));
    })
    .map((ns) => ({ namespace: ns.name, file: ns.group }));
}
