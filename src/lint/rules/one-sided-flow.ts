import { InputError } from '../../cli/input-error';
import { candidateFlows } from '../../flows/candidate-flows';
import { podGroups } from '../../flows/peer-group';
import { collectPolicyPorts } from '../../flows/policy-ports';
import { representativeTopology } from '../../flows/representative-topology';
import type { Manifest } from '../../manifests/manifest';
import { isCilium } from '../../manifests/policies';
import { Simulator } from '../../probe/simulator';
import { defineRule } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import type { LintContext } from '../lint-context';

const ID = 'one-sided-flow';

/** A rule that admits traffic the other end never sends (or sends traffic the other end refuses). */
interface OneSided {
  readonly manifest: Manifest;
  readonly openSide: 'ingress' | 'egress';
  readonly peer: string;
  readonly ports: Set<string>;
  readonly reason: string;
}

/**
 * Allow rules whose other end is closed. Every selected endpoint is default-deny in both
 * directions, so pod-to-pod traffic needs an egress rule on the sender AND an ingress rule on the
 * receiver; a rule on one side only never carries traffic, and the connection fails with a drop
 * that names the other side. Found with the flow simulator: pods are built for every label set
 * the policies select (as `netpol docs` does without a topology), every pod group is probed
 * against every other on every port the policies name, and a flow one side allows (by a policy
 * other than the escape hatch) and the other denies is reported on the allowing policy.
 */
export const oneSidedFlow = defineRule({
  id: ID,
  severity: 'warning',
  summary: 'Allow rule whose other end denies the traffic, so the rule never carries any.',
  help: 'Allow both ends: egress on the sender and ingress on the receiver (with this library, `new Connection(cluster, name, { from, to, ports })` declares both).',
  check(context, report) {
    for (const gap of oneSidedFlows(context)) {
      const ports = [...gap.ports].sort().join(', ');
      const other = gap.openSide === 'ingress' ? 'egress' : 'ingress';
      report(gap.manifest, {
        field: `spec.${gap.openSide}`,
        message: `${gap.openSide} rules allow ${gap.openSide === 'ingress' ? 'traffic from' : 'traffic to'} ${gap.peer} on ${ports}, but the ${other} of ${gap.peer} denies it (${gap.reason}), so they never carry traffic.`,
        fix: `Allow the other end too: ${other} on ${gap.peer}'s side for ${ports} (with this library, new Connection(...) declares both ends), or remove the rule.`,
      });
    }
  },
});

function oneSidedFlows(context: LintContext): OneSided[] {
  if (context.policies.length === 0) return [];
  const manifests = [...context.manifests];
  const cni = context.policies.some((p) => isCilium(p.kind)) ? 'cilium' : 'kubernetes';
  const topology = representativeTopology(manifests);
  let simulator: Simulator;
  try {
    simulator = Simulator.build(manifests, topology, { cni });
  } catch (error) {
    // Manifests the simulator cannot read are reported by `netpol probe`; this rule stays silent.
    if (error instanceof InputError) return [];
    throw error;
  }
  const byLabel = new Map(context.policies.map((p) => [label(p.manifest), p.manifest]));
  // The escape hatch allows everything on purpose; the other end of its flows stays enforced.
  const hatches = new Set(context.policies.filter((p) => isEscapeHatch(p, context)).map((p) => label(p.manifest)));
  const gaps = new Map<string, OneSided>();
  for (const candidate of candidateFlows(podGroups(topology, cni), collectPolicyPorts(manifests))) {
    const verdict = simulator.evaluate(candidate.flow);
    if (verdict.egress.verdict === verdict.ingress.verdict) continue;
    const openSide = verdict.ingress.verdict === 'allow' ? 'ingress' : 'egress';
    const open = verdict[openSide];
    if (open.by.length === 0 || open.by.some((by) => hatches.has(by))) continue;
    const peer = openSide === 'ingress' ? candidate.flow.from : candidate.flow.to;
    const closed = openSide === 'ingress' ? verdict.egress : verdict.ingress;
    for (const by of open.by) {
      const manifest = byLabel.get(by);
      if (!manifest) continue;
      const key = `${by}|${openSide}|${peer}`;
      const gap = gaps.get(key) ?? { manifest, openSide, peer, ports: new Set<string>(), reason: closed.reason ?? 'denied' };
      gap.ports.add(`${candidate.flow.port}/${candidate.flow.protocol}`);
      gaps.set(key, gap);
    }
  }
  return [...gaps.values()];
}

/** `Kind namespace/name`, as the simulator names the policies that decide a flow. */
function label(manifest: Manifest): string {
  const { kind, metadata } = manifest.object;
  return `${kind} ${metadata.namespace && kind !== 'CiliumClusterwideNetworkPolicy' ? `${metadata.namespace}/` : ''}${metadata.name}`;
}
