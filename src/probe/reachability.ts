import { Bitset } from './bitset';
import { POD_NAMESPACE_LABEL } from './cilium-labels';
import type { DirectionState } from './direction-state';
import type { Cni, Protocol } from './flow';
import type { Identities, Identity } from './identity';
import { peerMatchesIdentity } from './peer-match';
import { NO_NAMED_PORTS, podNamedPorts, type NamedPortResolver } from './named-ports';
import { portMatches, type PortMatcher } from './port-matcher';
import type { Direction, PeerMatcher, PolicyRule } from './rule';
import { requiredValue } from './selector';

/** The pod-to-pod truth table for one port: `rows[i][j]` is `.` when `pods[i]` reaches `pods[j]`, `X` when not. */
export interface Reachability {
  /** The port. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /** Every pod, sorted: the row and column order. */
  readonly pods: readonly string[];
  /** One string per source pod, one character per destination pod. */
  readonly rows: readonly string[];
}

/** What `computeReachability` needs from the simulator. */
export interface ReachabilityInput {
  /** The pod identities. */
  readonly identities: Identities;
  /** The merged policy state of each identity, per direction. */
  readonly states: Record<Direction, readonly DirectionState[]>;
  /** The enforcer. */
  readonly cni: Cni;
  /** The cluster-wide named-port map Cilium resolves egress named ports against. */
  readonly clusterNamedPorts: NamedPortResolver;
  /** The destination port. */
  readonly port: number;
  /** The protocol. */
  readonly protocol: Protocol;
  /** The pods, sorted: the rows and columns. */
  readonly pods: readonly string[];
}

/**
 * Computes the truth table per identity pair: for each identity and direction, the set of
 * peer identities it allows is (allow rules' peer sets, or everything when not default-deny)
 * minus the deny rules' peer sets, with peer sets computed once per distinct peer condition.
 * Same semantics as `decideDirection`, restricted to pod-to-pod flows.
 *
 * @param input identities, merged states, enforcer, port and protocol
 */
export function computeReachability(input: ReachabilityInput): Reachability {
  const { identities, states, cni, port, protocol, pods } = input;
  const n = identities.list.length;
  const all = Bitset.of(n, true);
  const peerCache = new Map<string, Bitset>();
  const namedCache = new Map<string, Bitset>();

  const peerBits = (peer: PeerMatcher): Bitset => {
    if (peer.kind === 'any') return all;
    const key = JSON.stringify(peer, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    let bits = peerCache.get(key);
    if (bits) return bits;
    bits = Bitset.of(n);
    const namespace = peer.kind === 'pods' ? peer.namespace
      : peer.kind === 'endpoints' ? requiredValue(peer.selector, POD_NAMESPACE_LABEL) : undefined;
    const candidates = namespace === undefined ? identities.list : identities.byNamespace.get(namespace) ?? [];
    for (const identity of candidates) if (peerMatchesIdentity(peer, identity, cni)) bits.add(identity.index);
    peerCache.set(key, bits);
    return bits;
  };
  // NetworkPolicy named ports on egress resolve against each destination: the identities whose
  // port of that name is `port` (`--cni kubernetes`; Cilium resolves them cluster-wide, see decide.ts).
  const namedBits = (name: string, ruleProtocol: PortMatcher['protocol']): Bitset => {
    const key = `${name}/${ruleProtocol}`;
    let bits = namedCache.get(key);
    if (bits) return bits;
    bits = Bitset.of(n);
    for (const identity of identities.list) {
      if (portMatches({ protocol: ruleProtocol, name }, port, protocol, podNamedPorts(identity.ports))) bits.add(identity.index);
    }
    namedCache.set(key, bits);
    return bits;
  };
  const ruleBits = (rule: PolicyRule, direction: Direction, subject: Identity): Bitset | undefined => {
    let portSet: Bitset | undefined = all;
    if (rule.ports !== undefined) {
      if (direction === 'ingress') {
        portSet = rule.ports.some((p) => portMatches(p, port, protocol, podNamedPorts(subject.ports))) ? all : undefined;
      } else if (cni === 'cilium') {
        portSet = rule.ports.some((p) => portMatches(p, port, protocol, input.clusterNamedPorts)) ? all : undefined;
      } else {
        const bits = Bitset.of(n);
        let any = false;
        for (const p of rule.ports) {
          if (p.name !== undefined) { bits.or(namedBits(p.name, p.protocol)); any = true; }
          else if (portMatches(p, port, protocol, NO_NAMED_PORTS)) { bits.or(all); any = true; }
        }
        portSet = any ? bits : undefined;
      }
    }
    if (portSet === undefined) return undefined;
    const bits = Bitset.of(n);
    // toFQDNs never selects a pod, so it adds nothing here.
    for (const peer of rule.peers) if (peer.kind !== 'fqdn') bits.or(peerBits(peer));
    if (portSet !== all) bits.and(portSet);
    return bits;
  };
  const allowed = (direction: Direction, identity: Identity): Bitset => {
    if (cni === 'none') return all;
    const state = states[direction][identity.index];
    if (!state.enforced) return all;
    const deny = Bitset.of(n);
    for (const rule of state.denyRules) { const b = ruleBits(rule, direction, identity); if (b) deny.or(b); }
    let result: Bitset;
    if (state.defaultDenyBy.length === 0) {
      result = all.clone();
    } else {
      result = Bitset.of(n);
      for (const rule of state.allowRules) { const b = ruleBits(rule, direction, identity); if (b) result.or(b); }
    }
    result.andNot(deny);
    return result;
  };

  const egress = identities.list.map((identity) => allowed('egress', identity));
  const ingress = identities.list.map((identity) => allowed('ingress', identity));
  const podIdentity = pods.map((pod) => identities.byPod.get(pod)!.index);
  const rows = podIdentity.map((a) => {
    const out = egress[a];
    const chars = new Array<string>(podIdentity.length);
    for (let j = 0; j < podIdentity.length; j++) {
      const b = podIdentity[j];
      chars[j] = out.has(b) && ingress[b].has(a) ? '.' : 'X';
    }
    return chars.join('');
  });
  return { port, protocol, pods, rows };
}
