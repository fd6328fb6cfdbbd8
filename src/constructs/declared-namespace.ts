import type { Construct } from 'constructs';
import { ACCESS_LABEL_PREFIX, DESIGN_LABELS_REASON_ANNOTATION, ENFORCEMENT_LABEL, LABEL_DOMAIN, NO_DEFAULT_DENY_REASON_ANNOTATION, PROFILE_LABEL } from '../model/labels';
import { checkLabels, type LabelValues } from '../model/names';
import type { NamespaceIntent, PolicyGroup } from '../model/policy';
import { checkReason } from '../model/reason';
import { NamespaceBase, type NamespaceBaseProps } from './namespace-base';
import { problemsOf } from './problems';

/** Properties of a `DeclaredNamespace`. */
export interface DeclaredNamespaceProps extends NamespaceBaseProps {
  /**
   * Whether the namespace takes the `ClusterBaseline`'s `withinNamespace` traffic. Off by
   * default: a declared namespace adds no flow of its own.
   * @default false
   */
  readonly withinNamespace?: boolean;
  /**
   * The design's labels (`network-policy.homelab/profile`, `network-policy.homelab/platform`,
   * `access.network-policy.homelab/<service>`) set as written, with why: for a namespace whose
   * profile or shared-service policies are not `Profile`/`SharedService` constructs (kept as
   * `CiliumPolicy`, or defined in another repository). The reason must be visible text and is
   * written into the namespace's `network-policy.homelab/design-labels-reason` annotation. The
   * escape hatch's label stays refused: use `disableEnforcement: { reason }`. With a
   * profile the cluster defines, prefer `AppNamespace`, whose typed `profile`/`access` are checked.
   * @default - no design labels (refused in `labels`)
   */
  readonly designLabels?: { readonly labels: LabelValues; readonly reason: string };
  /**
   * On the NetworkPolicy renderer, writes no `default-deny` for the namespace, so that pods no
   * policy selects keep NetworkPolicy's own default (every flow allowed): for a namespace whose
   * existing policies never isolated it. The reason must be visible text and is written into the
   * namespace's `network-policy.homelab/no-default-deny-reason` annotation. No effect on Cilium,
   * where the baselines decide.
   * @default - the NetworkPolicy renderer writes `default-deny`
   */
  readonly noDefaultDeny?: { readonly reason: string };
}

/**
 * A namespace declared as it is, with no template policy and no profile: the Namespace manifest
 * (its `labels`, the mesh label, `disableEnforcement`), and only the rules written on it
 * (`allowIngress`, `allowEgress`, `allowWithinNamespace`) in the policy `<namespace>/app` (or
 * `app-<pod labels>`). It adds no flow of its own: no DNS, health or scrape template (unlike
 * `PlatformNamespace`), no profile (unlike `AppNamespace`), and the `ClusterBaseline`'s
 * `withinNamespace` traffic only with `withinNamespace: true`. For clusters brought in from
 * existing policies (`netpol import`), and namespaces whose policies are `CiliumPolicy` or
 * `KubernetesPolicy` objects.
 *
 * @example
 * new DeclaredNamespace(cluster, 'media', { manageNamespace: false })
 *   .allowEgress(Peer.fqdn('api.themoviedb.org'), [Port.HTTPS]);
 */
export class DeclaredNamespace extends NamespaceBase {
  readonly group: PolicyGroup;
  private designLabelValues: Readonly<Record<string, string>> = {};
  private designLabelsReason?: string;
  private noDefaultDenyReason?: string;

  constructor(scope: Construct, id: string, props: DeclaredNamespaceProps = {}) {
    super(scope, id, { ...props, withinNamespace: props?.withinNamespace ?? false }, 'app', true);
    this.group = `app-${this.namespaceName}`;
    const problems = problemsOf(this);
    if (this.extraLabels[PROFILE_LABEL] !== undefined) {
      problems.add(`Label "${PROFILE_LABEL}" of namespace ${this.namespaceName} is managed by the library: ${this.managedLabelsFix()}.`);
    }
    if (props?.designLabels !== undefined) {
      const where = `designLabels of namespace ${this.namespaceName}`;
      problems.check(() => { this.designLabelsReason = checkReason(props.designLabels?.reason, where, "designLabels: { labels: { 'network-policy.homelab/profile': 'standard' }, reason: 'imported: the profile policy is kept as-is' }"); });
      problems.check(() => { this.designLabelValues = checkLabels(`namespace ${this.namespaceName}`, props.designLabels?.labels ?? {}); });
      for (const key of Object.keys(this.designLabelValues)) {
        if (key === ENFORCEMENT_LABEL) {
          problems.add(`${where}: "${key}" lifts enforcement: use disableEnforcement: { reason: 'why' }, which writes the reason where the alerts read it.`);
        } else if (!key.startsWith(`${LABEL_DOMAIN}/`) && !key.startsWith(ACCESS_LABEL_PREFIX)) {
          problems.add(`${where}: "${key}" is not a label of the design (${LABEL_DOMAIN}/*, ${ACCESS_LABEL_PREFIX}*): put it in labels.`);
        }
      }
      if (Object.keys(this.designLabelValues).length === 0) problems.add(`${where} lists no label: remove it, or list the labels.`);
    }
    if (props?.noDefaultDeny !== undefined) {
      problems.check(() => { this.noDefaultDenyReason = checkReason(props.noDefaultDeny?.reason, `noDefaultDeny of namespace ${this.namespaceName}`, "noDefaultDeny: { reason: 'imported: no policy isolated this namespace' }"); });
    }
  }

  protected namespaceLabels(): Record<string, string> {
    return { ...this.designLabelValues };
  }

  protected namespaceAnnotations(): Record<string, string> {
    return {
      ...super.namespaceAnnotations(),
      ...(this.designLabelsReason !== undefined ? { [DESIGN_LABELS_REASON_ANNOTATION]: this.designLabelsReason } : {}),
      ...(this.noDefaultDenyReason !== undefined ? { [NO_DEFAULT_DENY_REASON_ANNOTATION]: this.noDefaultDenyReason } : {}),
    };
  }

  protected managedLabelsFix(): string {
    return 'lift enforcement with disableEnforcement: { reason }; set profile and access labels as written with designLabels: { labels, reason }, or use AppNamespace';
  }

  namespaces(): NamespaceIntent[] {
    return super.namespaces().map((ns) => (this.noDefaultDenyReason !== undefined ? { ...ns, defaultDeny: false } : ns));
  }
}
