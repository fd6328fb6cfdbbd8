import type { Manifest } from '../manifests/manifest';
import { PLATFORM_LABEL, WELL_KNOWN_PLATFORM_NAMESPACES } from '../model/labels';
import { policySpecs, type PolicySpec } from '../manifests/policies';
import { createdNamespaces } from './created-namespaces';
import type { RuleSetting } from './rule-settings';

/** Options of a lint run. */
export interface LintOptions {
  /**
   * Extra namespaces to treat as platform namespaces (the `--platform` flag).
   * @default - only namespaces labelled `network-policy.homelab/platform: "true"` and the
   *   well-known list of `src/model/labels.ts`
   */
  readonly platformNamespaces?: readonly string[];
  /**
   * Per rule id: `off` (the rule does not run) or the severity its findings get (`.netpol.yaml`
   * `rules:`).
   * @default - every rule runs with its own severity
   */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /**
   * The platform the input is deployed into (`--platform-contract`): its objects join the input
   * for every rule (the baselines that give DNS, the profiles and services that select labels), but
   * findings on them are left out, since the platform repo lints its own; and fixes name the app
   * repo's way (ask the platform repo, update the contract).
   * @default - none: the input is the whole cluster
   */
  readonly platformContract?: { readonly file: string; readonly manifests: readonly Manifest[] };
}

/** What every rule sees: the manifests, read once into the views rules need. */
export class LintContext {
  /** Every manifest of the input, in input order. */
  readonly manifests: readonly Manifest[];
  /** Every policy spec (NetworkPolicy, CNP, CCNP) of the input. */
  readonly policies: readonly PolicySpec[];
  /** The `v1` Namespace manifests of the input. */
  readonly namespaces: readonly Manifest[];
  /**
   * Namespaces that exist without a Namespace manifest of the input: created by an Argo CD
   * Application or a Flux HelmRelease of the input, sorted.
   */
  readonly created: readonly string[];
  private readonly platform: ReadonlySet<string>;

  /**
   * The platform contract the input is checked against (`LintOptions.platformContract`), by file name.
   * @default - none
   */
  readonly platformContract?: string;

  constructor(manifests: readonly Manifest[], options: LintOptions = {}) {
    this.platformContract = options.platformContract?.file;
    this.manifests = manifests;
    this.policies = policySpecs(manifests);
    this.namespaces = manifests.filter((m) => m.object.kind === 'Namespace' && m.object.apiVersion === 'v1');
    this.platform = new Set([...WELL_KNOWN_PLATFORM_NAMESPACES, ...(options.platformNamespaces ?? [])]);
    this.created = createdNamespaces(manifests);
  }

  /**
   * Whether a namespace exists when these manifests are deployed, though the input may have no
   * Namespace manifest for it: a Namespace manifest, a namespace an Argo CD Application or Flux
   * HelmRelease of the input creates, or a platform namespace (well-known, such as kube-system and
   * flux-system, which the cluster or its bootstrap creates, or named by `--platform`), or `default`.
   *
   * @param name the namespace name
   */
  namespaceExists(name: string): boolean {
    return name === 'default' || this.namespaceLabels(name) !== undefined || this.created.includes(name) || this.platform.has(name);
  }

  /**
   * Whether a namespace is known to exist although the input has no Namespace manifest for it
   * (see `namespaceExists`), so its labels are unknown.
   *
   * @param name the namespace name
   */
  existsWithoutManifest(name: string): boolean {
    return this.namespaceLabels(name) === undefined && this.namespaceExists(name);
  }

  /**
   * The labels of a namespace as its Namespace manifest gives them.
   *
   * @param name the namespace name
   * @returns the labels, or undefined when the input has no Namespace manifest of that name
   */
  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined {
    const manifest = this.namespaces.find((m) => m.object.metadata.name === name);
    return manifest ? manifest.object.metadata.labels ?? {} : undefined;
  }

  /**
   * Every namespace the input knows of: Namespace manifests and namespaces of namespaced
   * policies, sorted.
   */
  namespaceNames(): string[] {
    const names = new Set<string>(this.namespaces.map((m) => m.object.metadata.name));
    for (const policy of this.policies) if (policy.namespace) names.add(policy.namespace);
    return [...names].sort();
  }

  /**
   * Whether a namespace is a platform namespace: labelled `network-policy.homelab/platform:
   * "true"`, in the well-known list, or named by `--platform`.
   *
   * @param name the namespace name
   * @param labels the namespace's labels
   */
  isPlatform(name: string, labels: Readonly<Record<string, string>>): boolean {
    return labels[PLATFORM_LABEL] === 'true' || this.platform.has(name);
  }
}
