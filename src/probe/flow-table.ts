import { Bitset } from './bitset';
import { POD_NAMESPACE_LABEL } from './cilium-labels';
import type { DirectionState } from './direction-state';
import type { Endpoint } from './endpoint';
import type { Cni, Protocol } from './flow';
import { normalizeDnsName } from './fqdn';
import type { Identities } from './identity';
import { peerMatches, peerMatchesIdentity } from './peer-match';
import { NO_NAMED_PORTS, podNamedPorts, type NamedPortResolver } from './named-ports';
import { portMatches } from './port-matcher';
import type { Direction, PeerMatcher, PolicyRule } from './rule';
import { requiredValue } from './selector';

/**
 * The peers a flow space reasons about: every pod identity of the simulator (indexes
 * `0 .. identities - 1`, as `Identity.index`), then the given endpoints outside the pods
 * (externals and entities), in the order given.
 */
export interface FlowSpaceInput {
  /** The pod identities. */
  readonly identities: Identities;
  /** The endpoints besides the pods (externals, entities), resolved. */
  readonly outside: readonly Endpoint[];
  /**
   * The merged policy state of a peer of the space, per direction.
   *
   * @returns the state, or undefined when no policy can select the peer (then it allows everything)
   */
  readonly stateOf: (index: number, direction: Direction) => DirectionState | undefined;
  /** The enforcer. */
  readonly cni: Cni;
  /** The cluster-wide named-port map Cilium resolves egress named ports against (`clusterNamedPorts`). */
  readonly clusterNamedPorts: NamedPortResolver;
}

/**
 * Every flow between the peers of a simulator at once, per port: what `Simulator.explain`
 * decides one flow at a time, as bitsets over peer indexes (see `FlowSpaceInput`). A pod
 * identity stands for all its pods, so the cost grows with identities and rules, never with
 * pod pairs; peer sets of rules are computed once per rule and shared by every port.
 *
 * Same decision as `decideDirection`: a matching deny rule wins; a direction no policy has a
 * say on is open; `entity:host` reaches pods whatever their ingress policy (Cilium
 * allow-localhost; both directions under NetworkPolicy); otherwise an allow rule must match,
 * unless no selecting policy enables default-deny. `toFQDNs` matches only names the source's
 * DNS proxy rules let it look up.
 */
export class FlowSpace {
  /** How many peers the space has: identities, then outside endpoints. */
  readonly size: number;
  private readonly all: Bitset;
  private readonly peerCache = new Map<PeerMatcher, Bitset>();
  private readonly peerKeyCache = new Map<string, Bitset>();
  private readonly unionCache = new Map<PolicyRule, { peers: Bitset; fqdn?: Bitset }>();
  private readonly hostIndex: number | undefined;

  /**
   * Builds a flow space.
   *
   * @param input the identities, outside endpoints, state lookup and enforcer
   */
  constructor(private readonly input: FlowSpaceInput) {
    this.size = input.identities.list.length + input.outside.length;
    this.all = Bitset.of(this.size, true);
    const host = input.outside.findIndex((e) => e.kind === 'entity' && e.entity === 'host');
    this.hostIndex = host < 0 ? undefined : input.identities.list.length + host;
  }

  /**
   * The peer at an index: a pod identity or an outside endpoint.
   *
   * @param index the index
   */
  endpoint(index: number): Endpoint {
    const identities = this.input.identities.list;
    if (index < identities.length) {
      const identity = identities[index];
      return { kind: 'pod', name: identity.pods[0], identity };
    }
    return this.input.outside[index - identities.length];
  }

  /**
   * The merged policy state of a peer, per direction: the rules that decide its side.
   *
   * @param index the peer
   * @param direction the direction
   * @returns the state, or undefined when no policy can select the peer
   */
  state(index: number, direction: Direction): DirectionState | undefined {
    return this.input.stateOf(index, direction);
  }

