import type { DirectionState } from './direction-state';
import type { Endpoint } from './endpoint';
import type { Cni, Protocol } from './flow';
import { normalizeDnsName } from './fqdn';
import { peerMatches } from './peer-match';
import { policyLabel, policyShortLabel } from './policy-ref';
import { portMatches } from './port-matcher';
import type { Direction, PolicyRule } from './rule';
import { NO_NAMED_PORTS, podNamedPorts, type NamedPortResolver } from './named-ports';
import { SUBJECT_ENTITIES } from './reserved-endpoint';
import type { DirectionVerdict } from './verdict';

/** A direction's verdict plus the words `netpol explain` prints. */
export interface DirectionDecision {
  /** The verdict as probes report it. */
  readonly verdict: DirectionVerdict;
  /** Why, naming policies and rules, e.g. `allowed by CiliumNetworkPolicy x/a (rule egress[0]: ...)`. */
  readonly explanation: string;
}

/** The side of a flow being decided. */
export interface DirectionQuery {
  /** Which side: the source's egress or the destination's ingress. */
  readonly direction: Direction;
  /** The endpoint whose policy decides (source for egress, destination for ingress). */
  readonly subject: Endpoint;
  /** The other endpoint. */
  readonly peer: Endpoint;
  /** The flow's port. */
  readonly port: number;
  /** The flow's protocol. */
  readonly protocol: Protocol;
  /** The enforcer. */
  readonly cni: Cni;
  /** The cluster-wide named-port map Cilium resolves egress named ports against (`clusterNamedPorts`). */
  readonly clusterNamedPorts: NamedPortResolver;
}

/**
 * Decides one side of a flow. Order, following docs.cilium.io "Deny Policies" and the
 * NetworkPolicy API reference: a matching deny rule wins over any allow; a direction no policy
 * has a say on is open; otherwise a matching allow rule allows; otherwise the direction is open
 * only if no selecting policy enables default-deny. Replies are never evaluated (only the
 * initiating direction is), so this is all that decides a flow.
 *
 * @param query the side to decide
 * @param state the merged policy state of the subject (undefined when no policy can select it:
 *   an external, a reserved identity no policy selects, any subject under `--cni none`)
 */
export function decideDirection(query: DirectionQuery, state: DirectionState | undefined): DirectionDecision {
  const { direction, subject, peer, port, protocol, cni } = query;
  if (cni === 'none') return allow([], '--cni none enforces no policy');
  if (state === undefined) {
    return allow([], subject.kind === 'external' ? `${subject.name} is outside the cluster: it has no policy of its own`
      : subject.kind === 'entity' && !(SUBJECT_ENTITIES.includes(subject.entity) && cni === 'cilium') ? `${subject.name} is a reserved identity: it has no policy of its own`
        : `no policy selects ${subject.name}, so its ${direction} is open`);
  }
  const namedPorts = ruleNamedPorts(query);
  const portsMatch = (rule: PolicyRule): boolean => rule.ports === undefined || rule.ports.some((p) => portMatches(p, port, protocol, namedPorts));
  const denies = state.denyRules.filter((rule) => portsMatch(rule) && rule.peers.some((p) => peerMatches(p, peer, cni)));
  if (denies.length > 0) {
    const reason = `denied by ${describeRules(denies, policyShortLabel)}`;
    return { verdict: { verdict: 'deny', by: labels(denies), reason }, explanation: `denied by ${describeRules(denies, policyLabel)}; deny rules win over any allow` };
  }
  if (!state.enforced) return allow([], `no policy selecting ${subject.name} has ${direction} rules, so its ${direction} is open`);
  const allows: PolicyRule[] = [];
  const fqdnBlocked: PolicyRule[] = [];
  for (const rule of state.allowRules) {
    if (!portsMatch(rule)) continue;
    const matched = rule.peers.filter((p) => peerMatches(p, peer, cni));
    if (matched.length === 0) continue;
    if (matched.every((p) => p.kind === 'fqdn') && !learnable(peer, state)) fqdnBlocked.push(rule);
    else allows.push(rule);
  }
  if (direction === 'ingress' && cni === 'cilium' && peer.kind === 'entity' && peer.entity === 'host') {
    return allow(labels(allows), 'entity:host reaches endpoints on its node whatever their policy (Cilium allow-localhost, the default in Kubernetes mode)');
  }
  if (cni === 'kubernetes' && peer.kind === 'entity' && peer.entity === 'host') {
    // kubernetes.io Concepts > Network Policies: "traffic to and from the node where a Pod is
    // running is always allowed, regardless of the IP address of the Pod or the node".
    return allow(labels(allows), 'traffic between a pod and the node it runs on is always allowed by NetworkPolicy implementations (kubernetes.io, Network Policies)');
  }
  if (allows.length > 0) return allow(labels(allows), `allowed by ${describeRules(allows, policyLabel)}`);
  if (state.defaultDenyBy.length === 0) {
    return allow([], `selected by ${state.openBy.map(policyLabel).join(', ')}, none of which enables default-deny for ${direction} (enableDefaultDeny.${direction}: false), so only deny rules apply`);
  }
  const fqdnNote = fqdnBlocked.length === 0 ? '' : `; toFQDNs of ${describeRules(fqdnBlocked, policyShortLabel)} would allow ${peer.name}, but `
    + (state.dnsNames.length === 0
      ? `no egress rule selecting ${subject.name} has a DNS proxy rule (toPorts[].rules.dns), so Cilium never learns the name's addresses`
      : `the DNS proxy rules of ${subject.name} (${state.dnsNames.map((d) => d.text).join(', ')}) refuse to look up ${peer.kind === 'external' ? peer.fqdn : peer.name}, so Cilium never learns its addresses`);
  const reason = `default-deny: selected by ${state.defaultDenyBy.map(policyShortLabel).join(', ')}; no rule allows ${peer.name} on ${port}/${protocol}${fqdnNote}${unresolvedNote(query, state.allowRules, namedPorts)}`;
  return { verdict: { verdict: 'deny', by: [], reason }, explanation: reason };

  function allow(by: string[], explanation: string): DirectionDecision {
    return { verdict: { verdict: 'allow', by }, explanation };
  }
}

