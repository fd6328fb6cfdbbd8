import type { Construct } from 'constructs';
import { ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL } from '../model/labels';
import { Entity } from '../model/entity';
import { Peer } from '../model/peer';
import type { AlertIntent, PolicyIntent, Rule, Subject } from '../model';
import { Port } from '../model/port';
import { allowRule, canonicalRules, ruleProblems } from '../model/rule';
import { subjectOf } from '../model/subject';
import { healthEndpointPolicy } from './health-endpoint';
import { NamespaceBase } from './namespace-base';
import { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { problemsOf } from './problems';
import { dnsEgressRule, healthRules, scrapeIngressRule } from './template-rules';


/** Where the enforcement alerts go. */
export interface EnforcementAlertsOptions {
  /**
   * The namespace of the PrometheusRule.
   * @default 'monitoring'
   */
  readonly namespace?: string;
  /**
   * The PrometheusRule name.
   * @default 'network-policy-enforcement'
   */
  readonly name?: string;
}

/** Properties of a `ClusterBaseline`. */
export interface ClusterBaselineProps {
  /**
   * Admit kubelet health probes from Istio ambient's link-local source (169.254.7.127/32).
   * Only the /32: the whole 169.254.0.0/16 would also admit node-local services.
   * @default true
   */
  readonly ambientProbes?: boolean;
  /**
   * The PrometheusRule that fires while a namespace has enforcement disabled, or `false` for none.
   * @default - `monitoring/network-policy-enforcement`
   */
  readonly alerts?: EnforcementAlertsOptions | false;
  /**
   * Further sources every endpoint admits, added to `baseline-health`: e.g. the nodes' kubelets
   * when probes come from the node, `{ peer: Peer.remoteNode(), ports: [Port.tcp(8080)] }`, or
   * the API server on a webhook port.
   * @default - none beyond the health entity and the ambient probe source
   */
  readonly healthSources?: readonly HealthSource[];
  /**
   * Traffic between the pods of each namespace the cluster declares, on these ports (e.g.
   * `[Port.any({ reason: 'pods of one namespace trust each other' })]`): a
   * `baseline-within-namespace` policy in every declared namespace, ingress and egress. A
   * namespace opts out with `withinNamespace: false`.
   * @default - none: pods of a namespace reach each other only where a rule says so
   */
  readonly withinNamespace?: readonly Port[];
}

/** An extra source every endpoint admits (`ClusterBaseline` `healthSources`). */
export interface HealthSource {
  /** Where the traffic comes from, e.g. `Peer.remoteNode()`, `Peer.kubeApiServer()`. */
  readonly peer: Peer;
  /** The destination ports (at least one). */
  readonly ports: readonly Port[];
}

/**
 * The cluster-wide baselines every endpoint gets, as CiliumClusterwideNetworkPolicies selecting
 * every endpoint. Because they select everything and carry rules in both directions, all other
 * traffic is implicitly denied (docs.cilium.io, Policy Enforcement Modes: an endpoint selected by
 * a policy with rules in a direction is default-deny in that direction). So the library never
 * emits an explicit default-deny, which would override every allow.
 *
 * - `baseline-dns`: egress to the cluster DNS on udp/53 and tcp/53, through Cilium's DNS proxy
 *   (the `rules.dns` that `toFQDNs` rules need to learn addresses); `baseline-dns-server` lets
 *   the DNS pods admit the cluster.
 * - `baseline-health`: ingress from the `health` entity and the Istio ambient probe source.
 * - `baseline-prometheus-scrape`: ingress from Prometheus on the metrics ports;
 *   `baseline-prometheus` lets Prometheus reach them.
 * - `enforcement-disabled`: the escape hatch: namespaces labelled
 *   `network-policy.homelab/enforcement=disabled` allow everything (allows are additive, which
 *   is why it works), and the PrometheusRule alerts.
 * - `baseline-health-endpoint`: Cilium's own health endpoint on each node (identity
 *   `reserved:health`) is an endpoint too, so the baselines above put it in default-deny; this
 *   policy gives back what cilium-health needs, ingress from and egress to `remote-node` on
 *   tcp/4240 and ICMP echo (see `healthEndpointPolicy`).
 */
export class ClusterBaseline extends PolicySource {
  private readonly props: ClusterBaselineProps;

  constructor(scope: Construct, id: string, props: ClusterBaselineProps = {}) {
    super(scope, id);
    this.props = props;
    const problems = problemsOf(this);
    for (const [i, source] of (props.healthSources ?? []).entries()) {
      for (const message of ruleProblems('ingress', source?.peer, source?.ports)) problems.add(`healthSources[${i}]: ${message}`);
    }
    if (props.withinNamespace !== undefined) {
      for (const message of ruleProblems('ingress', Peer.sameNamespace(), props.withinNamespace)) problems.add(`withinNamespace: ${message}`);
    }
    const cluster = NetpolCluster.tryOf(this);
    if (props.alerts !== false && cluster) {
      const set = cluster.setAlerts({
        namespace: props.alerts?.namespace ?? 'monitoring',
        name: props.alerts?.name ?? 'network-policy-enforcement',
        rules: enforcementAlerts(),
      });
      if (!set) problemsOf(this).add('The cluster already has enforcement alerts: only one ClusterBaseline with alerts per cluster. Give this one { alerts: false }.');
    }
  }

  /**
   * `baseline-within-namespace` in every declared namespace that has not opted out: a cluster-wide
   * policy cannot say "the subject's own namespace", so each namespace gets its own.
   */
  private withinNamespacePolicies(cluster: NetpolCluster): PolicyIntent[] {
    const ports = this.props.withinNamespace;
    if (ports === undefined || ports.length === 0) return [];
    const where = this.node.path;
    return cluster.sourcesOf(NamespaceBase).filter((n) => n.withinNamespace).map((n) => {
      const peer = Peer.namespace(n.namespaceName);
      return {
        name: 'baseline-within-namespace',
        namespace: n.namespaceName,
        subject: { namespace: n.namespaceName, podLabels: {} },
        ingress: [allowRule('ingress', peer, ports, where, { description: 'ingress from the pods of the namespace (ClusterBaseline withinNamespace)' })],
        egress: [allowRule('egress', peer, ports, where, { description: 'egress to the pods of the namespace (ClusterBaseline withinNamespace)' })],
        description: `Pods of ${n.namespaceName} reach each other (ClusterBaseline withinNamespace; opt out with withinNamespace: false).`,
        group: n.group,
        constructPath: where,
      };
    });
  }

  policies(cluster: NetpolCluster): PolicyIntent[] {
    const where = this.node.path;
    const { dnsServer, prometheus, metricsPorts } = cluster.settings;
    const everyEndpoint: Subject = { podLabels: {} };
    const dnsPorts = [Port.DNS_UDP, Port.DNS_TCP];
    const policy = (name: string, subject: Subject, ingress: Rule[], egress: Rule[], description: string): PolicyIntent => ({
      name, subject, ingress: canonicalRules(ingress), egress: canonicalRules(egress), description, group: 'baseline', constructPath: where,
    });
    const policies = [
      policy('baseline-dns', everyEndpoint, [], [dnsEgressRule(cluster.settings, where)],
        'Every endpoint resolves names through the cluster DNS; the DNS proxy rule makes toFQDNs rules work.'),
      policy('baseline-dns-server', subjectOf(dnsServer, where), [allowRule('ingress', Peer.entity(Entity.CLUSTER), dnsPorts, where, { description: 'ingress from the whole cluster on DNS' })], [],
        'The cluster DNS answers every endpoint and node of the cluster.'),
      policy('baseline-health', everyEndpoint, [
        ...healthRules(this.props.ambientProbes ?? true),
        ...(this.props.healthSources ?? []).map((s) => allowRule('ingress', s.peer, s.ports, where, { description: `ingress from ${s.peer} (healthSources)` })),
      ], [], 'Every endpoint admits health checks and kubelet probes.'),
      policy('baseline-prometheus-scrape', everyEndpoint, [scrapeIngressRule(cluster.settings, where)], [],
        'Every endpoint admits Prometheus scrapes on the metrics ports.'),
      policy('baseline-prometheus', subjectOf(prometheus, where), [], [allowRule('egress', Peer.allPods(), metricsPorts, where, { description: 'egress to every pod on the metrics ports' })],
        'Prometheus scrapes every pod on the metrics ports.'),
      policy('enforcement-disabled', { namespaceLabels: { [ENFORCEMENT_LABEL]: ENFORCEMENT_DISABLED }, podLabels: {} },
        [{ peer: Peer.entity(Entity.ALL), ports: [], description: 'ingress from anywhere (enforcement disabled)', anyPortReason: 'the escape hatch lifts enforcement' }],
        [{ peer: Peer.entity(Entity.ALL), ports: [], description: 'egress to anywhere (enforcement disabled)', anyPortReason: 'the escape hatch lifts enforcement' }],
        `Escape hatch: namespaces labelled ${ENFORCEMENT_LABEL}=${ENFORCEMENT_DISABLED} allow all traffic; alerts fire while it lasts.`),
      healthEndpointPolicy(where),
      ...this.withinNamespacePolicies(cluster),
    ];
    return policies;
  }
}

/**
 * The alerts on the escape hatch, on kube-state-metrics' `kube_namespace_labels`, which exports a
 * namespace label only when kube-state-metrics runs with
 * `--metric-labels-allowlist=namespaces=[network-policy.homelab/enforcement]`.
 */
function enforcementAlerts(): AlertIntent[] {
  const expr = `max by (namespace) (kube_namespace_labels{label_network_policy_homelab_enforcement="${ENFORCEMENT_DISABLED}"}) == 1`;
  return [
    {
      alert: 'NetworkPolicyEnforcementDisabled', expr, for: '5m', severity: 'warning',
      summary: 'Network policy enforcement is disabled in namespace {{ $labels.namespace }}.',
      description: `Namespace {{ $labels.namespace }} carries ${ENFORCEMENT_LABEL}=${ENFORCEMENT_DISABLED}: all its traffic is allowed. Remove the label (or disableEnforcement) once the incident is over.`,
    },
    {
      alert: 'NetworkPolicyEnforcementDisabledLong', expr, for: '24h', severity: 'critical',
      summary: 'Network policy enforcement has been disabled in namespace {{ $labels.namespace }} for over 24 hours.',
      description: 'The escape hatch is meant for incidents, not as a way of life: fix the namespace\'s rules and remove the label.',
    },
  ];
}
