import type { ClusterIntent, CustomPolicyIntent, PolicyIntent } from '../model/policy';
import { icmpText } from '../model/icmp';
import type { Port } from '../model/port';
import type { Direction, Rule } from '../model/rule';
import { endpointSelector, peerSelector } from './cilium-selectors';
import { renderAlerts, renderNamespaces } from './common';
import { renderKubernetesPolicy } from './kubernetes-policy';
import { addressReasonsAnnotation, anyPortReasonsAnnotation, lintIgnoreAnnotation, MANAGED_BY_LABELS, SOURCE_ANNOTATION, type RenderedObject } from './rendered-object';

/**
 * Renders a cluster for Cilium: one CiliumNetworkPolicy per namespaced intent, one
 * CiliumClusterwideNetworkPolicy per cluster-wide intent, the hand-written policies (`CiliumPolicy`,
 * and `KubernetesPolicy` as NetworkPolicy, which Cilium enforces too), plus the Namespaces and the alerts.
 *
 * @param cluster the collected intent
 */
export function renderCilium(cluster: ClusterIntent): RenderedObject[] {
  return [
    ...renderNamespaces(cluster),
    ...cluster.policies.map(renderPolicy),
    ...(cluster.custom ?? []).map(renderCustom),
    ...(cluster.networkPolicies ?? []).map(renderKubernetesPolicy),
    ...renderAlerts(cluster),
  ];
}

function renderPolicy(policy: PolicyIntent): RenderedObject {
  const comments = new Map<string, string>();
  const anyPorts = new Map<string, string>();
  const spec: Record<string, unknown> = {
    description: policy.description,
    endpointSelector: endpointSelector(policy.subject, policy.namespace !== undefined),
  };
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = policy[direction];
    if (rules.length === 0) continue;
    spec[direction] = rules.flatMap((rule) => renderRule(direction, rule)).map((rendered, i) => {
      comments.set(`spec.${direction}.${i}`, rendered.comment);
      if (rendered.anyPortReason !== undefined) anyPorts.set(`spec.${direction}[${i}]`, rendered.anyPortReason);
      return rendered.rule;
    });
  }
  const addresses = [...policy.ingress, ...policy.egress].flatMap((rule) => {
    const peer = rule.peer.spec;
    return peer.kind === 'cidr' && rule.anyPortReason === undefined ? [{ cidr: peer.cidr, reason: peer.reason }] : [];
  });
  return ciliumObject(policy, spec, comments, { ...addressReasonsAnnotation(addresses), ...anyPortReasonsAnnotation(anyPorts) });
}

function renderCustom(policy: CustomPolicyIntent): RenderedObject {
  const comments = new Map([[policy.specs ? 'specs' : 'spec', 'Written by hand (CiliumPolicy), passed through after the guardrails.']]);
  const anyPorts = new Map((policy.anyPorts ?? []).map((a) => [a.path, a.reason]));
  for (const [path, reason] of anyPorts) comments.set(path.replace(/\[(\d+)\]/g, '.$1'), `every port: ${reason}`);
  return ciliumObject(policy, policy.specs ?? policy.spec, comments, {
    ...addressReasonsAnnotation(policy.addresses ?? []), ...anyPortReasonsAnnotation(anyPorts), ...lintIgnoreAnnotation(policy.lintIgnores),
  });
}

/** The CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy around a spec. */
function ciliumObject(
  policy: { readonly name: string; readonly namespace?: string; readonly group: string; readonly constructPath: string },
  spec: Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[],
  comments: ReadonlyMap<string, string>,
  annotations: Readonly<Record<string, string>>,
): RenderedObject {
  const namespaced = policy.namespace !== undefined;
  return {
    file: policy.group,
    constructPath: policy.constructPath,
    comments,
    object: {
      apiVersion: 'cilium.io/v2',
      kind: namespaced ? 'CiliumNetworkPolicy' : 'CiliumClusterwideNetworkPolicy',
      metadata: {
        name: policy.name,
        ...(namespaced ? { namespace: policy.namespace } : {}),
        labels: { ...MANAGED_BY_LABELS },
        annotations: { [SOURCE_ANNOTATION]: policy.constructPath, ...annotations },
      },
      ...(Array.isArray(spec) ? { specs: spec } : { spec }),
    },
  };
}

/**
 * The Cilium rules of one intent rule (docs.cilium.io, Policy Language: "Layer 3 Examples",
 * "Layer 4 Examples", "DNS based", "ICMP/ICMPv6"): one, or two when the rule also allows ICMP,
 * because Cilium refuses `icmps` next to `toPorts` in one rule ("The ICMPs block may only be
 * present without ToPorts. Define a separate rule to use ToPorts.", pkg/policy/api/rule_validation.go).
 */
function renderRule(direction: Direction, rule: Rule): { rule: Record<string, unknown>; comment: string; anyPortReason?: string }[] {
  const comment = rule.anyPortReason ? `${rule.description} (every port: ${rule.anyPortReason})` : rule.description;
  const rendered: { rule: Record<string, unknown>; comment: string; anyPortReason?: string }[] = [
    { rule: renderPortRule(direction, rule), comment, ...(rule.anyPortReason !== undefined ? { anyPortReason: rule.anyPortReason } : {}) },
  ];
  if (rule.icmps !== undefined && rule.icmps.length > 0) {
    rendered.push({
      rule: { ...peerFields(direction, rule), icmps: [{ fields: rule.icmps.map((icmp) => ({ family: icmp.family, type: icmp.type })) }] },
      comment: `${rule.description} (ICMP ${rule.icmps.map(icmpText).join(', ')}: a rule of its own, Cilium refuses icmps next to toPorts)`,
    });
  }
  return rendered;
}

function renderPortRule(direction: Direction, rule: Rule): Record<string, unknown> {
  const out = peerFields(direction, rule);
  if (rule.ports.length > 0) {
    out.toPorts = [{
      ports: rule.ports.map(renderPort),
      // The DNS proxy sees every query and learns the addresses toFQDNs rules allow; without
      // it toFQDNs never matches (docs.cilium.io, Policy Language, "DNS based").
      ...(rule.dnsInspection ? { rules: { dns: [{ matchPattern: '*' }] } } : {}),
    }];
  }
  return out;
}

function peerFields(direction: Direction, rule: Rule): Record<string, unknown> {
  const from = direction === 'ingress';
  const peer = rule.peer.spec;
  const out: Record<string, unknown> = {};
  switch (peer.kind) {
    case 'endpoints':
      out[from ? 'fromEndpoints' : 'toEndpoints'] = [peerSelector(peer)];
      break;
    case 'entity':
      out[from ? 'fromEntities' : 'toEntities'] = [peer.entity];
      break;
    case 'cidr':
      out[from ? 'fromCIDRSet' : 'toCIDRSet'] = [{ cidr: peer.cidr, ...(peer.except.length > 0 ? { except: [...peer.except] } : {}) }];
      break;
    case 'fqdn':
      out.toFQDNs = [peer.pattern ? { matchPattern: peer.name } : { matchName: peer.name }];
      break;
    case 'gateway':
      // The constructs resolve gateways from the cluster's settings; one reaching here is a library bug.
      throw new Error(`Unresolved ${rule.peer} reached the Cilium renderer.`);
  }
  return out;
}

function renderPort(port: Port): Record<string, unknown> {
  return { port: String(port.value), protocol: port.protocol, ...(port.endPort !== undefined ? { endPort: port.endPort } : {}) };
}
