import type { Manifest } from '../../manifests/manifest';
import { isRecord } from '../../manifests/policies';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'host-policy-needs-host-firewall';

/**
 * A host policy: a CCNP spec with `nodeSelector` instead of `endpointSelector` (docs.cilium.io
 * "Host Policies"). Cilium loads it but enforces nothing on the nodes unless the host firewall is
 * on (Helm `hostFirewall.enabled: true`, agent option `enable-host-firewall`); the host endpoint
 * then reports enforcement "Disabled" (cilium/cilium#11759), so the policy fails open and quietly.
 *
 * Not reported when the input shows the host firewall enabled: the `cilium-config` ConfigMap with
 * `enable-host-firewall: "true"`, or a Flux HelmRelease / Argo CD Application of the `cilium` chart
 * whose inline values set `hostFirewall.enabled: true`. Otherwise, turn the rule off in
 * `.netpol.yaml` once the cluster runs with it.
 */
export const hostPolicyNeedsHostFirewall = defineRule({
  id: ID,
  severity: 'warning',
  summary: 'Host policy (nodeSelector), which Cilium enforces only with the host firewall enabled.',
  help: 'Enable the host firewall (Helm hostFirewall.enabled: true) or the policy does nothing; once it is, turn this rule off in .netpol.yaml.',
  check(context: LintContext, report: Report): void {
    if (context.manifests.some(enablesHostFirewall)) return;
    for (const policy of context.policies.filter((p) => p.kind !== 'NetworkPolicy')) {
      if (policy.spec.nodeSelector === undefined) continue;
      report(policy.manifest, {
        field: `${policy.path}.nodeSelector`,
        message: 'host policy (nodeSelector): Cilium enforces it on the nodes only when the host firewall is enabled, which nothing in the input shows; without it the policy is loaded and does nothing.',
        fix: 'Run Cilium with the host firewall (Helm `hostFirewall.enabled: true`, i.e. `enable-host-firewall: "true"` in cilium-config), then turn this rule off in .netpol.yaml (`rules: {host-policy-needs-host-firewall: off}`).',
      });
    }
  },
});

/** Whether an object of the input turns the host firewall on. */
function enablesHostFirewall({ object }: Manifest): boolean {
  const spec = isRecord(object.spec) ? object.spec : {};
  if (object.kind === 'ConfigMap' && object.metadata.name === 'cilium-config') {
    return isRecord(object.data) && String(object.data['enable-host-firewall']) === 'true';
  }
  const group = object.apiVersion.split('/')[0];
  if (object.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') return hostFirewallValue(spec.values);
  if (object.kind === 'Application' && group === 'argoproj.io') {
    const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isRecord);
    return sources.some((source) => source.chart === 'cilium' && isRecord(source.helm) && hostFirewallValue(source.helm.valuesObject));
  }
  return false;
}

function hostFirewallValue(values: unknown): boolean {
  return isRecord(values) && isRecord(values.hostFirewall) && values.hostFirewall.enabled === true;
}
