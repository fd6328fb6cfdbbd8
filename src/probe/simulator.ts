import type { Manifest } from '../manifests/manifest';
import { InputError } from '../cli/input-error';
import type { Cidr } from './cidr';
import { decideDirection, type DirectionDecision } from './decide';
import { buildDirectionStates, buildReservedStates, enforcedPolicies, type DirectionState } from './direction-state';
import { resolveEndpoint, type Endpoint } from './endpoint';
import { parsePort, PROTOCOLS, type Cni, type Flow, type ProbeEntity, type Protocol } from './flow';
import { FlowSpace } from './flow-table';
import { buildIdentities, type Identities, type Identity } from './identity';
import { clusterNamedPorts, type NamedPortResolver } from './named-ports';
import { compareText } from '../model/compare';
import { computeReachability, type Reachability } from './reachability';
import { policyLabel } from './policy-ref';
import { readPolicySet } from './policy-set';
import type { CompiledPolicy, Direction } from './rule';
import type { Topology, TopologyNamespace } from './topology';
import type { FlowVerdict } from './verdict';

/** Options of `Simulator.build`. */
export interface SimulatorOptions {
  /**
   * The enforcer to model.
   *
   * @default - `cilium`: NetworkPolicy, CNP and CCNP enforced together
   */
  readonly cni?: Cni;
}

/** A flow's verdict with the words `netpol explain` prints for each side. */
export interface FlowExplanation {
  /** The verdict. */
  readonly verdict: FlowVerdict;
  /** Why the source's egress allows or denies. */
  readonly egress: string;
  /** Why the destination's ingress allows or denies. */
  readonly ingress: string;
}

/**
 * The flow simulator: answers "would this connection be allowed on a real cluster?" for a set
 * of manifests and a topology, without a cluster (contract: the flow-probe spec).
 *
 * A flow is allowed when the source side allows it as egress and the destination side allows
 * it as ingress; that rule lives in `explain` and nowhere else. Pods are grouped into identities
 * (see `Identity`) and each identity's merged policy is computed once, at build time.
 */
export class Simulator {
  /**
   * Builds a simulator. `Namespace` manifests' labels merge into the topology (namespaces they
   * name that the topology lacks are added, without pods).
   *
   * @param manifests the manifests; kinds other than NetworkPolicy, CNP, CCNP and Namespace are ignored
   * @param topology the namespaces, pods and externals
   * @param options the enforcer
   * @throws InputError naming the file, object and field when a policy cannot be read
   */
  static build(manifests: Manifest[], topology: Topology, options: SimulatorOptions = {}): Simulator {
    const cni = options.cni ?? 'cilium';
    const set = readPolicySet(manifests);
    const namespaces = new Map<string, TopologyNamespace>(topology.namespaces);
    // No order needed: identities are built from sorted names.
    for (const [name, labels] of set.namespaceLabels) {
      const existing = namespaces.get(name);
      namespaces.set(name, { labels: { ...existing?.labels, ...labels }, pods: existing?.pods ?? new Map() });
    }
    const merged: Topology = { namespaces, externals: topology.externals };
    const policies = enforcedPolicies(cni, set.networkPolicies, set.ciliumPolicies);
    const identities = buildIdentities(merged, cni === 'kubernetes' ? podCidrs(policies) : []);
    const notices = [...set.notices];
    if (cni === 'kubernetes' && set.ciliumPolicies.length > 0) {
      const names = [...new Set(set.ciliumPolicies.map((p) => policyLabel(p.ref)))].sort();
      notices.push(`--cni kubernetes ignores ${names.length} Cilium polic${names.length === 1 ? 'y' : 'ies'}: ${names.join(', ')}.`);
    }
    if (cni === 'none') notices.push('--cni none enforces nothing: every flow is allowed.');
    const enforcement: Enforcement = {
      states: buildDirectionStates(policies, identities),
      reservedStates: buildReservedStates(policies),
      namedPorts: clusterNamedPorts(identities.list.map((identity) => identity.ports)),
      hostNotices: cni === 'cilium' ? [...new Set(set.hostNotices)].sort() : [],
    };
    return new Simulator(cni, merged, identities, enforcement, [...new Set(notices)].sort());
  }

