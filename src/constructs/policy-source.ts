import { Construct } from 'constructs';
import type { CustomPolicyIntent, KubernetesPolicyIntent, NamespaceIntent, PolicyIntent } from '../model/policy';
import { NetpolCluster } from './netpol-cluster';
import { problemsOf } from './problems';

/**
 * A construct that contributes policies (and maybe namespaces) to its `NetpolCluster`.
 * Subclasses only record intent; rendering happens once, in the cluster, at synthesis.
 */
export abstract class PolicySource extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const cluster = NetpolCluster.tryOf(this);
    if (cluster) cluster.register(this);
    else problemsOf(this).add(`${this.constructor.name} must be created inside a NetpolCluster: new ${this.constructor.name}(cluster, ...).`);
  }

  /**
   * The policies this construct declares, renderer-independent.
   *
   * @param cluster the cluster the construct belongs to, for its settings and its other members
   */
  abstract policies(cluster: NetpolCluster): PolicyIntent[];

  /**
   * The namespaces this construct owns.
   *
   * @default - none
   */
  namespaces(): NamespaceIntent[] {
    return [];
  }

  /**
   * Hand-written Cilium policies this construct passes through.
   *
   * @default - none
   */
  customPolicies(): CustomPolicyIntent[] {
    return [];
  }

  /**
   * Hand-written NetworkPolicies this construct passes through.
   *
   * @default - none
   */
  networkPolicies(): KubernetesPolicyIntent[] {
    return [];
  }
}
