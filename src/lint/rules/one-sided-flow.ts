import { InputError } from '../../cli/input-error';
import { groupsByIndex, isCandidatePair, jointGroups, SweepPorts, type JointGroup } from '../../flows/flow-sweep';
import { collectPolicyPorts } from '../../flows/policy-ports';
import { formatPort } from '../../flows/port-protocol';
import { representativeTopology } from '../../flows/representative-topology';
import type { Manifest } from '../../manifests/manifest';
import { isCilium } from '../../manifests/policies';
import { compareText } from '../../model/compare';
import { policyLabel } from '../../probe/policy-ref';
import type { Direction, PolicyRule } from '../../probe/rule';
import { Simulator } from '../../probe/simulator';
import { defineRule } from '../define-rule';
import { isEscapeHatch } from '../escape-hatch';
import type { LintContext } from '../lint-context';

const ID = 'one-sided-flow';

/** How many pairs a finding names before "and N more". */
const NAMED_PAIRS = 5;

/** What one allow rule allows on its own side, and which of those flows the other end refuses. */
interface RuleFlows {
  readonly manifest: Manifest;
  readonly rule: PolicyRule;
  readonly direction: Direction;
  /** Whether some flow the rule allows on its own side carries traffic (the other end allows it too). */
  carries: boolean;
  /** The flows the other end refuses, as `from -> to port` (no longer kept once the rule carries traffic). */
  refused: string[];
  /** Why the other end refuses the first of them. */
  reason?: string;
}

/**
 * Allow rules that carry no traffic because the other end refuses it. Every selected endpoint
 * is default-deny in both directions, so pod-to-pod traffic needs an egress rule on the sender
 * AND an ingress rule on the receiver; a rule on one side only never carries traffic, and the
 * connection fails with a drop that names the other side.
 *
 * Found with the flow simulator: pods are built for every label set the policies select (as
 * `netpol docs` does without a topology) and for every two of them one workload could carry
 * together (`combine`, so a pod's other labels never make a rule look dead), and for each allow rule (the escape hatch aside)
 * every pod pair and port it allows on its own side is checked against the other end. A rule
 * is reported only when none of them can carry traffic, naming the pairs; a rule some of whose
 * pairs carry traffic is working as written for those, so it is not reported.
 */
export const oneSidedFlow = defineRule({
  id: ID,
  severity: 'warning',
  summary: 'Allow rule whose other end denies every flow it allows, so the rule never carries traffic.',
  help: 'Allow both ends: egress on the sender and ingress on the receiver (with this library, `new Connection(cluster, name, { from, to, ports })` declares both).',
  check(context, report) {
    for (const dead of deadRules(context)) {
      const other = dead.direction === 'ingress' ? 'egress' : 'ingress';
      const named = dead.refused.slice(0, NAMED_PAIRS).join(', ');
      const more = dead.refused.length > NAMED_PAIRS ? ` and ${dead.refused.length - NAMED_PAIRS} more` : '';
      report(dead.manifest, {
        field: dead.rule.path.startsWith('specs[') ? dead.rule.path : `spec.${dead.rule.path}`,
        message: `${dead.direction} rule (${dead.rule.text}) never carries traffic: the ${other} of the other end denies every flow it allows `
          + `(${plural(dead.refused.length, 'flow')}: ${named}${more}; ${dead.reason ?? 'denied'}).`,
        fix: `Allow the other end too: ${other} on the ${dead.direction === 'ingress' ? 'senders\'' : 'receivers\''} side for these flows (with this library, new Connection(...) declares both ends), or remove the rule.`,
      });
    }
  },
});

function deadRules(context: LintContext): RuleFlows[] {
  if (context.policies.length === 0) return [];
  const manifests = [...context.manifests];
  const cni = context.policies.some((p) => isCilium(p.kind)) ? 'cilium' : 'kubernetes';
  let simulator: Simulator;
  try {
    simulator = Simulator.build(manifests, representativeTopology(manifests, { combine: true }), { cni });
  } catch (error) {
    // Manifests the simulator cannot read are reported by `netpol probe`; this rule stays silent.
    if (error instanceof InputError) return [];
    throw error;
  }
  const byLabel = new Map(context.policies.map((p) => [label(p.manifest), p.manifest]));
  // The escape hatch allows everything on purpose; the other end of its flows stays enforced.
  const hatches = new Set(context.policies.filter((p) => isEscapeHatch(p, context)).map((p) => label(p.manifest)));
  const space = simulator.flowSpace();
  const groups = jointGroups([simulator], []);
  const byIndex = groupsByIndex(groups, 0, space.size);
  const sweep = new SweepPorts(collectPolicyPorts(manifests), groups);
  const rules = new Map<PolicyRule, RuleFlows>();
  for (const port of sweep.ports) {
    const table = space.table(port.port, port.protocol);
    for (const subject of groups) {
      for (const direction of ['egress', 'ingress'] as const) {
        const state = space.state(subject.indexes[0], direction);
        if (state === undefined || !state.enforced) continue;
        const own = direction === 'egress' ? table.egress(subject.indexes[0]) : table.ingress(subject.indexes[0]);
        const carried = direction === 'egress' ? table.from(subject.indexes[0]) : table.into(subject.indexes[0]);
        for (const rule of state.allowRules) {
          const manifest = byLabel.get(policyLabel(rule.policy));
          if (!manifest || hatches.has(policyLabel(rule.policy))) continue;
          const peers = space.ruleMatches(rule, direction, subject.indexes[0], port.port, port.protocol);
          if (!peers) continue;
          peers.and(own);
          for (const index of peers.members()) {
            for (const peer of byIndex[index]) {
              const [from, to] = direction === 'egress' ? [subject, peer] : [peer, subject];
              if (!isCandidatePair(from, to) || !sweep.checks(port, to)) continue;
              const flows = rules.get(rule) ?? { manifest, rule, direction, carries: false, refused: [] };
              rules.set(rule, flows);
              if (flows.carries) continue;
              if (carried.has(index)) {
                flows.carries = true;
                flows.refused = [];
                continue;
              }
              flows.refused.push(`${from.members[0]} -> ${from === to ? to.members[1] : to.members[0]} ${formatPort(port)}`);
              flows.reason ??= refusal(simulator, from, to, port.port, port.protocol, direction);
            }
          }
        }
      }
    }
  }
  return [...rules.values()].filter((r) => !r.carries)
    .map((r) => ({ ...r, refused: [...r.refused].sort(compareText) }));
}

/** Why the other end refuses a flow, as the simulator says it. */
function refusal(simulator: Simulator, from: JointGroup, to: JointGroup, port: number, protocol: 'TCP' | 'UDP' | 'SCTP', direction: Direction): string | undefined {
  const verdict = simulator.evaluate({ from: from.members[0], to: from === to ? to.members[1] : to.members[0], port, protocol });
  return (direction === 'egress' ? verdict.ingress : verdict.egress).reason;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `Kind namespace/name`, as the simulator names the policies that decide a flow. */
function label(manifest: Manifest): string {
  const { kind, metadata } = manifest.object;
  return `${kind} ${metadata.namespace && kind !== 'CiliumClusterwideNetworkPolicy' ? `${metadata.namespace}/` : ''}${metadata.name}`;
}