  /**
   * Whether one side of a peer decides every flow on every port exactly as the same peer of
   * another space does, so that `side` gives equal sets in both: the same enforcement and
   * default-deny, the same DNS names, and rule by rule the same action, ports and matched
   * peers. Both spaces must be over the same pods and outside peers (each identity index holds
   * the same pods with the same ports, as both sides of a diff over one topology); namespace
   * labels may differ, since matched peers are compared as sets. A false answer only means
   * "not shown alike".
   *
   * @param other the other space
   * @param index the peer, the same index in both spaces
   * @param direction the side
   */
  decidesAlike(other: FlowSpace, index: number, direction: Direction): boolean {
    if (other.size !== this.size || other.input.cni !== this.input.cni || other.hostIndex !== this.hostIndex) return false;
    const mine = this.input.stateOf(index, direction);
    const theirs = other.input.stateOf(index, direction);
    if (mine === undefined || theirs === undefined) return mine === theirs;
    return mine.enforced === theirs.enforced
      && (mine.defaultDenyBy.length === 0) === (theirs.defaultDenyBy.length === 0)
      && sameList(mine.dnsNames, theirs.dnsNames, (a, b) => a.text === b.text)
      && sameList(mine.allowRules, theirs.allowRules, (a, b) => this.sameRule(a, other, b))
      && sameList(mine.denyRules, theirs.denyRules, (a, b) => this.sameRule(a, other, b));
  }

  /** Whether two rules match the same peers on the same ports (their unions are cached, so this is cheap). */
  private sameRule(rule: PolicyRule, other: FlowSpace, theirs: PolicyRule): boolean {
    if (rule.action !== theirs.action || JSON.stringify(rule.ports) !== JSON.stringify(theirs.ports)) return false;
    const a = this.ruleUnion(rule);
    const b = other.ruleUnion(theirs);
    return a.peers.equals(b.peers) && (a.fqdn === undefined ? b.fqdn === undefined : b.fqdn !== undefined && a.fqdn.equals(b.fqdn));
  }

  /** Whether a peer index is a pod identity. */
  isPod(index: number): boolean {
    return index < this.input.identities.list.length;
  }

  /**
   * Decides every flow of the space on one port.
   *
   * @param port the destination port
   * @param protocol the protocol
   */
  table(port: number, protocol: Protocol): FlowTable {
    const egress: Bitset[] = [];
    const ingress: Bitset[] = [];
    for (let i = 0; i < this.size; i++) {
      egress.push(this.side('egress', i, port, protocol));
      ingress.push(this.side('ingress', i, port, protocol));
    }
    return new FlowTable(this, port, protocol, egress, ingress, this.all);
  }

  /**
   * The peers one allow or deny rule matches on a port for a subject, as `decideDirection`
   * counts them (`toFQDNs` of an allow rule only for names the subject may look up).
   *
   * @param rule the rule (of a policy selecting the subject)
   * @param direction the rule's direction
   * @param subject the index of the endpoint the rule's policy selects
   * @param port the port
   * @param protocol the protocol
   * @returns the peers, or undefined when the rule's ports do not cover the port
   */
  ruleMatches(rule: PolicyRule, direction: Direction, subject: number, port: number, protocol: Protocol): Bitset | undefined {
    const bits = this.ruleBits(rule, direction, subject, port, protocol);
    return bits === undefined ? undefined : bits.shared ? bits.set.clone() : bits.set;
  }

  /**
   * `ruleMatches` without a copy: `shared` says the set is a cached one the caller must not
   * modify (most rules: no port mask, no FQDN peers), so a row costs one OR per rule, not an
   * allocation per rule.
   */
  private ruleBits(rule: PolicyRule, direction: Direction, subject: number, port: number, protocol: Protocol): { set: Bitset; shared: boolean } | undefined {
    let portMask: Bitset | undefined;
    if (rule.ports !== undefined) {
      // As decide.ts: ingress named ports resolve against the subject's own ports, Cilium egress
      // against the cluster-wide map, NetworkPolicy egress against each destination's ports.
      const resolver = direction === 'ingress' ? this.podPorts(subject)
        : this.input.cni === 'cilium' ? this.input.clusterNamedPorts : undefined;
      if (resolver !== undefined) {
        if (!rule.ports.some((p) => portMatches(p, port, protocol, resolver))) return undefined;
      } else {
        const mask = Bitset.of(this.size);
        let any = false;
        for (const p of rule.ports) {
          if (p.name !== undefined) { mask.or(this.namedPortPeers(p.name, p.protocol, port, protocol)); any = true; }
          else if (portMatches(p, port, protocol, NO_NAMED_PORTS)) { mask.or(this.all); any = true; }
        }
        if (!any) return undefined;
        portMask = mask;
      }
    }
    const union = this.ruleUnion(rule);
    if (union.fqdn === undefined && portMask === undefined) return { set: union.peers, shared: true };
    const bits = union.peers.clone();
    if (union.fqdn !== undefined) {
      const state = this.input.stateOf(subject, direction);
      if (rule.action === 'deny') bits.or(union.fqdn);
      else if (state !== undefined && state.dnsNames.length > 0) bits.or(this.learnable(union.fqdn, state));
    }
    if (portMask !== undefined) bits.and(portMask);
    return { set: bits, shared: false };
  }