/**
 * Says which named ports of rules whose peers match would have decided the flow but resolve to
 * nothing, when Cilium resolves them cluster-wide (egress): the usual cause is two pods binding
 * one name to different numbers (pkg/types/portmap.go ErrDuplicateNamedPorts).
 */
function unresolvedNote(query: DirectionQuery, rules: readonly PolicyRule[], namedPorts: NamedPortResolver): string {
  const { direction, cni, peer, protocol } = query;
  if (direction !== 'egress' || cni !== 'cilium') return '';
  const names = new Set<string>();
  for (const rule of rules) {
    if (!rule.peers.some((p) => peerMatches(p, peer, cni))) continue;
    for (const p of rule.ports ?? []) {
      if (p.name !== undefined && (p.protocol === 'ANY' || p.protocol === protocol) && namedPorts(p.name, protocol) === undefined) names.add(p.name);
    }
  }
  if (names.size === 0) return '';
  const list = [...names].sort().join(', ');
  return `; named port${names.size > 1 ? 's' : ''} ${list} resolve${names.size > 1 ? '' : 's'} to nothing for ${protocol} in Cilium's cluster-wide map of port names (pods bind ${names.size > 1 ? 'them' : 'it'} to different numbers, or none names ${names.size > 1 ? 'them' : 'it'})`;
}

/**
 * Who resolves the named ports of the subject's rules: on ingress the subject's own ports; on
 * egress Cilium's cluster-wide map (whatever the peer), NetworkPolicy implementations the
 * destination pod's ports (`--cni kubernetes`).
 */
function ruleNamedPorts(query: DirectionQuery): NamedPortResolver {
  const { direction, subject, peer, cni } = query;
  if (direction === 'egress' && cni === 'cilium') return query.clusterNamedPorts;
  const destination = direction === 'ingress' ? subject : peer;
  return destination.kind === 'pod' ? podNamedPorts(destination.identity.ports) : NO_NAMED_PORTS;
}

/**
 * Whether the source can learn the external's addresses: Cilium fills `toFQDNs` only from DNS
 * answers its proxy let through (docs.cilium.io Layer 7 > DNS Policy and IP Discovery), so the
 * name must be allowed by a DNS proxy rule (`toPorts[].rules.dns`) of the source's egress.
 */
function learnable(peer: Endpoint, state: DirectionState): boolean {
  if (peer.kind !== 'external' || peer.fqdn === undefined) return false;
  const name = normalizeDnsName(peer.fqdn);
  return state.dnsNames.some((d) => d.test(name));
}

function labels(rules: readonly PolicyRule[]): string[] {
  return [...new Set(rules.map((r) => policyLabel(r.policy)))].sort();
}

function describeRules(rules: readonly PolicyRule[], name: (ref: PolicyRule['policy']) => string): string {
  return rules
    .map((r) => `${name(r.policy)} (rule ${r.path}: ${r.text})`)
    .sort()
    .join('; ');
}
