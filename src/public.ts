/*
 * The public API of the cdk8s-netpol package: what `import ... from 'cdk8s-netpol'` gives (the
 * package.json `exports` point here), and nothing of the CLI. Only what a cluster definition or a
 * program reviewing manifests needs: the constructs and their props, the values, synthesis, and
 * the review engines in code (lint, the flow simulator, diff, doctor, docs).
 *
 * `src/index.ts` re-exports everything, for this repository's own tests and tools; it is not
 * reachable from the package. Changing this file changes the API: `api/cdk8s-netpol.api.md`
 * records it and `test/api-report.test.ts` fails until the report is regenerated
 * (`UPDATE_API_REPORT=1 npx vitest run test/api-report.test.ts`), so API changes show in review.
 */

// Constructs of a cluster definition
export { NetpolCluster, type NetpolClusterProps, type ClusterAlerts } from './constructs/netpol-cluster';
export { Renderer, type ClusterSettings } from './constructs/cluster-settings';
export type { KubernetesRendererOptions, ApiServerEndpoint } from './constructs/kubernetes-options';
export { ClusterBaseline, type ClusterBaselineProps, type EnforcementAlertsOptions } from './constructs/cluster-baseline';
export { Profile, type ProfileProps, type ProfileRule, type BuiltinProfileOptions } from './constructs/profile';
export { SharedService, type SharedServiceProps, type SharedServiceLocation } from './constructs/shared-service';
export { PlatformNamespace, type PlatformNamespaceProps } from './constructs/platform-namespace';
export { AppNamespace, type AppNamespaceProps } from './constructs/app-namespace';
export { DeclaredNamespace, type DeclaredNamespaceProps } from './constructs/declared-namespace';
export { NamespaceBase, type NamespaceBaseProps, type NamespaceRuleOptions } from './constructs/namespace-base';
export { Connection, type ConnectionProps } from './constructs/connection';
export { CiliumPolicy, type CiliumPolicyProps } from './constructs/cilium-policy';
export { KubernetesPolicy, type KubernetesPolicyProps } from './constructs/kubernetes-policy';
export type { AcceptedRisks, RiskKind, SpecRisk } from './constructs/accepted-risks';
export { PlatformReference, type PlatformReferenceProps } from './constructs/platform-reference';
export { PolicySource } from './constructs/policy-source';

// Values
export { Peer, type PeerCidrOptions } from './model/peer';
export { LabelSelector, type LabelSelectorProps, type LabelRequirement, type LabelRequirementProps, type SelectorOperator } from './model/label-selector';
export { Port, type PortAnyOptions, type Protocol } from './model/port';
export { Downgrade } from './model/downgrade';
export { Entity } from './model/entity';
export { Var } from './model/var';
export type { RuleOptions } from './model/rule';
export { PolicyError } from './model/policy-error';
export { assertValid, problemsOfValue } from './model/problems';

// Synthesis
export { synthesize, synthesizeFiles, type SynthesizeOptions, type SynthesisResult } from './synth/synthesize';
export { synthesizeMain } from './synth/synthesize-main';

// Reviewing manifests in code
export { loadManifests, parseManifests } from './manifests/load';
export type { Manifest } from './manifests/manifest';
export { lint, lintReport, type LintReport } from './lint/linter';
export type { LintOptions } from './lint/lint-context';
export type { Finding, Severity } from './lint/finding';
export type { LintRule } from './lint/lint-rule';
export { LINT_RULES } from './lint/rules';
export { Simulator, probe, type SimulatorOptions } from './probe/simulator';
export type { Flow, Cni } from './probe/flow';
export type { FlowVerdict } from './probe/verdict';
export type { Topology } from './probe/topology';
export { loadTopology, parseTopology } from './probe/topology-file';
export { loadProbes, type Probe } from './probe/probe-file';
export { diffFlows } from './diff/diff-flows';
export { diagnose } from './doctor/diagnose';
export { buildPolicyPage } from './docs/policy-page';