  /**
   * The peers some of a subject's allow rules match on a port: the union of `ruleMatches` over
   * the allow rules `keep` accepts (e.g. those of the baseline policies). A flow's `by` on that
   * side names the policies of exactly the allow rules that match it.
   *
   * @param direction the direction
   * @param subject the index of the subject
   * @param port the port
   * @param protocol the protocol
   * @param keep which allow rules count
   */
  allowRuleMatches(direction: Direction, subject: number, port: number, protocol: Protocol, keep: (rule: PolicyRule) => boolean): Bitset {
    const bits = Bitset.of(this.size);
    for (const rule of this.input.stateOf(subject, direction)?.allowRules ?? []) {
      if (!keep(rule)) continue;
      const matches = this.ruleBits(rule, direction, subject, port, protocol);
      if (matches) bits.or(matches.set);
    }
    return bits;
  }

  /**
   * The peers one peer's own side allows on a port: for egress the destinations it may reach,
   * for ingress the sources it admits (one row of `table`, computed alone). Do not modify.
   *
   * @param direction the side
   * @param subject the index of the peer
   * @param port the port
   * @param protocol the protocol
   */
  side(direction: Direction, subject: number, port: number, protocol: Protocol): Bitset {
    const { cni } = this.input;
    if (cni === 'none') return this.all;
    const state = this.input.stateOf(subject, direction);
    if (state === undefined || (!state.enforced && state.denyRules.length === 0)) return this.all;
    let result: Bitset;
    if (!state.enforced || state.defaultDenyBy.length === 0) {
      result = this.all.clone();
    } else {
      result = Bitset.of(this.size);
      for (const rule of state.allowRules) { const b = this.ruleBits(rule, direction, subject, port, protocol); if (b) result.or(b.set); }
      const hostExempt = cni === 'kubernetes' || (cni === 'cilium' && direction === 'ingress');
      if (hostExempt && this.hostIndex !== undefined) result.add(this.hostIndex);
    }
    for (const rule of state.denyRules) { const b = this.ruleBits(rule, direction, subject, port, protocol); if (b) result.andNot(b.set); }
    return result;
  }

  /** The names of a pod identity's container ports (none outside the pods). */
  private podPorts(index: number): NamedPortResolver {
    const identities = this.input.identities.list;
    return index < identities.length ? podNamedPorts(identities[index].ports) : NO_NAMED_PORTS;
  }

  private namedPortPeers(name: string, ruleProtocol: Protocol | 'ANY', port: number, protocol: Protocol): Bitset {
    const bits = Bitset.of(this.size);
    for (const identity of this.input.identities.list) {
      if (portMatches({ protocol: ruleProtocol, name }, port, protocol, podNamedPorts(identity.ports))) bits.add(identity.index);
    }
    return bits;
  }

  /** The peers a rule names, port aside: its non-FQDN peers, and apart its `toFQDNs` matches. */
  private ruleUnion(rule: PolicyRule): { peers: Bitset; fqdn?: Bitset } {
    let union = this.unionCache.get(rule);
    if (union) return union;
    const peers = Bitset.of(this.size);
    let fqdn: Bitset | undefined;
    for (const peer of rule.peers) {
      if (peer.kind === 'fqdn') (fqdn ??= Bitset.of(this.size)).or(this.peerBits(peer));
      else peers.or(this.peerBits(peer));
    }
    union = fqdn === undefined ? { peers } : { peers, fqdn };
    this.unionCache.set(rule, union);
    return union;
  }

