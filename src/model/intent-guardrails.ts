import { privateRangesReached } from './address-space';
import { AMBIENT_PROBE_SOURCE } from './cidr';
import { Entity } from './entity';
import type { Peer } from './peer';
import type { ClusterIntent, PolicyIntent } from './policy';
import type { Port } from './port';
import { widePortsProblem } from './port-coverage';
import type { Direction, Rule } from './rule';

/** Options of `intentGuardrailProblems`. */
export interface IntentGuardrailOptions {
  /**
   * Whether the cluster is rendered as plain NetworkPolicy, where `ipBlock`s match pod addresses
   * too (on Calico, kube-router and most other CNIs).
   * @default false
   */
  readonly networkPolicy?: boolean;
}

/**
 * The guardrails that need the whole cluster's intent, not one rule: each problem a
 * `[construct path] message` line with the fix.
 * - Rules between the same endpoints whose ports together open more than half of a protocol's
 *   ports (two `allowEgress` calls or two `Connection`s splitting `1-65535`); one call alone is
 *   refused when its rule is built.
 * - Ingress from outside the cluster (entity `world` or `all`, a CIDR) into a policy whose
 *   subject spans every namespace (`Connection` to `Peer.allPods()`): every pod, or every pod
 *   anyone labels so, exposed to the internet. Only the library's own kubelet-probe source
 *   (169.254.7.127/32) is exempt.
 * - On NetworkPolicy, address rules reaching a whole private range (`Peer.cidr('0.0.0.0/0')`
 *   without excepting the private ranges): every pod and the LAN, not the outside meant.
 *
 * @param intent the cluster's intent
 * @param options the renderer
 */
export function intentGuardrailProblems(intent: ClusterIntent, options: IntentGuardrailOptions = {}): string[] {
  return [...splitPortProblems(intent.policies), ...intent.policies.flatMap((p) => policyProblems(p, options))];
}

function policyProblems(policy: PolicyIntent, options: IntentGuardrailOptions): string[] {
  const problems: string[] = [];
  const everyNamespace = policy.subject.namespace === undefined && policy.subject.namespaceLabels === undefined;
  for (const rule of policy.ingress) {
    if (everyNamespace && isOutside(rule.peer)) {
      const pods = Object.keys(policy.subject.podLabels).length === 0
        ? 'every pod of every namespace'
        : `pods labelled ${Object.entries(policy.subject.podLabels).map(([k, v]) => `${k}=${v}`).join(',')} in every namespace (which any pod anyone creates can carry)`;
      problems.push(`[${policy.constructPath}] Ingress from ${rule.peer} into ${policy.name} exposes ${pods} to the outside of the cluster. `
        + `Name the namespace of the pods that serve it: Peer.pods('<namespace>', { <pod labels> }).`);
    }
  }
  if (options.networkPolicy) {
    for (const [direction, rules] of [['ingress', policy.ingress], ['egress', policy.egress]] as [Direction, readonly Rule[]][]) {
      for (const rule of rules) {
        const spec = rule.peer.spec;
        if (spec.kind !== 'cidr') continue;
        const reached = privateRangesReached([{ cidr: spec.cidr, except: spec.except }]);
        if (reached.length === 0) continue;
        problems.push(`[${policy.constructPath}] The ${direction} rule ${direction === 'ingress' ? 'from' : 'to'} ${rule.peer} of ${policy.name} reaches all of ${reached.join(', ')}: `
          + 'a NetworkPolicy ipBlock matches pod addresses too, so that is every pod of the cluster and the whole LAN, whatever the reason says. '
          + `For the internet use Peer.world() (0.0.0.0/0 and ::/0 except the private ranges); otherwise leave them out: Peer.cidr('${spec.cidr}', { reason, except: [${reached.map((r) => `'${r}'`).join(', ')}] }).`);
      }
    }
  }
  return problems;
}

function isOutside(peer: Peer): boolean {
  const spec = peer.spec;
  if (spec.kind === 'entity') return spec.entity === Entity.WORLD || spec.entity === Entity.ALL;
  return spec.kind === 'cidr' && spec.cidr !== AMBIENT_PROBE_SOURCE;
}

/** Rules between the same endpoints (subject, direction, peer) across policies, ports pooled. */
function splitPortProblems(policies: readonly PolicyIntent[]): string[] {
  const groups = new Map<string, { ports: Port[]; paths: Set<string>; text: string }>();
  for (const policy of policies) {
    for (const [direction, rules] of [['ingress', policy.ingress], ['egress', policy.egress]] as [Direction, readonly Rule[]][]) {
      for (const rule of rules) {
        if (rule.ports.length === 0) continue; // every port on purpose (anyPortReason)
        const key = JSON.stringify([policy.namespace ?? '', policy.subject, direction, String(rule.peer)]);
        const group = groups.get(key) ?? { ports: [], paths: new Set<string>(),
          text: `${direction} rules ${direction === 'ingress' ? 'from' : 'to'} ${rule.peer} of ${policy.namespace ? `${policy.namespace}/` : ''}${policy.name}` };
        group.ports.push(...rule.ports);
        group.paths.add(policy.constructPath);
        groups.set(key, group);
      }
    }
  }
  const problems: string[] = [];
  for (const group of groups.values()) {
    const problem = widePortsProblem(group.ports);
    if (problem === undefined) continue;
    const [first, ...others] = [...group.paths].sort();
    problems.push(`[${first}] Together, the ${group.text}${others.length > 0 ? ` (also from ${others.join(', ')})` : ''} open ${problem}. `
      + "List the ports the peer needs, or say every port on purpose with [Port.any({ reason: 'why' })].");
  }
  return problems;
}
