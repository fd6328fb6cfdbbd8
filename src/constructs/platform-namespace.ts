import type { Construct } from 'constructs';
import { PLATFORM_LABEL, PROFILE_LABEL } from '../model/labels';
import type { PolicyGroup } from '../model/policy';
import type { Rule } from '../model/rule';
import { NamespaceBase, type NamespaceBaseProps } from './namespace-base';
import type { NetpolCluster } from './netpol-cluster';
import { problemsOf } from './problems';
import { dnsEgressRule, healthRules, scrapeIngressRule } from './template-rules';

/** Properties of a `PlatformNamespace`. */
export interface PlatformNamespaceProps extends NamespaceBaseProps {}

/**
 * A platform namespace (kube-system, monitoring, database, istio-system, ...): never a profile,
 * always a hand-made policy from the platform template, `<namespace>/platform`: DNS egress
 * through the DNS proxy, Prometheus scrape ingress, health and kubelet probe ingress, plus the
 * namespace's own rules (`allowIngress`, `allowEgress`; rules for some pods only go to
 * `platform-<pod labels>`); in the mesh, HBONE (tcp/15008) next to its rules between meshed pods.
 *
 * The template repeats what the baselines give every endpoint so that each platform namespace's
 * policy stands on its own and reads as a whole in review.
 */
export class PlatformNamespace extends NamespaceBase {
  readonly group: PolicyGroup;

  constructor(scope: Construct, id: string, props: PlatformNamespaceProps = {}) {
    super(scope, id, props, 'platform');
    this.group = `platform-${this.namespaceName}`;
    if (this.extraLabels[PROFILE_LABEL] !== undefined || (props as { profile?: unknown } | undefined)?.profile !== undefined) {
      problemsOf(this).add(`Platform namespace ${this.namespaceName} cannot have a profile: profiles are for application namespaces. `
        + `Remove the profile and declare the namespace's traffic with allowIngress()/allowEgress(), or make it an AppNamespace.`);
    }
  }

  protected namespaceLabels(): Record<string, string> {
    return { [PLATFORM_LABEL]: 'true' };
  }

  protected managedLabelsFix(): string {
    return 'declare the namespace\'s traffic with allowIngress()/allowEgress(), and lift enforcement with disableEnforcement: { reason }';
  }

  protected templateRules(cluster: NetpolCluster): { ingress: Rule[]; egress: Rule[] } {
    const where = this.node.path;
    return {
      ingress: [...healthRules(true), scrapeIngressRule(cluster.settings, where)],
      egress: [dnsEgressRule(cluster.settings, where)],
    };
  }
}