  private peerBits(peer: PeerMatcher): Bitset {
    if (peer.kind === 'any') return this.all;
    let bits = this.peerCache.get(peer);
    if (bits) return bits;
    const key = JSON.stringify(peer, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof RegExp ? v.source : v));
    bits = this.peerKeyCache.get(key);
    if (!bits) {
      bits = Bitset.of(this.size);
      const { identities, outside, cni } = this.input;
      const namespace = peer.kind === 'pods' ? peer.namespace
        : peer.kind === 'endpoints' ? requiredValue(peer.selector, POD_NAMESPACE_LABEL) : undefined;
      if (peer.kind !== 'fqdn') {
        const candidates = namespace === undefined ? identities.list : identities.byNamespace.get(namespace) ?? [];
        for (const identity of candidates) if (peerMatchesIdentity(peer, identity, cni)) bits.add(identity.index);
      }
      outside.forEach((endpoint, i) => { if (peerMatches(peer, endpoint, cni)) bits!.add(identities.list.length + i); });
      this.peerKeyCache.set(key, bits);
    }
    this.peerCache.set(peer, bits);
    return bits;
  }

  /** The FQDN matches a subject can learn the addresses of (its DNS proxy rules allow the name). */
  private learnable(fqdn: Bitset, state: DirectionState): Bitset {
    const bits = Bitset.of(this.size);
    for (const index of fqdn.members()) {
      const endpoint = this.endpoint(index);
      if (endpoint.kind !== 'external' || endpoint.fqdn === undefined) continue;
      const name = normalizeDnsName(endpoint.fqdn);
      if (state.dnsNames.some((d) => d.test(name))) bits.add(index);
    }
    return bits;
  }
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]));
}

/**
 * The decisions of a `FlowSpace` on one port: per peer, what its egress and its ingress allow,
 * and the flows both ends allow.
 */
export class FlowTable {
  private transposedIngress?: Bitset[];
  private transposedEgress?: Bitset[];

  /** @internal built by `FlowSpace.table` */
  constructor(
    /** The space. */
    readonly space: FlowSpace,
    /** The destination port. */
    readonly port: number,
    /** The protocol. */
    readonly protocol: Protocol,
    private readonly egressRows: readonly Bitset[],
    private readonly ingressRows: readonly Bitset[],
    private readonly all: Bitset,
  ) {}

  /**
   * The peers a peer's egress allows it to reach on this port (its own side only). Do not modify.
   *
   * @param index the source
   */
  egress(index: number): Bitset {
    return this.egressRows[index];
  }

  /**
   * The peers a peer's ingress admits on this port (its own side only). Do not modify.
   *
   * @param index the destination
   */
  ingress(index: number): Bitset {
    return this.ingressRows[index];
  }

  /**
   * The destinations a peer reaches on this port: its egress allows them and their ingress admits it.
   *
   * @param index the source
   */
  from(index: number): Bitset {
    const bits = this.egressRows[index].clone();
    bits.and(this.transpose('ingress')[index]);
    return bits;
  }

  /**
   * The sources that reach a peer on this port: its ingress admits them and their egress allows it.
   *
   * @param index the destination
   */
  into(index: number): Bitset {
    const bits = this.ingressRows[index].clone();
    bits.and(this.transpose('egress')[index]);
    return bits;
  }

  /**
   * Per peer, the peers whose `direction` side allows it: the columns of that side. Rows that
   * allow everyone are not walked bit by bit, so open peers cost one word per 32 peers.
   */
  private transpose(direction: Direction): Bitset[] {
    const cached = direction === 'ingress' ? this.transposedIngress : this.transposedEgress;
    if (cached) return cached;
    const rows = direction === 'ingress' ? this.ingressRows : this.egressRows;
    const size = rows.length;
    const open = Bitset.of(size);
    const columns = rows.map(() => Bitset.of(size));
    rows.forEach((row, j) => {
      if (row === this.all) open.add(j);
      else for (const i of row.members()) columns[i].add(j);
    });
    if (!open.isEmpty()) for (const column of columns) column.or(open);
    if (direction === 'ingress') this.transposedIngress = columns;
    else this.transposedEgress = columns;
    return columns;
  }
}
