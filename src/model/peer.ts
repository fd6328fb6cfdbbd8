import { ACCESS_LABEL_PREFIX, accessLabel, NAMESPACE_NAME_LABEL } from './labels';
import { checkCidr } from './cidr';
import { Entity } from './entity';
import { checkDnsLabel, checkLabels, sortedRecord, type LabelValues } from './names';
import { PolicyError } from './policy-error';
import { Problems, problemsOfValue, withProblems } from './problems';
import { normalizeReason, reasonProblem } from './reason';
import type { Var } from './var';
import type { IPodSelector, PodSelectorConfig } from 'cdk8s-plus-28';
import { LabelSelector, requirementText, type LabelRequirement, type SelectorOperator } from './label-selector';

/** Pods, selected by namespace (by name or by labels) and pod labels. */
export interface EndpointsPeer {
  readonly kind: 'endpoints';
  /**
   * The namespace the pods are in.
   * @default - see `namespaceLabels`; with neither, the namespace of the policy the rule lands in
   */
  readonly namespace?: string;
  /**
   * Labels the pods' namespace must carry.
   * @default - the namespace is given by name, or is the policy's own
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * True when the peer means every namespace (only namespace and pod labels narrow it).
   * @default false
   */
  readonly anyNamespace?: boolean;
  /**
   * Further requirements on the namespace's labels (`matchExpressions`).
   * @default - none
   */
  readonly namespaceExpressions?: readonly LabelRequirement[];
  /** Labels the pods must carry; empty selects every pod of the namespace(s). */
  readonly podLabels: Readonly<Record<string, string>>;
  /**
   * Further requirements on the pods' labels (`matchExpressions`).
   * @default - none
   */
  readonly podExpressions?: readonly LabelRequirement[];
}

/** A Cilium reserved identity. */
export interface EntityPeer {
  readonly kind: 'entity';
  readonly entity: Entity;
}

/** A DNS name (egress only; Cilium `toFQDNs`). */
export interface FqdnPeer {
  readonly kind: 'fqdn';
  /** An exact name (`matchName`) or a pattern with `*` (`matchPattern`). */
  readonly name: string;
  readonly pattern: boolean;
}

/** Addresses by CIDR: only where the user opts in with a reason. */
export interface CidrPeer {
  readonly kind: 'cidr';
  readonly cidr: string;
  readonly except: readonly string[];
  /** Why a hard-coded address is needed; rendered into the rule description. */
  readonly reason: string;
}

/**
 * One of the cluster's ingress gateways, by name (`Peer.gateway('internal')`): the construct
 * receiving it replaces it with the pods the cluster's `gateways` setting names, so renderers
 * never see this shape.
 */
export interface GatewayPeer {
  readonly kind: 'gateway';
  /** The gateway name, a key of the cluster's `gateways` setting. */
  readonly name: string;
}

/** The shapes a peer can take. */
export type PeerSpec = EndpointsPeer | EntityPeer | FqdnPeer | CidrPeer | GatewayPeer;

/** Options of `Peer.cidr`. */
export interface PeerCidrOptions {
  /**
   * Why this rule needs a hard-coded address instead of a selector or an entity: the explicit
   * opt-in the library asks for. It is written into the rule's description.
   */
  readonly reason: string;
  /**
   * Sub-ranges to leave out.
   * @default - none
   */
  readonly except?: readonly (string | Var)[];
}