  private constructor(
    /** The enforcer modelled. */
    readonly cni: Cni,
    private readonly topology: Topology,
    private readonly identities: Identities,
    private readonly enforcement: Enforcement,
    /** What is not enforced or not modelled, e.g. CNP/CCNP ignored under `--cni kubernetes`. */
    readonly notices: string[],
  ) {}

  /**
   * Decides one flow.
   *
   * @param flow the flow
   * @throws InputError when a peer is unknown, or the port or protocol is invalid
   */
  evaluate(flow: Flow): FlowVerdict {
    return this.explain(flow).verdict;
  }

  /**
   * Decides one flow and says why, per side.
   *
   * @param flow the flow
   * @throws InputError `<field>: <problem>` when a peer is unknown (`from: unknown pod ...`), or
   *   the port or protocol is invalid (`port: ...`), so callers can prefix where the flow came from
   */
  explain(flow: Flow): FlowExplanation {
    if (parsePort(flow.port) === undefined) throw new InputError(`port: ${JSON.stringify(flow.port)} is not a port number 1-65535.`);
    if (!PROTOCOLS.includes(flow.protocol)) throw new InputError(`protocol: ${JSON.stringify(flow.protocol)} is not one of ${PROTOCOLS.join(', ')}.`);
    const from = this.endpoint(flow.from, 'from');
    const to = this.endpoint(flow.to, 'to');
    const egress = this.decide('egress', from, to, flow);
    const ingress = this.decide('ingress', to, from, flow);
    const verdict = egress.verdict.verdict === 'allow' && ingress.verdict.verdict === 'allow' ? 'allow' : 'deny';
    const notices = this.flowNotices(from, to);
    return {
      verdict: {
        from: flow.from, to: flow.to, port: flow.port, protocol: flow.protocol, verdict, egress: egress.verdict, ingress: ingress.verdict,
        ...(notices.length > 0 ? { notices } : {}),
      },
      egress: egress.explanation,
      ingress: ingress.explanation,
    };
  }

  /** Every pod of the topology as `ns/pod`, sorted. */
  pods(): string[] {
    return [...this.identities.byPod.keys()].sort();
  }

  /**
   * The reachability truth table of every pod to every pod for one port, computed per identity
   * pair with bitsets (what `netpol probe --matrix` prints).
   *
   * @param port the destination port
   * @param protocol the protocol; TCP when omitted
   * @throws InputError when the port is not 1-65535
   */
  reachability(port: number, protocol: Protocol = 'TCP'): Reachability {
    if (parsePort(port) === undefined) throw new InputError(`port: ${JSON.stringify(port)} is not a port number 1-65535.`);
    return computeReachability({ identities: this.identities, space: this.flowSpace(), port, protocol, pods: this.pods() });
  }

  /**
   * The pod identities: groups of pods every policy treats alike, in a deterministic order
   * (an identity's `index` is its position here and in `flowSpace`).
   */
  identityList(): readonly Identity[] {
    return this.identities.list;
  }

  /**
   * Every flow between the pod identities and the given peers outside the pods at once, per
   * port, as bitsets (see `FlowSpace`): what the review commands use instead of deciding pod
   * pairs one by one. Same decisions as `explain`.
   *
   * @param outside peers outside the pods, `external:<name>` or `entity:<name>`; they take
   *   the indexes after the identities, in this order
   * @throws InputError when an outside peer is unknown
   */
  flowSpace(outside: readonly string[] = []): FlowSpace {
    const endpoints = outside.map((peer) => this.endpoint(peer, 'to'));
    const identityCount = this.identities.list.length;
    return new FlowSpace({
      identities: this.identities,
      outside: endpoints,
      cni: this.cni,
      clusterNamedPorts: this.enforcement.namedPorts,
      stateOf: (index, direction) => this.state(direction, index < identityCount
        ? { kind: 'pod', name: '', identity: this.identities.list[index] } : endpoints[index - identityCount]),
    });
  }

