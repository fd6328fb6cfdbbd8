import type { Construct } from 'constructs';
import { NAMESPACE_NAME_LABEL, PROFILE_LABEL } from '../model/labels';
import { NamespaceBase } from './namespace-base';
import { checkDnsLabel } from '../model/names';
import { Peer } from '../model/peer';
import type { PolicyIntent } from '../model/policy';
import type { Downgrade } from '../model/downgrade';
import { Port } from '../model/port';
import { allowRule, canonicalRules, ruleProblems, type Rule } from '../model/rule';
import { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { resolvePeer } from './resolve-peer';
import { problemsOf } from './problems';

/** An allow rule of a profile: a peer and its ports. */
export interface ProfileRule {
  /** The other end. */
  readonly peer: Peer;
  /** The destination ports (at least one). */
  readonly ports: readonly Port[];
  /**
   * Why the rule exists.
   * @default - generated from peer and ports
   */
  readonly description?: string;
  /**
   * The explicit downgrade for clusters rendered as plain NetworkPolicy, e.g.
   * `Downgrade.toCidrs([...], 'why')` for a `Peer.fqdn` rule.
   * @default - none: the NetworkPolicy renderer refuses a rule it cannot express
   */
  readonly downgrade?: Downgrade;
}

/** Options of the built-in profiles with internet egress (`internalEgress`, `standard`). */
export interface BuiltinProfileOptions {
  /**
   * What "egress to the internet" means in this cluster, e.g. only a gateway's address:
   * `[{ peer: Peer.cidr('100.64.0.1/32', { reason }), ports: [Port.HTTPS] }]`.
   * @default - HTTPS (tcp/443) to the `world` entity
   */
  readonly egress?: readonly ProfileRule[];
}

/** Properties of a `Profile`. */
export interface ProfileProps {
  /**
   * The profile name, the value of `network-policy.homelab/profile`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Gateways (names from the cluster's `gateways` setting) that may reach the namespace's pods on
   * the cluster's `appPorts`.
   * @default - no gateway ingress
   */
  readonly gateways?: readonly string[];
  /**
   * Further ingress rules.
   * @default - none
   */
  readonly ingress?: readonly ProfileRule[];
  /**
   * Egress beyond the baseline's DNS.
   * @default - none: DNS only
   */
  readonly egress?: readonly ProfileRule[];
  /**
   * What the profile is for, in words.
   * @default - generated from the rules
   */
  readonly description?: string;
}

/**
 * A namespace profile: what every namespace labelled `network-policy.homelab/profile=<name>` may
 * do beyond the baselines. Rendered as one cluster-wide policy selecting those namespaces, plus
 * the gateway side (`gateway-<name>`) so both ends of gateway traffic are allowed.
 *
 * The four built-ins follow the design table: `isolated` (no ingress, DNS only), `internal`
 * (internal gateway in, DNS out), `internal-egress` (internal gateway in, DNS + HTTPS out) and
 * `standard` (both gateways in, DNS + HTTPS out).
 */
export class Profile extends PolicySource {
  /** `isolated`: no ingress; egress DNS only. */
  static isolated(cluster: NetpolCluster): Profile {
    return new Profile(cluster, 'isolated', { description: 'No ingress; egress DNS only (baseline).' });
  }

  /** `internal`: ingress from the internal gateway; egress DNS only. */
  static internal(cluster: NetpolCluster): Profile {
    return new Profile(cluster, 'internal', { gateways: ['internal'], description: 'Ingress from the internal gateway; egress DNS only (baseline).' });
  }

  /**
   * `internal-egress`: ingress from the internal gateway; egress DNS and HTTPS to the internet.
   *
   * @param cluster the cluster
   * @param options what internet egress means here
   */
  static internalEgress(cluster: NetpolCluster, options: BuiltinProfileOptions = {}): Profile {
    return new Profile(cluster, 'internal-egress', {
      gateways: ['internal'], egress: options.egress ?? [httpsToWorld()],
      description: `Ingress from the internal gateway; egress DNS (baseline) and ${internetEgressText(options)}.`,
    });
  }

  /**
   * `standard`: ingress from both gateways; egress DNS and HTTPS to the internet.
   *
   * @param cluster the cluster
   * @param options what internet egress means here
   */
  static standard(cluster: NetpolCluster, options: BuiltinProfileOptions = {}): Profile {
    return new Profile(cluster, 'standard', {
      gateways: ['external', 'internal'], egress: options.egress ?? [httpsToWorld()],
      description: `Ingress from the internal and external gateways; egress DNS (baseline) and ${internetEgressText(options)}.`,
    });
  }

  /**
   * All four built-in profiles.
   *
   * @param cluster the cluster
   * @param options what internet egress means here (for `internal-egress` and `standard`)
   */
  static builtins(cluster: NetpolCluster, options: BuiltinProfileOptions = {}): Profile[] {
    return [Profile.isolated(cluster), Profile.internal(cluster), Profile.internalEgress(cluster, options), Profile.standard(cluster, options)];
  }

  /** The profile name. */
  readonly profileName: string;
  /** The gateways that may reach the profile's namespaces, sorted. */
  readonly gateways: readonly string[];
  /** What the profile is for, in words. */
  readonly description: string;
  /** Its ingress rules beyond the gateways and the baselines. */
  readonly ingress: readonly ProfileRule[];
  /** Its egress rules beyond the baseline's DNS. */
  readonly egress: readonly ProfileRule[];
  private readonly props: ProfileProps;

  constructor(scope: Construct, id: string, props: ProfileProps = {}) {
    super(scope, id);
    const problems = problemsOf(this);
    this.profileName = props.name ?? id;
    problems.check(() => checkDnsLabel('profile name', this.profileName));
    const resolve = (rules: readonly ProfileRule[] | undefined): ProfileRule[] | undefined => rules?.map((r) => (r && r.peer ? { ...r, peer: resolvePeer(this, r.peer) } : r));
    this.props = { ...props, ingress: resolve(props.ingress), egress: resolve(props.egress) };
    props = this.props;
    this.gateways = [...new Set(props.gateways ?? [])].sort();
    this.description = props.description ?? `Profile ${this.profileName}.`;
    this.ingress = props.ingress ?? [];
    this.egress = props.egress ?? [];
    const known = Object.keys(NetpolCluster.tryOf(this)?.settings.gateways ?? {});
    for (const gateway of this.gateways) {
      if (!known.includes(gateway)) {
        problems.add(`Profile "${this.profileName}" names unknown gateway "${gateway}": the cluster's gateways are ${known.join(', ')}. Add it to the cluster's \`gateways\` setting.`);
      }
    }
    for (const [direction, rules] of [['ingress', props.ingress], ['egress', props.egress]] as const) {
      for (const rule of rules ?? []) for (const message of ruleProblems(direction, rule?.peer, rule?.ports, rule)) problems.add(message);
    }
  }

  /**
   * The namespaces of this profile that set their own `appPorts`, sorted: the profile's gateway
   * ingress leaves them out, their own policy carries it on their ports.
   *
   * @param cluster the cluster
   */
  ownAppPortNamespaces(cluster: NetpolCluster): string[] {
    return cluster.sourcesOf(NamespaceBase).filter((n) => n.appPortsOverride()?.profile === this.profileName).map((n) => n.namespaceName).sort();
  }

  policies(cluster: NetpolCluster): PolicyIntent[] {
    const where = this.node.path;
    const { gateways, appPorts } = cluster.settings;
    const gatewayIngress = this.gateways.map((g) => allowRule('ingress', gateways[g], appPorts, where, { description: `ingress from the ${g} gateway on the application ports` }));
    const own = this.ownAppPortNamespaces(cluster);
    // Namespaces with their own appPorts get the gateways' ingress on those ports instead (their
    // own policy): the cluster's appPorts then go to a policy that leaves them out.
    const split = own.length > 0 && gatewayIngress.length > 0;
    const ingress: Rule[] = [...(split ? [] : gatewayIngress), ...(this.props.ingress ?? []).map((r) => allowRule('ingress', r.peer, r.ports, where, r))];
    const egress = (this.props.egress ?? []).map((r) => allowRule('egress', r.peer, r.ports, where, r));
    const policies: PolicyIntent[] = [];
    if (ingress.length > 0 || egress.length > 0) {
      policies.push({
        name: `profile-${this.profileName}`,
        subject: { namespaceLabels: { [PROFILE_LABEL]: this.profileName }, podLabels: {} },
        ingress: canonicalRules(ingress),
        egress: canonicalRules(egress),
        description: this.description,
        group: 'profiles',
        constructPath: where,
      });
    }
    if (split) {
      policies.push({
        name: `profile-${this.profileName}-gateways`,
        subject: { namespaceLabels: { [PROFILE_LABEL]: this.profileName }, namespaceExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: own }], podLabels: {} },
        ingress: canonicalRules(gatewayIngress),
        egress: [],
        description: `Profile ${this.profileName}: gateway ingress on the cluster's appPorts, except namespaces with their own appPorts (${own.join(', ')}).`,
        group: 'profiles',
        constructPath: where,
      });
    }
    return policies;
  }
}

function internetEgressText(options: BuiltinProfileOptions): string {
  if (options.egress === undefined) return 'HTTPS to the internet';
  return options.egress.map((r) => r.description ?? `${r.peer} on ${r.ports.map(String).join(', ')}`).join('; ');
}

function httpsToWorld(): ProfileRule {
  return { peer: Peer.world(), ports: [Port.HTTPS], description: 'egress to the internet on HTTPS' };
}
