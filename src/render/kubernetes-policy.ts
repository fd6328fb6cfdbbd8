import type { KubernetesPolicyIntent } from '../model/policy';
import { addressReasonsAnnotation, lintIgnoreAnnotation, MANAGED_BY_LABELS, SOURCE_ANNOTATION, type RenderedObject } from './rendered-object';

/**
 * The NetworkPolicy of a hand-written `KubernetesPolicy`: its spec as written, in its namespace,
 * with the library's labels and the annotations of its reasons. The same object on both
 * renderers: Cilium enforces `networking.k8s.io/v1` NetworkPolicy next to its own policies
 * (docs.cilium.io, Network Policy, "Kubernetes Network Policies").
 *
 * @param policy the pass-through intent
 */
export function renderKubernetesPolicy(policy: KubernetesPolicyIntent): RenderedObject {
  return {
    file: policy.group,
    constructPath: policy.constructPath,
    comments: new Map([['spec', 'Written by hand (KubernetesPolicy), passed through after the guardrails.']]),
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: policy.name,
        namespace: policy.namespace,
        labels: { ...MANAGED_BY_LABELS },
        annotations: { [SOURCE_ANNOTATION]: policy.constructPath, ...addressReasonsAnnotation(policy.addresses ?? []), ...lintIgnoreAnnotation(policy.lintIgnores) },
      },
      spec: policy.spec,
    },
  };
}