  private endpoint(text: string, field: 'from' | 'to'): Endpoint {
    const endpoint = resolveEndpoint(text, this.topology, this.identities);
    if (typeof endpoint === 'string') throw new InputError(`${field}: ${endpoint}`);
    return endpoint;
  }

  private decide(direction: Direction, subject: Endpoint, peer: Endpoint, flow: Flow): DirectionDecision {
    const clusterNamedPorts = this.enforcement.namedPorts;
    return decideDirection({ direction, subject, peer, port: flow.port, protocol: flow.protocol, cni: this.cni, clusterNamedPorts }, this.state(direction, subject));
  }

  /** The merged policy state of an endpoint for one direction; undefined when no policy can select it. */
  private state(direction: Direction, endpoint: Endpoint): DirectionState | undefined {
    if (endpoint.kind === 'pod') return this.enforcement.states[direction][endpoint.identity.index];
    return endpoint.kind === 'entity' ? this.enforcement.reservedStates.get(endpoint.entity)?.[direction] : undefined;
  }

  /**
   * What the simulator did not model for a flow: the unmodelled parts of the policies selecting
   * either end, and host policies when a node is an end (flow-probe spec, "Output": `notices`).
   */
  private flowNotices(from: Endpoint, to: Endpoint): string[] {
    const notices = new Set<string>();
    for (const endpoint of [from, to]) {
      // Both directions of a state carry the same notices (those of every selecting policy).
      for (const n of this.state('egress', endpoint)?.notices ?? []) notices.add(n);
      if (endpoint.kind === 'entity' && (endpoint.entity === 'host' || endpoint.entity === 'remote-node')) {
        for (const n of this.enforcement.hostNotices) notices.add(n);
      }
    }
    return [...notices].sort(compareText);
  }
}

/** What the simulator computed once from the enforced policies. */
interface Enforcement {
  /** The merged policy state of each pod identity, per direction. */
  readonly states: Record<Direction, DirectionState[]>;
  /** The states of the reserved endpoints (health, ingress, init) some policy selects. */
  readonly reservedStates: ReadonlyMap<ProbeEntity, Record<Direction, DirectionState>>;
  /** The cluster-wide named-port map (Cilium egress). */
  readonly namedPorts: NamedPortResolver;
  /** The notices of host policies, for flows from and to the nodes (`--cni cilium` only). */
  readonly hostNotices: readonly string[];
}

/**
 * Decides many flows over one set of manifests and one topology.
 *
 * @param manifests the manifests (NetworkPolicy, CNP, CCNP, Namespace; other kinds are ignored)
 * @param topology the namespaces, pods and externals
 * @param flows the flows to decide
 * @param options the enforcer
 * @returns one verdict per flow, in the flows' order
 * @throws InputError when a policy cannot be read or a flow names an unknown peer (see `Simulator.explain`)
 */
export function probe(manifests: Manifest[], topology: Topology, flows: Flow[], options: SimulatorOptions = {}): FlowVerdict[] {
  const simulator = Simulator.build(manifests, topology, options);
  return flows.map((flow) => simulator.evaluate(flow));
}

function podCidrs(policies: readonly CompiledPolicy[]): Cidr[] {
  const blocks = new Map<string, Cidr>();
  for (const policy of policies) {
    for (const rule of [...(policy.ingress?.rules ?? []), ...(policy.egress?.rules ?? [])]) {
      for (const peer of rule.peers) {
        if (peer.kind !== 'cidr') continue;
        for (const c of [peer.cidr, ...peer.except]) blocks.set(c.text, c);
      }
    }
  }
  return [...blocks.keys()].sort().map((k) => blocks.get(k)!);
}
