import type { ClusterIntent, NamespaceIntent, PolicyIntent } from '../model/policy';
import { PolicyError } from '../model/policy-error';
import type { Port } from '../model/port';
import type { Direction } from '../model/rule';
import { renderAlerts, renderNamespaces } from './common';
import { policyTargets } from './kubernetes-namespaces';
import { labelSelector, mapPeer, type PeerContext } from './kubernetes-peers';
import { addressReasonsAnnotation, anyPortReasonsAnnotation, MANAGED_BY_LABELS, SOURCE_ANNOTATION, UnquotedVariable, type RenderedObject } from './rendered-object';
import type { AddressReason } from '../model/policy';
import { renderKubernetesPolicy } from './kubernetes-policy';
import { isDefaultDeny } from '../model/kubernetes-default-deny';

/** The name of the per-namespace default-deny NetworkPolicy; no intent may use it. */
export const DEFAULT_DENY_NAME = 'default-deny';

/** Options of `renderKubernetes`. */
export interface KubernetesRenderOptions {
  /**
   * The API server's addresses, for rules to the `kube-apiserver` entity.
   * @default - none: such rules fail to render
   */
  readonly apiServerCidrs?: readonly string[];
}

/** One direction of an intent, rendered once and shared by every namespace it expands into. */
interface RenderedDirection {
  readonly rules: Record<string, unknown>[];
  readonly comments: string[];
  readonly addresses: AddressReason[];
  /** Why rules allow every port, by rule index. */
  readonly anyPorts: Map<number, string>;
}

/**
 * Renders a cluster as plain networking.k8s.io/v1 NetworkPolicies (Kubernetes API reference,
 * "NetworkPolicy v1 networking.k8s.io"), for CNIs without Cilium's policy language:
 *
 * - every owned namespace gets `default-deny` (`podSelector: {}`, `policyTypes: [Ingress, Egress]`):
 *   a pod selected by a policy of a given type is isolated in that direction, and policies are
 *   additive (NetworkPolicySpec.policyTypes), so the allows below open exactly what the intent says;
 * - a namespaced intent becomes one NetworkPolicy in its namespace; a cluster-wide one is copied
 *   into every owned namespace its subject selects (`policyTargets`); pod labels become `podSelector`;
 * - peers map as `mapPeer` documents; what NetworkPolicy cannot say (DNS names, Cilium-only
 *   entities) fails with a PolicyError naming the rule, unless the rule states a `Downgrade`,
 *   which the output records as a comment; hand-written `CiliumPolicy` specs are refused;
 * - hand-written NetworkPolicies (`KubernetesPolicy`) are passed through; a namespace whose own
 *   default-deny selects every pod both ways, or that opted out (`noDefaultDeny`), gets no `default-deny`.
 *
 * @param cluster the collected intent
 * @param options the API server's addresses
 * @throws PolicyError listing every rule that cannot be rendered, as `[construct path] message` lines
 */
export function renderKubernetes(cluster: ClusterIntent, options: KubernetesRenderOptions = {}): RenderedObject[] {
  const context: PeerContext = { apiServerCidrs: options.apiServerCidrs ?? [] };
  const problems: string[] = [];
  const policies: RenderedObject[] = [];
  // Notes of policies left out entirely (every rule skipped), by namespace: they go on its default-deny.
  const leftOut = new Map<string, string[]>();
  for (const policy of cluster.policies) {
    const targets = policyTargets(policy, cluster.namespaces);
    if (targets.length === 0) continue;
    const skipped: string[] = [];
    const directions = new Map<Direction, RenderedDirection>();
    for (const direction of ['ingress', 'egress'] as const) {
      if (policy[direction].length === 0) continue;
      const rendered: RenderedDirection = { rules: [], comments: [], addresses: [], anyPorts: new Map() };
      for (const rule of policy[direction]) {
        const mapping = mapPeer(direction, rule, context);
        if (mapping.kind === 'refused') problems.push(`[${policy.constructPath}] ${policy.name}: ${mapping.message}`);
        if (mapping.kind === 'skipped') skipped.push(`${direction}: ${mapping.note}`);
        if (mapping.kind !== 'peers') continue;
        rendered.addresses.push(...(mapping.addresses ?? []));
        const peersKey = direction === 'ingress' ? 'from' : 'to';
        const npRule = {
          ...(mapping.peers.length > 0 ? { [peersKey]: mapping.peers } : {}),
          ...(rule.ports.length > 0 ? { ports: rule.ports.map(renderPort) } : {}),
        };
        const anyPort = rule.anyPortReason !== undefined ? ` (every port: ${rule.anyPortReason})` : '';
        // NetworkPolicyPort.protocol is TCP, UDP or SCTP only (API reference): ICMP cannot be said.
        const icmp = rule.icmps !== undefined && rule.icmps.length > 0 ? ['ICMP (Cilium icmps) not rendered: NetworkPolicy has no ICMP'] : [];
        const comment = [`${rule.description}${anyPort}`, ...mapping.notes, ...icmp].join('\n');
        // Different intent peers can land on the same NetworkPolicy rule (host and remote-node
        // downgraded to one node CIDR): emit it once, with both reasons.
        const same = rendered.rules.findIndex((r) => JSON.stringify(r) === JSON.stringify(npRule));
        if (same >= 0) {
          rendered.comments[same] = `${rendered.comments[same]}\n${comment}`;
          if (rule.anyPortReason !== undefined) rendered.anyPorts.set(same, [rendered.anyPorts.get(same), rule.anyPortReason].filter(Boolean).join('; '));
          continue;
        }
        if (rule.anyPortReason !== undefined) rendered.anyPorts.set(rendered.rules.length, rule.anyPortReason);
        rendered.rules.push(npRule);
        rendered.comments.push(comment);
      }
      // A direction whose rules were all skipped is left out: never an empty `ingress: []`/`egress: []`.
      if (rendered.rules.length > 0) directions.set(direction, rendered);
    }
    for (const target of targets) {
      if (directions.size > 0) {
        policies.push(networkPolicy(policy, target.namespace, target.file, directions, skipped));
      } else {
        leftOut.set(target.namespace, [...(leftOut.get(target.namespace) ?? []), ...skipped.map((s) => `${policy.name}, ${s}`)]);
      }
    }
  }
  for (const custom of cluster.custom ?? []) {
    problems.push(`[${custom.constructPath}] CiliumPolicy ${custom.namespace ? `${custom.namespace}/` : ''}${custom.name}: a hand-written Cilium spec cannot be rendered as NetworkPolicy. `
      + 'Use Renderer.CILIUM for this cluster, or express the traffic with allowIngress/allowEgress (with a Downgrade where NetworkPolicy lacks the words).');
  }
  const passThrough = (cluster.networkPolicies ?? []).map(renderKubernetesPolicy);
  policies.push(...passThrough);
  // A namespace whose own hand-written default-deny does the same, or that opted out
  // (`noDefaultDeny`), gets none from the renderer.
  const deniedByHand = new Set((cluster.networkPolicies ?? []).filter((p) => isDefaultDeny(p.spec)).map((p) => p.namespace));
  policies.push(...cluster.namespaces.filter((ns) => ns.defaultDeny !== false && !deniedByHand.has(ns.name)).map((ns) => defaultDeny(ns, leftOut.get(ns.name) ?? [])));
  const duplicates = duplicateNames(policies);
  if (problems.length > 0 || duplicates.length > 0) {
    throw PolicyError.listing(`Cluster ${cluster.name} cannot be rendered as plain NetworkPolicy:`, [...problems, ...duplicates]);
  }
  return [...renderNamespaces(cluster), ...policies, ...renderAlerts(cluster)];
}

