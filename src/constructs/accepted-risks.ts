import type { IConstruct } from 'constructs';
import { checkReason } from '../model/reason';
import { problemsOf } from './problems';

/**
 * The guardrails of a hand-written policy (`CiliumPolicy`, `KubernetesPolicy`) that a stated
 * reason can accept, each with the reason. Meant for policies that exist already and must keep
 * what they say (`netpol import` writes `'imported: ...'`): every reason must be visible text
 * (`checkReason`), is written into the output object's `network-policy.homelab/lint-ignore`
 * annotation for the lint rules that report the same risk (so `netpol lint` on the output stays
 * quiet for exactly that reason), and a reason for a risk the spec does not take is refused, so
 * no blanket reason outlives what it was given for. Hard-coded addresses keep their own opt-in,
 * `hardCodedIpReason`.
 *
 * @example
 * new CiliumPolicy(cluster, 'longhorn', {
 *   namespace: 'longhorn-system',
 *   spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] },
 *   acceptRisks: { anyPort: 'imported: Longhorn replicas use dynamic ports' },
 * });
 */
export interface AcceptedRisks {
  /**
   * Explicit default-deny: a Cilium deny rule that matches every peer on every port (deny wins
   * over every allow, DNS included), or, on the Cilium renderer, a NetworkPolicy that isolates
   * its pods in a direction without allowing anything (the baselines already deny). Lint:
   * `no-explicit-default-deny`, `rule-shadowed-by-deny`.
   * @default - refused
   */
  readonly explicitDeny?: string;
  /**
   * Empty rule lists (`ingress: []`, which Cilium ignores) and empty rules (`{}`: a bare
   * default-deny in Cilium, every peer on every port in NetworkPolicy). Lint:
   * `empty-section-ignored`, `no-explicit-default-deny`, `no-any-port`.
   * @default - refused
   */
  readonly emptyRules?: string;
  /**
   * Rules that allow every port: no ports, a ports entry without a port number, port `0`, an
   * empty `icmps`, ranges that together open more than half of a protocol. Lint: `no-any-port`,
   * `wide-port-range`.
   * @default - refused
   */
  readonly anyPort?: string;
  /**
   * Ingress from outside the cluster (`world`, `all`, a CIDR) into a cluster-wide policy whose
   * selector pins no namespace: pods of every namespace exposed. Lint: `internet-to-every-namespace`.
   * @default - refused
   */
  readonly outsideToEveryNamespace?: string;
  /**
   * NetworkPolicy `ipBlock`s that reach a whole private range (`0.0.0.0/0` without excepts):
   * every pod and the LAN on most CNIs. Needs `hardCodedIpReason` too. Lint:
   * `ipblock-reaches-private-range`.
   * @default - refused
   */
  readonly privateRanges?: string;
  /**
   * Flows the policy allows that the other end's policies deny (synthesis refuses such flows
   * between declared namespaces). Checked on the whole cluster, so never refused as unused.
   * Lint: `one-sided-flow`.
   * @default - refused
   */
  readonly oneSidedFlows?: string;
}

/** A guardrail `AcceptedRisks` can accept. */
export type RiskKind = keyof AcceptedRisks;

/** Every risk, in the order the annotation lists them. */
export const RISK_KINDS: readonly RiskKind[] = ['explicitDeny', 'emptyRules', 'anyPort', 'outsideToEveryNamespace', 'privateRanges', 'oneSidedFlows'];

/** The lint rules that report each risk on the rendered object. */
export const RISK_LINT_RULES: Readonly<Record<RiskKind, readonly string[]>> = {
  explicitDeny: ['no-explicit-default-deny', 'rule-shadowed-by-deny'],
  emptyRules: ['empty-section-ignored', 'no-explicit-default-deny', 'no-any-port'],
  anyPort: ['no-any-port', 'wide-port-range'],
  outsideToEveryNamespace: ['internet-to-every-namespace'],
  privateRanges: ['ipblock-reaches-private-range'],
  oneSidedFlows: ['one-sided-flow'],
};

