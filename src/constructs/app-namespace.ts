import type { Construct } from 'constructs';
import { accessLabel, PROFILE_LABEL, WELL_KNOWN_PLATFORM_NAMESPACES } from '../model/labels';
import { closest } from '../model/names';
import { Peer } from '../model/peer';
import type { Port } from '../model/port';
import { allowRule, ruleProblems, type Rule } from '../model/rule';
import type { PolicyGroup } from '../model/policy';
import { ClusterBaseline } from './cluster-baseline';
import { handWrittenDns } from './hand-written-dns';
import { NamespaceBase, type NamespaceBaseProps } from './namespace-base';
import { NetpolCluster } from './netpol-cluster';
import { PlatformReference } from './platform-reference';
import { problemsOf } from './problems';
import { Profile } from './profile';
import { SharedService } from './shared-service';

/** Properties of an `AppNamespace`. */
export interface AppNamespaceProps extends NamespaceBaseProps {
  /** The profile: a name the cluster defines (`'standard'`) or the `Profile` itself. */
  readonly profile: string | Profile;
  /**
   * Shared services the namespace may reach, by name or construct; each becomes an access label
   * `access.network-policy.homelab/<name>: "true"`.
   * @default - none
   */
  readonly access?: readonly (string | SharedService)[];
  /**
   * The ports the gateways of the namespace's profile reach its pods on, instead of the
   * cluster's `appPorts` (an app listening on 8000). Both ends follow: the namespace's `app`
   * policy admits the gateways on these ports, the gateway's `gateway-<name>` policy sends to
   * them, and the profile's gateway ingress on the cluster's ports leaves this namespace out.
   * @default - the cluster's `appPorts`
   */
  readonly appPorts?: readonly Port[];
}

/**
 * An application namespace: the Namespace manifest with its profile and access labels, and
 * optional extra rules (`allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS])`, traffic within the
 * namespace, a named peer namespace) rendered as the policy `<namespace>/app` (or
 * `app-<pod labels>` for rules on some pods only).
 */
export class AppNamespace extends NamespaceBase {
  readonly group: PolicyGroup;
  /** The profile name. */
  readonly profileName: string;
  /** The shared services the namespace may reach, sorted. */
  readonly access: readonly string[];
  /** The namespace's own application ports (`appPorts`), or undefined for the cluster's. */
  readonly appPorts?: readonly Port[];

  constructor(scope: Construct, id: string, props: AppNamespaceProps) {
    super(scope, id, props, 'app');
    this.group = `app-${this.namespaceName}`;
    const problems = problemsOf(this);
    if (!props || props.profile === undefined) {
      problems.add(`Application namespace ${this.namespaceName} needs a profile: one of isolated, internal, internal-egress, standard or a profile of your own.`);
    }
    const profile = props?.profile;
    this.profileName = profile instanceof Profile ? profile.profileName : String(profile ?? '');
    this.access = [...new Set((props?.access ?? []).map((a) => (a instanceof SharedService ? a.serviceName : String(a))))].sort();
    if ((WELL_KNOWN_PLATFORM_NAMESPACES as readonly string[]).includes(this.namespaceName)) {
      problems.add(`${this.namespaceName} is a platform namespace and cannot have a profile: declare it with new PlatformNamespace(cluster, '${this.namespaceName}') and its own rules.`);
    }
    if (this.extraLabels[PROFILE_LABEL] !== undefined) {
      problems.add(`Label "${PROFILE_LABEL}" of namespace ${this.namespaceName} is managed by the library: use the profile, access and disableEnforcement properties instead.`);
    }
    if (props?.appPorts !== undefined) {
      if (!Array.isArray(props.appPorts) || props.appPorts.length === 0) {
        problems.add(`appPorts of namespace ${this.namespaceName} is empty: list the ports its gateways reach, e.g. appPorts: [Port.tcp(8000)], or leave it out for the cluster's.`);
      } else {
        for (const message of ruleProblems('ingress', Peer.gateway('internal'), props.appPorts)) problems.add(`appPorts of namespace ${this.namespaceName}: ${message}`);
        this.appPorts = [...props.appPorts];
      }
    }
    this.node.addValidation({ validate: () => this.validateReferences() });
  }

  appPortsOverride(): { readonly profile: string; readonly ports: readonly Port[] } | undefined {
    return this.appPorts === undefined ? undefined : { profile: this.profileName, ports: this.appPorts };
  }

  protected templateRules(cluster: NetpolCluster): { ingress: Rule[]; egress: Rule[] } {
    const profile = cluster.sourcesOf(Profile).find((p) => p.profileName === this.profileName);
    if (this.appPorts === undefined || profile === undefined) return { ingress: [], egress: [] };
    const ports = this.appPorts;
    return {
      ingress: profile.gateways.map((g) => allowRule('ingress', cluster.settings.gateways[g], ports, this.node.path, {
        description: `ingress from the ${g} gateway on the namespace's own application ports (appPorts)`,
      })),
      egress: [],
    };
  }

