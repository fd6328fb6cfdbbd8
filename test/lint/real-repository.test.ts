import { describe, expect, test } from 'vitest';
import { lint } from '../../src/lint/linter';
import { LINT_RULES } from '../../src/lint/rules';
import { loadManifests } from '../../src/manifests/load';

// A real repository's hand-written policies (test/fixtures/lint/real/home-cluster/README.md):
// every finding lint reports on it must be a true problem, `one-sided-flow` included: its
// representative pods include the label combinations a workload may carry (Argo puts
// `workflows.argoproj.io/workflow` on every workflow pod, whatever else selects it), so a rule is
// called dead only when no such pod can make it carry traffic.
const FIXTURE = 'test/fixtures/lint/real/home-cluster';
const NAS = '192.168.5.240/32';

describe('lint on a real homelab repository (Tsuguya/home-cluster)', () => {
  const findings = lint(loadManifests([FIXTURE]), {}, LINT_RULES);

  test('reports exactly the true problems', () => {
    expect(findings.map((f) => `${f.rule} ${f.object} ${f.field}`)).toEqual([
      // The NAS address with no stated reason (a reason in network-policy.homelab/address-reasons clears it).
      'no-hard-coded-ip CiliumNetworkPolicy argo/pxe-sync spec.egress[3].toCIDR[0]',
      // Workflow pods reach everything on 443 through CIDR 0.0.0.0/0, which Cilium names `world`
      // (the repository's own aqua-checksum policy calls it "blanket" and replaces it with FQDNs);
      // so do the cert-manager, image-build and trivy-system findings below.
      'no-hard-coded-ip CiliumNetworkPolicy argo/workflow-pods spec.egress[1].toCIDR[0]',
      'no-hard-coded-ip CiliumNetworkPolicy cert-manager/cert-manager-controller spec.egress[2].toCIDR[0]',
      'no-hard-coded-ip CiliumNetworkPolicy image-build/image-build spec.egress[1].toCIDR[0]',
      // `ingressDeny: fromEntities: [all]` also denies the host, so kubelet probes: the
      // repository's docs warn against exactly this for `cluster`.
      'no-explicit-default-deny CiliumNetworkPolicy kyverno/kyverno-background-controller spec.ingressDeny[0]',
      'no-explicit-default-deny CiliumNetworkPolicy kyverno/kyverno-reports-controller spec.ingressDeny[0]',
      // memory admits claude-code pods on 3000, but claude-code's egress has no rule to memory
      // (its 3000/TCP rule goes to horenso): the ingress rule is dead.
      'one-sided-flow CiliumNetworkPolicy memory/memory spec.ingress[2]',
      // Loki's memberlist egress to its own replicas on 7946 is not admitted by its ingress (3100 only).
      'one-sided-flow CiliumNetworkPolicy monitoring/loki spec.egress[2]',
      // `egress: []` ("egress is not needed"): Cilium ignores an empty list; only the allow-dns
      // CCNP keeps this pod's egress default-deny.
      'empty-section-ignored CiliumNetworkPolicy monitoring/smartctl-exporter spec.egress',
      'no-hard-coded-ip CiliumNetworkPolicy nfs-provisioner/nfs-provisioner spec.egress[1].toCIDR[0]',
      'no-hard-coded-ip CiliumNetworkPolicy trident/trident-controller spec.egress[1].toCIDR[0]',
      'no-hard-coded-ip CiliumNetworkPolicy trivy-system/trivy-scan-jobs spec.egress[0].toCIDR[0]',
    ]);
  });

  test('the NAS findings name the address and the annotation that states a reason', () => {
    const nas = findings.filter((f) => f.message.includes(NAS));
    expect(nas).toHaveLength(3);
    for (const f of nas) expect(f.fix).toContain(`network-policy.homelab/address-reasons ("${NAS}: <reason>")`);
  });
});