const FQDN = /^(\*|[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?)(\.[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?)*\.?$/;

/**
 * The other end of a rule: pods, a Cilium entity, a DNS name or (with an explicit reason) a
 * CIDR. Immutable; build it with the factories. A factory given bad input returns a peer carrying
 * its problems (`problemsOfValue`), reported by the construct that uses it (src/model/problems.ts). `toString()` gives a short stable form used
 * in descriptions, findings and docs.
 *
 * @example Peer.pods('database', { 'app.kubernetes.io/name': 'postgresql' }), Peer.health(), Peer.fqdn('api.github.com')
 */
export class Peer {
  /** Every pod of namespace `name`. */
  static namespace(name: string): Peer {
    return checked(new Peer({ kind: 'endpoints', namespace: name, podLabels: {} }), () => checkDnsLabel('namespace name', name));
  }

  /** Pods of namespace `namespace` carrying all of `labels`. */
  static pods(namespace: string, labels: LabelValues): Peer {
    return checked(new Peer({ kind: 'endpoints', namespace, podLabels: sortedLabels(labels) }),
      () => checkDnsLabel('namespace name', namespace), () => checkLabels(`pods of ${namespace}`, labels));
  }

  /**
   * Pods of the namespace the rule is declared in, carrying all of `labels`.
   *
   * @param labels the pod labels
   * @default labels - every pod of the namespace
   */
  static sameNamespace(labels: LabelValues = {}): Peer {
    return checked(new Peer({ kind: 'endpoints', podLabels: sortedLabels(labels) }), () => checkLabels('pods of the same namespace', labels));
  }

  /**
   * Pods of every namespace that carries all of `namespaceLabels`.
   *
   * @param namespaceLabels the namespace labels
   * @param podLabels the pod labels
   * @default podLabels - every pod of those namespaces
   */
  static namespacesLabelled(namespaceLabels: LabelValues, podLabels: LabelValues = {}): Peer {
    return checked(new Peer({ kind: 'endpoints', anyNamespace: true, namespaceLabels: sortedLabels(namespaceLabels), podLabels: sortedLabels(podLabels) }),
      () => {
        if (Object.keys(namespaceLabels ?? {}).length === 0) {
          throw new PolicyError('Peer.namespacesLabelled needs at least one namespace label: an empty selector would mean every namespace. Use Peer.allPods() if that is really meant.');
        }
      },
      () => checkLabels('namespace selector', namespaceLabels), () => checkLabels('pod selector', podLabels));
  }

  /** Pods of every namespace whose access label for `service` is "true". */
  static accessLabel(service: string): Peer {
    return checked(Peer.namespacesLabelled({ [accessLabel(String(service))]: 'true' }), () => checkDnsLabel('shared service name', service));
  }

  /**
   * Pods of every namespace carrying all of `labels`.
   *
   * @param labels the pod labels
   * @default labels - every pod of the cluster
   */
  static allPods(labels: LabelValues = {}): Peer {
    return checked(new Peer({ kind: 'endpoints', anyNamespace: true, podLabels: sortedLabels(labels) }), () => checkLabels('pod selector', labels));
  }

  /**
   * Pods of namespace `namespace` that `selector` selects: labels and expressions
   * (`In`, `NotIn`, `Exists`, `DoesNotExist`).
   *
   * @example Peer.podsMatching('monitoring', LabelSelector.of({ matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['snmp-exporter', 'ipmi-exporter'] }] }))
   * @param namespace the namespace
   * @param selector the pods
   */
  static podsMatching(namespace: string, selector: LabelSelector): Peer {
    const pods = selectorParts(selector);
    return withProblems(checked(new Peer({ kind: 'endpoints', namespace, podLabels: pods.labels, ...pods.expressions('pod') }),
      () => checkDnsLabel('namespace name', namespace), () => checkSelector('Peer.podsMatching', selector)), problemsOfValue(selector));
  }

  /**
   * Pods of every namespace `selector` selects (labels and expressions), narrowed by `podSelector`.
   *
   * @param selector the namespaces; at least one condition
   * @param podSelector the pods, as labels or a selector
   * @default podSelector - every pod of those namespaces
   */
  static namespacesMatching(selector: LabelSelector, podSelector: LabelSelector | LabelValues = {}): Peer {
    const namespaces = selectorParts(selector);
    const pods = selectorParts(podSelector instanceof LabelSelector ? podSelector : LabelSelector.labels(podSelector));
    const peer = new Peer({
      kind: 'endpoints', anyNamespace: true, namespaceLabels: namespaces.labels, ...namespaces.expressions('namespace'),
      podLabels: pods.labels, ...pods.expressions('pod'),
    });
    return withProblems(checked(peer, () => checkSelector('Peer.namespacesMatching', selector), () => {
      if (selector instanceof LabelSelector && selector.isEmpty) {
        throw new PolicyError('Peer.namespacesMatching needs at least one namespace condition: an empty selector would mean every namespace. Use Peer.allPods() if that is really meant.');
      }
    }), [...problemsOfValue(selector), ...problemsOfValue(podSelector)]);
  }

  /**
   * The pods of one of the cluster's ingress gateways: `'internal'`, `'external'` or any name of
   * the cluster's `gateways` setting. The constructs resolve it from the cluster, so a rule never
   * repeats the gateway's selector (and both ends of gateway traffic stay in step with it).
   *
   * @example ns.allowIngress(Peer.gateway('internal'), [Port.tcp(8000)])
   * @param name the gateway's name in the cluster's `gateways` setting
   */
  static gateway(name: 'internal' | 'external' | (string & {})): Peer {
    return checked(new Peer({ kind: 'gateway', name: String(name) }), () => checkDnsLabel('gateway name', String(name)));
  }

  /**
   * The pods of a cdk8s-plus workload or pod selection (`Deployment`, `StatefulSet`, `DaemonSet`,
   * `Pod`, `Pods.select(...)`): the selector cdk8s-plus itself gives them
   * (`toPodSelectorConfig()`: the pod address label, or the selection's labels and expressions)
   * in their namespace (`metadata.namespace`, the chart's namespace, or the selection's
   * namespaces). Without a namespace the pods are those of the rule's own namespace.
   *
   * @example Peer.workload(new kplus.Deployment(chart, 'web', { metadata: { namespace: 'blog' }, containers: [...] }))
   * @param workload the cdk8s-plus object
   */
  static workload(workload: IPodSelector): Peer {
    let config: PodSelectorConfig | undefined;
    const problems = new Problems();
    problems.check(() => {
      if (workload === null || typeof workload !== 'object' || typeof (workload as Partial<IPodSelector>).toPodSelectorConfig !== 'function') {
        throw new PolicyError(`Peer.workload needs a cdk8s-plus workload or pods (Deployment, StatefulSet, DaemonSet, Pod, Pods.select(...)), got ${String(workload)}.`);
      }
      config = workload.toPodSelectorConfig();
    });
    if (config === undefined) return withProblems(new Peer({ kind: 'endpoints', podLabels: {} }), problems);
    const pods = kubeSelector(config.labelSelector);
    const names = config.namespaces?.names ?? [];
    const namespaceLabels = config.namespaces?.labelSelector !== undefined ? kubeSelector(config.namespaces.labelSelector) : undefined;
    const namespaceSelector = namespaceLabels?.isEmpty ? undefined : namespaceLabels;
    let peer: Peer;
    if (names.length === 1 && namespaceSelector === undefined) peer = Peer.podsMatching(names[0], pods);
    else if (names.length > 0 || namespaceSelector !== undefined) {
      // Several names, or namespace labels: the namespaces as a selector (names via kubernetes.io/metadata.name).
      const byName = names.length > 0 ? [{ key: NAMESPACE_NAME_LABEL, operator: 'In' as const, values: names }] : [];
      peer = Peer.namespacesMatching(LabelSelector.of({
        matchLabels: namespaceSelector?.matchLabels ?? {},
        matchExpressions: [...byName, ...(namespaceSelector?.matchExpressions ?? [])],
      }), pods);
    } else {
      peer = new Peer({ kind: 'endpoints', podLabels: { ...pods.matchLabels }, ...(pods.matchExpressions.length > 0 ? { podExpressions: pods.matchExpressions } : {}) });
    }
    return withProblems(peer, [...problems.messages, ...problemsOfValue(pods)]);
  }

  /** A Cilium reserved identity (Cilium only; refused by the NetworkPolicy renderer). */
  static entity(entity: Entity): Peer {
    return checked(new Peer({ kind: 'entity', entity }), () => {
      if (!Object.values(Entity).includes(entity)) {
        throw new PolicyError(`Unknown entity "${String(entity)}": use one of ${Object.values(Entity).join(', ')}.`);
      }
    });
  }

  /** Everything outside the cluster (entity `world`). */
  static world(): Peer { return Peer.entity(Entity.WORLD); }
  /** Cilium health endpoints (entity `health`). */
  static health(): Peer { return Peer.entity(Entity.HEALTH); }
  /** The Kubernetes API server (entity `kube-apiserver`). */
  static kubeApiServer(): Peer { return Peer.entity(Entity.KUBE_APISERVER); }
  /** The local node (entity `host`). */
  static host(): Peer { return Peer.entity(Entity.HOST); }
  /** The other nodes (entity `remote-node`). */
  static remoteNode(): Peer { return Peer.entity(Entity.REMOTE_NODE); }

  /** An exact DNS name, e.g. `api.github.com` (egress only; Cilium `toFQDNs.matchName`). */
  static fqdn(name: string): Peer {
    return checked(new Peer({ kind: 'fqdn', name, pattern: false }), () => checkFqdn(name, false));
  }

  /** A DNS pattern with `*` wildcards, e.g. `*.github.com` (egress only; `toFQDNs.matchPattern`). */
  static fqdnPattern(pattern: string): Peer {
    return checked(new Peer({ kind: 'fqdn', name: pattern, pattern: true }), () => checkFqdn(pattern, true));
  }

  /**
   * Addresses in `cidr`. Hard-coded addresses break when the cluster changes, so the library
   * asks for a reason: prefer `Peer.pods`, `Peer.fqdn` or an entity where one fits. The CIDR
   * may be a Flux variable: `Peer.cidr(Var.flux('cluster_node_subnet'), { reason })`.
   */
  static cidr(value: string | Var, options: PeerCidrOptions): Peer {
    const cidr = String(value);
    const problem = reasonProblem(options?.reason);
    const reason = problem === undefined ? normalizeReason(options.reason) : '';
    const except = Array.isArray(options?.except) ? options.except.map(String).sort() : [];
    return checked(new Peer({ kind: 'cidr', cidr, except, reason }),
      () => {
        if (problem !== undefined) {
          // A blank or invisible reason ('\u200b') is no opt-in: it would read as none in review.
          const given = options?.reason === undefined ? '' : ` (the reason given ${problem})`;
          throw new PolicyError(`Hard-coded address "${cidr}" without a reason${given}: use a selector (Peer.pods, Peer.namespace), an entity (Peer.world(), Peer.kubeApiServer()) or Peer.fqdn(); if an address is really needed, opt in with Peer.cidr('${cidr}', { reason: 'why' }).`);
        }
      },
      () => checkCidr(value, 'Peer.cidr'),
      ...except.map((e) => () => checkCidr(e, `the except list of ${cidr}`)));
  }

  /**
   * Compares two peers for the canonical order (by their text form).
   *
   * @param a one peer
   * @param b the other
   */
  static compare(a: Peer, b: Peer): number {
    const x = a.toString();
    const y = b.toString();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private readonly text: string;

  private constructor(
    /** What the peer selects. */
    readonly spec: PeerSpec,
  ) {
    this.text = describe(spec);
  }

  /**
   * This peer with "the same namespace" resolved to `namespace`.
   *
   * @param namespace the namespace the rule is declared in
   */
  inNamespace(namespace: string): Peer {
    const spec = this.spec;
    if (spec.kind !== 'endpoints' || spec.namespace !== undefined || spec.anyNamespace) return this;
    return new Peer({ ...spec, namespace });
  }

  /** True when the peer only makes sense for egress (DNS names). */
  get egressOnly(): boolean {
    return this.spec.kind === 'fqdn';
  }

  /**
   * The short stable form: `ns:database`, `pods:database{app=x}`, `namespaces{k=v}`,
   * `entity:world`, `fqdn:api.github.com`, `cidr:10.0.0.0/8`.
   */
  toString(): string {
    return this.text;
  }
}

function describe(spec: PeerSpec): string {
  switch (spec.kind) {
    case 'entity': return `entity:${spec.entity}`;
    case 'gateway': return `gateway:${spec.name}`;
    case 'fqdn': return `fqdn:${spec.name}`;
    case 'cidr': return `cidr:${spec.cidr}${spec.except.length ? ` except ${spec.except.join(',')}` : ''}`;
    case 'endpoints': {
      const podText = [labelText(spec.podLabels), ...(spec.podExpressions ?? []).map(requirementText)].filter(Boolean).join(',');
      const pods = podText ? `{${podText}}` : '';
      if (spec.namespaceLabels || spec.namespaceExpressions) {
        const namespaceLabels = spec.namespaceLabels ?? {};
        const access = Object.keys(namespaceLabels).filter((k) => k.startsWith(ACCESS_LABEL_PREFIX));
        const nsText = [labelText(namespaceLabels), ...(spec.namespaceExpressions ?? []).map(requirementText)].filter(Boolean).join(',');
        const ns = access.length === 1 && Object.keys(namespaceLabels).length === 1 && !spec.namespaceExpressions
          ? `access:${access[0].slice(ACCESS_LABEL_PREFIX.length)}` : `namespaces{${nsText}}`;
        return pods ? `pods:${ns}${pods}` : ns;
      }
      const ns = spec.anyNamespace ? '*' : spec.namespace ?? '.';
      return pods ? `pods:${ns}${pods}` : `ns:${ns}`;
    }
  }
}

function checkSelector(where: string, selector: unknown): void {
  if (!(selector instanceof LabelSelector)) {
    throw new PolicyError(`${where} needs a LabelSelector, got ${JSON.stringify(selector) ?? String(selector)}: build it with LabelSelector.of({ matchLabels, matchExpressions }) or LabelSelector.labels({ ... }).`);
  }
}

/** A cdk8s-plus LabelSelector as ours (its Kubernetes form, `_toKube()`, is the one thing it exposes). */
function kubeSelector(selector: unknown): LabelSelector {
  const kube = (selector as { _toKube?: () => { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } })?._toKube?.() ?? {};
  return LabelSelector.of({
    matchLabels: kube.matchLabels ?? {},
    matchExpressions: (kube.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator as SelectorOperator, ...(e.values !== undefined ? { values: e.values } : {}) })),
  });
}

/** A selector's labels, and its expressions as the peer field of the given side (none when empty). */
function selectorParts(selector: LabelSelector): { labels: Record<string, string>; expressions: (side: 'pod' | 'namespace') => Partial<EndpointsPeer> } {
  const valid = selector instanceof LabelSelector;
  const expressions = valid ? selector.matchExpressions : [];
  return {
    labels: valid ? { ...selector.matchLabels } : {},
    expressions: (side) => (expressions.length === 0 ? {} : side === 'pod' ? { podExpressions: expressions } : { namespaceExpressions: expressions }),
  };
}

/** Runs a factory's checks and attaches what they find to the peer (src/model/problems.ts). */
function checked(peer: Peer, ...checks: (() => unknown)[]): Peer {
  const problems = new Problems();
  for (const check of checks) problems.check(check);
  return withProblems(peer, problems);
}

/** Sorted labels; anything but a plain object (a mistake `checkLabels` reports) gives none. */
function sortedLabels(labels: LabelValues | undefined): Record<string, string> {
  // A Flux variable value (Var.flux) is kept as its `${name}` text.
  return labels !== null && typeof labels === 'object' ? sortedRecord(Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]))) : {};
}

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

function checkFqdn(name: string, pattern: boolean): string {
  if (typeof name !== 'string') throw new PolicyError(`Invalid DNS name ${String(name)}: give a string such as "api.github.com".`);
  const lower = name.toLowerCase();
  if (lower !== name || !FQDN.test(name) || name.length > 255 || (!pattern && name.includes('*'))) {
    throw new PolicyError(`Invalid DNS name "${name}": use lowercase letters, digits, '-' and '.'${pattern ? " and '*'" : ''}.`
      + (!pattern && name.includes('*') ? ` For wildcards use Peer.fqdnPattern('${name}').` : ''));
  }
  return name;
}