  protected namespaceLabels(): Record<string, string> {
    const labels: Record<string, string> = { [PROFILE_LABEL]: this.profileName };
    for (const service of this.access) labels[accessLabel(service)] = 'true';
    return labels;
  }

  protected managedLabelsFix(): string {
    return 'use the profile, access and disableEnforcement properties instead';
  }

  private validateReferences(): string[] {
    const cluster = NetpolCluster.tryOf(this);
    if (!cluster) return []; // reported by PolicySource
    const errors: string[] = [];
    // Profiles, services and baselines declared elsewhere (`PlatformReference`) count as present.
    const references = cluster.sourcesOf(PlatformReference);
    // A contract that could not be read is reported at its reference; its names are unknown, not missing.
    if (references.some((r) => r.refused)) return errors;
    const ownProfiles = cluster.sourcesOf(Profile).map((p) => p.profileName);
    const profiles = [...ownProfiles, ...references.flatMap((r) => r.profiles)].sort();
    // With a platform repo the fix is asking it (unless this repository defines profiles of its own).
    const platformFix = (what: 'profile' | 'shared service', name: string, own: readonly string[], local: string): string =>
      (references.length > 0 && own.length === 0 ? askThePlatform(references[0], what, name) : local);
    if (this.profileName !== '' && !profiles.includes(this.profileName)) {
      const hint = closest(this.profileName, profiles);
      errors.push(`Unknown profile "${this.profileName}" for namespace ${this.namespaceName}: the cluster defines ${profiles.join(', ') || 'no profiles'}.`
        + (hint ? ` Did you mean "${hint}"?` : platformFix('profile', this.profileName, ownProfiles, ' Add it with new Profile(cluster, ...) or Profile.builtins(cluster).')));
    }
    const ownServices = cluster.sourcesOf(SharedService).map((s) => s.serviceName);
    const services = [...ownServices, ...references.flatMap((r) => r.sharedServices)].sort();
    for (const service of this.access) {
      if (!services.includes(service)) {
        const hint = closest(service, services);
        errors.push(`Unknown shared service "${service}" in the access list of namespace ${this.namespaceName}: the cluster defines ${services.join(', ') || 'no shared services'}.`
          + (hint ? ` Did you mean "${hint}"?` : platformFix('shared service', service, ownServices, ' Add it with new SharedService(cluster, ...) or SharedService.builtins(cluster).')));
      }
    }
    if (this.appPorts !== undefined && references.length > 0 && !ownProfiles.includes(this.profileName)) {
      // The gateways' egress to these ports is the platform's gateway-<name> policy: this repository cannot write it.
      const platformPorts = references.find((r) => r.appPorts !== undefined)?.appPorts;
      errors.push(`appPorts of namespace ${this.namespaceName}: its profile "${this.profileName}" is the platform's, whose gateway policies send to `
        + `${platformPorts ? `the platform's appPorts (${platformPorts.join(', ')})` : 'the platform\'s appPorts'} only, and this repository cannot change them. `
        + 'Serve on one of those ports and leave appPorts out, or ask the platform repo to add the port to its NetpolCluster appPorts (then update the contract).');
    }
    if (cluster.sourcesOf(ClusterBaseline).length === 0 && !handWrittenDns(cluster, this.namespaceName)) {
      const withoutDns = references.filter((r) => r.baselines !== undefined && !r.baselines.includes('baseline-dns'));
      if (references.length === 0) {
        errors.push(`Namespace ${this.namespaceName} has no DNS: its egress is restricted but nothing allows DNS. Add new ClusterBaseline(cluster, 'baseline'), which gives every endpoint DNS (or a CiliumPolicy/KubernetesPolicy with egress on port 53).`);
      } else if (withoutDns.length === references.length) {
        errors.push(`Namespace ${this.namespaceName} has no DNS: its egress is restricted, and the platform contract ${withoutDns[0].contractFile} lists no baseline-dns. `
          + 'Ask the platform repo to deploy its ClusterBaseline (new ClusterBaseline(cluster, \'baseline\')), then update the contract.');
      }
    }
    return errors;
  }
}

/** The app repo's fix for a profile or shared service its platform lacks: the platform repo adds it. */
function askThePlatform(reference: PlatformReference, what: 'profile' | 'shared service', name: string): string {
  return reference.contractFile !== undefined
    ? ` The platform repo defines the ${what}s: ask it to add ${what} "${name}", then update ${reference.contractFile} from its dist/ (this repository cannot add it).`
    : ` The platform repo defines the ${what}s: ask it to add ${what} "${name}", then list it in PlatformReference's ${what === 'profile' ? 'profiles' : 'sharedServices'} `
      + '(or read its contract with PlatformReference.fromFile).';
}
