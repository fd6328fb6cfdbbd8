import { LabelSelector } from '../model/label-selector';
import { problemsOfValue } from '../model/problems';
import type { Construct } from 'constructs';
import { ACCESS_LABEL_PREFIX, AMBIENT_LABEL, AMBIENT_MODE, ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL, ENFORCEMENT_REASON_ANNOTATION, LABEL_DOMAIN, NAMESPACE_NAME_LABEL, PROFILE_LABEL } from '../model/labels';
import { checkDnsLabel, checkDnsSubdomain, checkFluxName, checkLabels, sortedRecord, type LabelValues } from '../model/names';
import { Peer, type EndpointsPeer } from '../model/peer';
import type { NamespaceIntent, PolicyGroup, PolicyIntent } from '../model/policy';
import { Port } from '../model/port';
import { checkReason } from '../model/reason';
import { allowRule, canonicalRules, ruleProblems, type Direction, type Rule, type RuleOptions } from '../model/rule';
import { labelSlug } from '../model/subject';
import type { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { resolvePeer } from './resolve-peer';
import { problemsOf } from './problems';

/** Options of `allowIngress` and `allowEgress`. */
export interface NamespaceRuleOptions extends RuleOptions {
  /**
   * Only these pods of the namespace get the rule; rules for the same pods share one policy.
   * @default - every pod of the namespace
   */
  readonly pods?: LabelValues | LabelSelector;
  /**
   * The name of the policy that holds rules for `pods`.
   * @default - `<prefix>-<pod label values>`, e.g. `platform-prometheus`
   */
  readonly policyName?: string;
  /**
   * Only this side. By default a rule whose peer is pods of a namespace the cluster declares
   * (`Peer.pods`, `Peer.namespace`, `Peer.podsMatching`, `Peer.workload`, `Peer.sameNamespace`)
   * also writes the peer's side, on the peer namespace's own policy, as a Connection would: every
   * endpoint is default-deny both ways, so one side alone is a dead flow. `true` when the other
   * side is written by hand (then synthesis still refuses the flow if that side does not allow it).
   * @default false
   */
  readonly oneSided?: boolean;
}

/** Properties shared by platform and application namespaces. */
export interface NamespaceBaseProps {
  /**
   * The namespace name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Whether the namespace is in the Istio ambient mesh: labels it
   * `istio.io/dataplane-mode=ambient`, and every rule between its pods and other pods also
   * allows HBONE (tcp/15008) with the same peer, which is how meshed pods reach each other
   * (Istio >= 1.21, in-pod redirection; see `withHbone`).
   * @default false
   */
  readonly mesh?: boolean;
  /**
   * Further labels on the Namespace. Labels of the design (`network-policy.homelab/*`,
   * `access.network-policy.homelab/*`) are refused here: they grant traffic, so they are set only
   * through the typed properties (`profile`, `access`, `disableEnforcement`).
   * @default - none
   */
  readonly labels?: LabelValues;
  /**
   * Lifts enforcement in the namespace (the escape hatch): labels it
   * `network-policy.homelab/enforcement=disabled` and writes the reason into its
   * `network-policy.homelab/enforcement-reason` annotation; alerts fire after 5 minutes (warning)
   * and 24 hours (critical). The reason must be visible text (not blank, no zero-width or
   * bidirectional-control characters).
   * @default - enforced
   */
  readonly disableEnforcement?: { readonly reason: string };
  /**
   * Whether this repository creates the Namespace. `false` when it is created elsewhere (a Flux
   * ResourceSet, bootstrap, another repo): no Namespace object is applied, but its labels stay
   * known to the model and are written, unapplied, to `external-namespaces.yaml` (left out of
   * `kustomization.yaml`) so that `netpol lint`, `docs` and `probe` still read them. Whoever
   * creates the namespace must give it those labels.
   * @default true
   */
  readonly manageNamespace?: boolean;
  /**
   * Whether the namespace takes the `ClusterBaseline`'s `withinNamespace` traffic; `false` opts out.
   * @default true
   */
  readonly withinNamespace?: boolean;
}

interface PolicyBucket {
  readonly name: string;
  readonly pods: LabelSelector;
  readonly ingress: Rule[];
  readonly egress: Rule[];
}

/**
 * What platform and application namespaces share: the Namespace manifest and typed extra
 * rules, rendered as namespaced policies (CiliumNetworkPolicy on Cilium).
 */
export abstract class NamespaceBase extends PolicySource {
  /** The namespace name. */
  readonly namespaceName: string;
  /** Whether the namespace is in the Istio ambient mesh. */
  readonly mesh: boolean;
  /** Whether this repository creates the Namespace (`manageNamespace`). */
  readonly manageNamespace: boolean;
  /** Whether the namespace takes the `ClusterBaseline`'s `withinNamespace` traffic. */
  readonly withinNamespace: boolean;
  /** The output file of the namespace and its policies. */
  abstract readonly group: PolicyGroup;
  protected readonly extraLabels: Readonly<Record<string, string>>;
  /** Why enforcement is disabled (`disableEnforcement`), normalized; undefined when enforced. */
  protected readonly enforcementReason?: string;
  private readonly buckets = new Map<string, PolicyBucket>();
  /** The rules whose other side goes on the peer's namespace (both ends by default). */
  private readonly sides: { readonly direction: Direction; readonly peer: Peer; readonly pods: LabelSelector; readonly ports: readonly Port[]; readonly description: string }[] = [];

  /**
   * @param fluxName whether the name may hold Flux post-build expressions (`${APP_NS}`), kept for Flux to fill in
   * @default fluxName false
   */
  protected constructor(scope: Construct, id: string, props: NamespaceBaseProps, private readonly policyPrefix: string, fluxName = false) {
    super(scope, id);
    const problems = problemsOf(this);
    this.namespaceName = props?.name ?? id;
    problems.check(() => (fluxName ? checkFluxName(checkDnsLabel, 'namespace name', this.namespaceName) : checkDnsLabel('namespace name', this.namespaceName)));
    this.mesh = props?.mesh ?? false;
    this.manageNamespace = props?.manageNamespace ?? true;
    this.withinNamespace = props?.withinNamespace ?? true;
    let labels: Readonly<Record<string, string>> = {};
    problems.check(() => { labels = checkLabels(`namespace ${this.namespaceName}`, props?.labels ?? {}); });
    this.extraLabels = labels;
    this.refuseManagedLabels();
    if (props?.disableEnforcement !== undefined) {
      let reason: string | undefined;
      problems.check(() => {
        reason = checkReason(props.disableEnforcement?.reason, `disableEnforcement of namespace ${this.namespaceName}`,
          "disableEnforcement: { reason: 'INC-42: debugging dropped traffic' }");
      });
      this.enforcementReason = reason;
    }
  }

  /**
   * How to set the design's labels on this kind of namespace, for the message refusing them as
   * raw labels.
   */
  protected abstract managedLabelsFix(): string;

  /**
   * Refuses the design's labels given as raw `labels`: the escape hatch's label would lift
   * enforcement with no reason asked (and no alert reading one), an access label would grant a
   * shared service past the `access` list. The profile label is refused by each subclass.
   */
  private refuseManagedLabels(): void {
    const problems = problemsOf(this);
    for (const [key, value] of Object.entries(this.extraLabels)) {
      if (key === PROFILE_LABEL) continue;
      if (key === ENFORCEMENT_LABEL) {
        problems.add(`Label "${key}: ${value}" of namespace ${this.namespaceName} would lift enforcement without a reason: `
          + `remove it and use disableEnforcement: { reason: 'why' }, which writes the reason into the namespace's ${ENFORCEMENT_REASON_ANNOTATION} annotation (alerts fire while it is on).`);
      } else if (key.startsWith(`${LABEL_DOMAIN}/`) || key.startsWith(ACCESS_LABEL_PREFIX)) {
        problems.add(`Label "${key}" of namespace ${this.namespaceName} is managed by the library: ${this.managedLabelsFix()}.`);
      } else if (key === NAMESPACE_NAME_LABEL && value !== this.namespaceName) {
        problems.add(`Label "${key}: ${value}" of namespace ${this.namespaceName} claims another namespace's name (policies select namespaces by it; the API server sets it to the real name): remove it.`);
      }
    }
  }

  /**
   * Allows traffic from `peer` to this namespace's pods on `ports`.
   *
   * @param peer where the traffic comes from
   * @param ports the destination ports (at least one)
   * @param options which pods, description
   */
  allowIngress(peer: Peer, ports: readonly Port[], options: NamespaceRuleOptions = {}): this {
    return this.addRule('ingress', peer, ports, options);
  }

  /**
   * Allows traffic from this namespace's pods to `peer` on `ports`.
   *
   * @param peer where the traffic goes
   * @param ports the destination ports (at least one)
   * @param options which pods, description
   */
  allowEgress(peer: Peer, ports: readonly Port[], options: NamespaceRuleOptions = {}): this {
    return this.addRule('egress', peer, ports, options);
  }

  /**
   * Allows the namespace's pods to talk to each other on `ports`.
   *
   * @param ports the destination ports (at least one)
   * @param options which pods, description
   */
  allowWithinNamespace(ports: readonly Port[], options: NamespaceRuleOptions = {}): this {
    const pods = options.pods ?? {};
    const peer = pods instanceof LabelSelector ? Peer.podsMatching(this.namespaceName, pods) : Peer.pods(this.namespaceName, pods);
    const text = (Array.isArray(ports) ? ports : []).map(String).join(', ');
    // Both directions are written here, so neither needs its other side.
    this.addRule('egress', peer, ports, { ...options, oneSided: true, description: options.description ?? `egress within the namespace on ${text}` });
    return this.addRule('ingress', peer, ports, { ...options, oneSided: true, description: options.description ?? `ingress within the namespace on ${text}` });
  }

  /** The labels of the Namespace manifest, sorted. */
  protected abstract namespaceLabels(): Record<string, string>;

  /** The annotations of the Namespace manifest. */
  protected namespaceAnnotations(): Record<string, string> {
    return {
      // GitOps tools must never delete a namespace because it left this repo: that would delete its workloads.
      'kustomize.toolkit.fluxcd.io/prune': 'disabled',
      'argocd.argoproj.io/sync-options': 'Prune=false',
      ...(this.enforcementReason !== undefined ? { [ENFORCEMENT_REASON_ANNOTATION]: this.enforcementReason } : {}),
    };
  }

  /**
   * The rules every pod of the namespace gets from its template (platform namespaces); none for
   * application namespaces, which get them from the baselines.
   */
  /**
   * The ports the gateways of the namespace's profile reach its pods on, when the namespace sets
   * its own (`AppNamespace` `appPorts`).
   *
   * @default - none: the cluster's `appPorts`
   */
  appPortsOverride(): { readonly profile: string; readonly ports: readonly Port[] } | undefined {
    return undefined;
  }

  protected templateRules(_cluster: NetpolCluster): { ingress: Rule[]; egress: Rule[] } {
    return { ingress: [], egress: [] };
  }

  namespaces(): NamespaceIntent[] {
    const labels = {
      ...this.extraLabels, ...this.namespaceLabels(), ...(this.mesh ? { [AMBIENT_LABEL]: AMBIENT_MODE } : {}),
      ...(this.enforcementReason !== undefined ? { [ENFORCEMENT_LABEL]: ENFORCEMENT_DISABLED } : {}),
    };
    return [{
      name: this.namespaceName,
      role: this.group.startsWith('platform-') ? 'platform' : 'app',
      labels: sortedRecord(labels),
      annotations: sortedRecord(this.namespaceAnnotations()),
      group: this.group,
      constructPath: this.node.path,
      ...(this.manageNamespace ? {} : { managed: false }),
    }];
  }

  /**
   * The other sides this namespace's rules ask of namespace `namespace` (both ends by default):
   * for each rule to or from pods there, the opposite rule on those pods, back to this
   * namespace's pods of the rule, described with the rule it comes from.
   *
   * @param namespace the namespace whose policies carry the other sides
   */
  otherSidesIn(namespace: string): { readonly pods: LabelSelector; readonly direction: Direction; readonly rule: Rule }[] {
    return this.sides.filter((side) => (side.peer.spec.kind === 'endpoints' ? side.peer.spec.namespace ?? this.namespaceName : undefined) === namespace).map((side) => {
      const spec = side.peer.spec as EndpointsPeer;
      const opposite: Direction = side.direction === 'ingress' ? 'egress' : 'ingress';
      const back = Peer.podsMatching(this.namespaceName, side.pods);
      return {
        pods: LabelSelector.of({ matchLabels: spec.podLabels, matchExpressions: spec.podExpressions ?? [] }),
        direction: opposite,
        rule: allowRule(opposite, back, side.ports, this.node.path, {
          description: `${opposite} ${opposite === 'ingress' ? 'from' : 'to'} ${back} on ${side.ports.map(String).join(', ')}: the other side of ${this.node.path}'s rule "${side.description}"`,
        }),
      };
    });
  }

  policies(cluster: NetpolCluster): PolicyIntent[] {
    const template = this.templateRules(cluster);
    // Both ends by default: the other sides other namespaces' rules ask of this one, each on the
    // policy of the pods it names, unless a rule there already allows it.
    const local = new Map([...this.buckets].map(([name, b]) => [name, { ...b, ingress: [...b.ingress], egress: [...b.egress] }]));
    for (const source of cluster.sourcesOf(NamespaceBase)) {
      for (const side of source.otherSidesIn(this.namespaceName)) {
        const name = otherSideName(local, side.pods.isEmpty ? this.policyPrefix : `${this.policyPrefix}-${selectorSlug(side.pods)}`, side.pods);
        const bucket = local.get(name) ?? { name, pods: side.pods, ingress: [], egress: [] };
        const present = [...(name === this.policyPrefix ? template[side.direction] : []), ...bucket[side.direction]];
        const covered = side.rule.ports.every((port) => present.some((r) => String(r.peer.inNamespace(this.namespaceName)) === String(side.rule.peer) && (r.anyPortReason !== undefined || r.ports.some((p) => p.covers(port)))));
        if (covered && side.rule.anyPortReason === undefined) continue;
        bucket[side.direction].push(side.rule);
        local.set(name, bucket);
      }
    }
    const main = local.get(this.policyPrefix);
    const buckets = [...local.values()].filter((b) => b !== main);
    const result: PolicyIntent[] = [];
    const ingress = [...template.ingress, ...(main?.ingress ?? [])];
    const egress = [...template.egress, ...(main?.egress ?? [])];
    if (ingress.length > 0 || egress.length > 0) {
      result.push(this.intent(this.policyPrefix, LabelSelector.labels({}), ingress, egress));
    }
    for (const bucket of buckets) result.push(this.intent(bucket.name, bucket.pods, bucket.ingress, bucket.egress));
    return result;
  }

  private intent(name: string, selector: LabelSelector, ingress: Rule[], egress: Rule[]): PolicyIntent {
    const pods = selector.isEmpty ? 'every pod of' : `pods ${selector} of`;
    const podExpressions = selector.matchExpressions;
    return {
      name,
      namespace: this.namespaceName,
      subject: { namespace: this.namespaceName, podLabels: selector.matchLabels, ...(podExpressions.length > 0 ? { podExpressions } : {}) },
      ingress: canonicalRules(ingress.map((r) => ({ ...r, peer: r.peer.inNamespace(this.namespaceName) }))),
      egress: canonicalRules(egress.map((r) => ({ ...r, peer: r.peer.inNamespace(this.namespaceName) }))),
      description: `Rules of ${pods} ${this.namespaceName}.`,
      group: this.group,
      constructPath: this.node.path,
    };
  }

  private addRule(direction: Direction, written: Peer, ports: readonly Port[], options: NamespaceRuleOptions): this {
    const peer = resolvePeer(this, written);
    if (peer instanceof Peer && peer.spec.kind === 'gateway') return this;
    // Bad input is recorded, not thrown (src/model/problems.ts): the rule is left out and
    // synthesis reports it with every other problem.
    const problems = problemsOf(this);
    const found = ruleProblems(direction, peer, ports, options ?? {});
    for (const message of found) problems.add(message);
    const given = options?.pods ?? {};
    let labels: Readonly<Record<string, string>> = {};
    const podsOk = given instanceof LabelSelector
      ? problemsOfValue(given).every((message) => { problems.add(message); return false; })
      : problems.check(() => { labels = checkLabels(`the pods of a rule of ${this.namespaceName}`, given); });
    const nameOk = options?.policyName === undefined || problems.check(() => checkDnsSubdomain('policy name', options.policyName!));
    if (found.length > 0 || !podsOk || !nameOk) return this;
    if (options?.oneSided !== true && peer.spec.kind === 'endpoints' && !peer.spec.anyNamespace && peer.spec.namespaceLabels === undefined) {
      const selected = given instanceof LabelSelector ? given : LabelSelector.labels(labels);
      this.sides.push({ direction, peer, pods: selected, ports: [...ports], description: options?.description ?? `${direction} ${direction === 'ingress' ? 'from' : 'to'} ${peer}` });
    }
    const pods = given instanceof LabelSelector ? given : LabelSelector.labels(labels);
    const name = options.policyName ?? (pods.isEmpty ? this.policyPrefix : `${this.policyPrefix}-${selectorSlug(pods)}`);
    const bucket = this.buckets.get(name) ?? { name, pods, ingress: [], egress: [] };
    if (String(bucket.pods) !== String(pods)) {
      problems.add(`Policy "${name}" of namespace ${this.namespaceName} already selects other pods (${bucket.pods.isEmpty ? 'every pod' : bucket.pods}): give rules for ${pods.isEmpty ? 'every pod' : pods} another policyName.`);
      return this;
    }
    const rule = allowRule(direction, peer, ports, this.node.path, options);
    bucket[direction].push(rule);
    this.buckets.set(name, bucket);
    return this;
  }
}

/** A readable name fragment for a pod selector: label values, then each expression's values (or key). */
function selectorSlug(selector: LabelSelector): string {
  const parts: Record<string, string> = { ...selector.matchLabels };
  for (const r of selector.matchExpressions) parts[`~${r.key}`] = r.values.length > 0 ? r.values.join('-') : r.key.split('/').pop()!;
  return labelSlug(parts);
}

/**
 * The policy that takes another namespace's side for `pods`: `base`, or, when a policy of that
 * name already selects other pods (label values alike: `{app: web}` and `{tier: web}` both make
 * `app-web`), the first of `base-2`, `base-3`, ... that selects these pods or is free. Never
 * dropped: without its other side a flow between two declared namespaces is dead.
 */
function otherSideName(buckets: ReadonlyMap<string, PolicyBucket>, base: string, pods: LabelSelector): string {
  let name = base;
  for (let n = 2; buckets.has(name) && String(buckets.get(name)!.pods) !== String(pods); n++) name = `${base}-${n}`;
  return name;
}
