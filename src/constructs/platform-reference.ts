import type { Construct } from 'constructs';
import { BUILTIN_PROFILES, BUILTIN_SHARED_SERVICES } from '../model/labels';
import { checkDnsLabel } from '../model/names';
import type { PolicyIntent } from '../model/policy';
import { Renderer } from './cluster-settings';
import { NetpolCluster } from './netpol-cluster';
import { PolicySource } from './policy-source';
import { problemsOf } from './problems';

/** Properties of a `PlatformReference`. */
export interface PlatformReferenceProps {
  /**
   * The profiles the cluster's policy repository defines, which this repository's namespaces may use.
   * @default - the four built-ins: isolated, internal, internal-egress, standard
   */
  readonly profiles?: readonly string[];
  /**
   * The shared services the cluster's policy repository defines, which namespaces may name in `access`.
   * @default - the four built-ins: postgres, dragonfly, garage-s3, kube-api
   */
  readonly sharedServices?: readonly string[];
}

/**
 * The parts of a cluster another repository owns: for an application repository that declares
 * only its own namespaces. The cluster's policy repository deploys the baselines (DNS, health,
 * Prometheus), the profiles and the shared services; this construct declares which exist, so
 * `AppNamespace` keeps its guardrails (an unknown profile or access label still fails, with a
 * "did you mean") while synthesis emits only the application's Namespace and policies.
 *
 * Cilium only: the platform's CiliumClusterwideNetworkPolicies select every namespace carrying
 * the labels. On `Renderer.KUBERNETES` declare the baseline, profiles and services in the
 * application repository itself; only the namespaces it owns are written.
 *
 * @example
 * const cluster = new NetpolCluster(app, 'homelab');
 * new PlatformReference(cluster, 'platform');           // baselines, built-in profiles and services live in the platform repo
 * new AppNamespace(cluster, 'blog', { profile: 'standard', access: ['postgres'] });
 */
export class PlatformReference extends PolicySource {
  /** The profile names, sorted. */
  readonly profiles: readonly string[];
  /** The shared service names, sorted. */
  readonly sharedServices: readonly string[];

  constructor(scope: Construct, id: string, props: PlatformReferenceProps = {}) {
    super(scope, id);
    const problems = problemsOf(this);
    if (NetpolCluster.tryOf(this)?.renderer === Renderer.KUBERNETES) {
      // NetworkPolicy is namespaced: the platform repository's copies of the cluster-wide
      // policies only reach the namespaces it owns, never this repository's.
      problems.add('PlatformReference cannot be used with Renderer.KUBERNETES: NetworkPolicy is namespaced, so the platform repository cannot '
        + 'give this repository\'s namespaces their baseline and profile policies. Declare them here instead: new ClusterBaseline(cluster, \'baseline\', { alerts: false }), '
        + 'Profile.builtins(cluster), SharedService.builtins(cluster); on Renderer.KUBERNETES only the namespaces this repository owns are written.');
    }
    this.profiles = [...new Set(props.profiles ?? BUILTIN_PROFILES)].sort();
    this.sharedServices = [...new Set(props.sharedServices ?? BUILTIN_SHARED_SERVICES)].sort();
    for (const p of this.profiles) problems.check(() => checkDnsLabel('profile name', p));
    for (const s of this.sharedServices) problems.check(() => checkDnsLabel('shared service name', s));
  }

  /** None: the referenced policies are deployed by the cluster's own policy repository. */
  policies(): PolicyIntent[] {
    return [];
  }
}