/** A guardrail a spec trips: the risk it takes and the message refusing it, naming the field and the fix. */
export interface SpecRisk {
  /** The opt-in that accepts it; `invalid` for what no reason accepts. */
  readonly risk: RiskKind | 'hardCodedIp' | 'invalid';
  /** The refusal, with the fix. */
  readonly message: string;
}

/**
 * Reads the `acceptRisks` of a construct: each reason checked (visible text, normalized), bad
 * ones and unknown keys recorded as problems of the construct.
 *
 * @param scope the construct
 * @param given the `acceptRisks` prop
 * @param what the construct, e.g. `CiliumPolicy media/jellyfin`
 * @returns the accepted risks with their normalized reasons
 */
export function readAcceptedRisks(scope: IConstruct, given: AcceptedRisks | undefined, what: string): Map<RiskKind, string> {
  const accepted = new Map<RiskKind, string>();
  if (given === undefined) return accepted;
  const problems = problemsOf(scope);
  for (const [key, reason] of Object.entries(given)) {
    if (!(RISK_KINDS as readonly string[]).includes(key)) {
      problems.add(`acceptRisks of ${what} has the unknown key "${key}": the risks are ${RISK_KINDS.join(', ')} (hard-coded addresses: hardCodedIpReason).`);
      continue;
    }
    if (reason === undefined) continue;
    problems.check(() => { accepted.set(key as RiskKind, checkReason(reason, `acceptRisks.${key} of ${what}`, `acceptRisks: { ${key}: 'imported: kept as the repository had it' }`)); });
  }
  return accepted;
}

/**
 * Applies the accepted risks to a spec's guardrail refusals: records as problems of the
 * construct the refusals no reason accepts, and the reasons given for risks the spec does not
 * take (but `oneSidedFlows`, which only the whole cluster shows).
 *
 * @param scope the construct
 * @param found the spec's refusals
 * @param accepted the accepted risks (`readAcceptedRisks`)
 * @param what the construct, e.g. `CiliumPolicy media/jellyfin`
 * @param cidrAllowed whether `hardCodedIpReason` was given
 * @returns the risks taken and accepted, with their reasons, for `lintIgnoresOf`
 */
export function applyAcceptedRisks(scope: IConstruct, found: readonly SpecRisk[], accepted: ReadonlyMap<RiskKind, string>, what: string, cidrAllowed: boolean): Map<RiskKind, string> {
  const problems = problemsOf(scope);
  const taken = new Set(found.map((f) => f.risk));
  for (const refusal of found) {
    const ok = refusal.risk === 'hardCodedIp' ? cidrAllowed : refusal.risk !== 'invalid' && accepted.has(refusal.risk);
    if (!ok) {
      const optIn = refusal.risk === 'hardCodedIp' || refusal.risk === 'invalid' ? '' : ` (to keep it as written, state why: acceptRisks: { ${refusal.risk}: 'why' })`;
      problems.add(`${what} is refused: ${refusal.message}${optIn}`);
    }
  }
  const used = new Map<RiskKind, string>();
  for (const [risk, reason] of accepted) {
    if (risk === 'oneSidedFlows' || taken.has(risk)) used.set(risk, reason);
    else problems.add(`acceptRisks.${risk} of ${what} accepts a risk the spec does not take: remove it.`);
  }
  return used;
}

/**
 * The lint suppressions of accepted risks: for each lint rule that reports one, the reason
 * (reasons of two risks one rule reports joined by `; `). The renderers write them as the
 * `network-policy.homelab/lint-ignore` annotation (`lintIgnoreAnnotation`).
 *
 * @param used the accepted risks the spec takes, with their reasons
 * @returns lint rule id to reason
 */
export function lintIgnoresOf(used: ReadonlyMap<RiskKind, string>): Record<string, string> {
  const byRule = new Map<string, string[]>();
  for (const risk of RISK_KINDS) {
    const reason = used.get(risk);
    if (reason === undefined) continue;
    for (const rule of RISK_LINT_RULES[risk]) {
      const reasons = byRule.get(rule) ?? [];
      if (!reasons.includes(reason)) reasons.push(reason);
      byRule.set(rule, reasons);
    }
  }
  return Object.fromEntries([...byRule.entries()].map(([rule, reasons]) => [rule, reasons.join('; ')]));
}