function defaultDeny(ns: NamespaceIntent, leftOut: readonly string[]): RenderedObject {
  const notes = leftOut.length > 0 ? `\nNot rendered on NetworkPolicy (so denied here):\n${leftOut.map((s) => `- ${s}`).join('\n')}` : '';
  return {
    file: ns.group,
    constructPath: ns.constructPath,
    comments: new Map([['', `Default deny for namespace ${ns.name}: every pod is isolated for ingress and egress (API reference, NetworkPolicySpec.policyTypes);\nthe other NetworkPolicies of the namespace add the allows (policies are additive).${notes}`]]),
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(DEFAULT_DENY_NAME, ns.name, ns.constructPath),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  };
}

function networkPolicy(policy: PolicyIntent, namespace: string, file: string, directions: ReadonlyMap<Direction, RenderedDirection>, skipped: readonly string[]): RenderedObject {
  const comments = new Map<string, string>();
  const origin = policy.namespace === undefined ? `\nCopied from the cluster-wide policy ${policy.name} into namespace ${namespace}.` : '';
  const skips = skipped.length > 0 ? `\nNot rendered on NetworkPolicy:\n${skipped.map((s) => `- ${s}`).join('\n')}` : '';
  comments.set('', `${policy.description}${origin}${skips}`);
  const spec: Record<string, unknown> = {
    podSelector: labelSelector(policy.subject.podLabels, policy.subject.podExpressions),
    // Explicit: an egress-only policy must not default to Ingress (NetworkPolicySpec.policyTypes).
    policyTypes: [...directions.keys()].map((d) => (d === 'ingress' ? 'Ingress' : 'Egress')),
  };
  for (const [direction, rendered] of directions) {
    spec[direction] = rendered.rules;
    rendered.comments.forEach((comment, i) => comments.set(`spec.${direction}.${i}`, comment));
  }
  return {
    file,
    constructPath: policy.constructPath,
    comments,
    object: {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
      metadata: metadata(policy.name, namespace, policy.constructPath, [...directions.values()].flatMap((d) => d.addresses), anyPortReasons(directions)),
      spec,
    },
  };
}

function metadata(name: string, namespace: string, constructPath: string, addresses: readonly AddressReason[] = [], anyPorts: ReadonlyMap<string, string> = new Map()): RenderedObject['object']['metadata'] {
  return { name, namespace, labels: { ...MANAGED_BY_LABELS }, annotations: { [SOURCE_ANNOTATION]: constructPath, ...addressReasonsAnnotation(addresses), ...anyPortReasonsAnnotation(anyPorts) } };
}

/** The any-port reasons of a NetworkPolicy's rules, by rule path (`spec.ingress[0]`). */
function anyPortReasons(directions: ReadonlyMap<Direction, RenderedDirection>): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const [direction, rendered] of directions) {
    for (const [index, reason] of rendered.anyPorts) reasons.set(`spec.${direction}[${index}]`, reason);
  }
  return reasons;
}

/** A NetworkPolicyPort: protocol, port and, for a range, endPort (API reference, NetworkPolicyPort). */
function renderPort(port: Port): Record<string, unknown> {
  return { protocol: port.protocol, port: port.variable !== undefined ? new UnquotedVariable(String(port.value)) : port.port, ...(port.endPort !== undefined ? { endPort: port.endPort } : {}) };
}

function duplicateNames(objects: readonly RenderedObject[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { object, constructPath } of objects) {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`[${constructPath}] NetworkPolicy ${key} is declared twice (first at ${first}): rename the policy (\`${DEFAULT_DENY_NAME}\` is reserved for the per-namespace default deny).`);
    } else {
      seen.set(key, constructPath);
    }
  }
  return problems;
}
