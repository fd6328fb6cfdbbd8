import { checkCidr } from './cidr';
import { privateRangesReached } from './address-space';
import type { Var } from './var';
import { PolicyError } from './policy-error';
import { Problems, withProblems } from './problems';
import { normalizeReason, reasonProblem } from './reason';

/** What a downgrade renders instead of the rule. */
export type DowngradeSpec =
  | { readonly kind: 'cidrs'; readonly cidrs: readonly string[]; readonly reason: string }
  | { readonly kind: 'skip'; readonly reason: string };

/**
 * An explicit, reasoned downgrade of a rule that plain NetworkPolicy cannot express (a DNS name,
 * a Cilium entity such as `host` or `remote-node`). Only the NetworkPolicy renderer reads it: the
 * Cilium renderer keeps the rule as written. The rendered NetworkPolicy carries a YAML comment
 * stating the downgrade and its reason, so the loss of precision is visible in review.
 *
 * @example allowEgress(Peer.fqdn('api.github.com'), [Port.HTTPS], { downgrade: Downgrade.toCidrs(['140.82.112.0/20'], 'GitHub meta ranges') })
 */
export class Downgrade {
  /**
   * Render the rule's peer as these address ranges (`ipBlock`s) on NetworkPolicy.
   *
   * @param cidrs the ranges, at least one, e.g. `['140.82.112.0/20']` or `[Var.flux('cluster_node_subnet')]`
   * @param reason where the ranges come from and why they are enough, e.g. `'GitHub meta API, "api" ranges'`
   */
  static toCidrs(cidrs: readonly (string | Var)[], reason: string): Downgrade {
    const problems = new Problems();
    const list = Array.isArray(cidrs) ? cidrs : [];
    if (list.length === 0) {
      problems.add('Downgrade.toCidrs needs at least one CIDR, e.g. Downgrade.toCidrs([\'140.82.112.0/20\'], \'GitHub meta ranges\').');
    }
    for (const cidr of list) problems.check(() => checkCidr(cidr, 'Downgrade.toCidrs'));
    problems.check(() => checkReason(reason, 'toCidrs'));
    const checked = [...new Set(list.map(String))].sort();
    const reached = privateRangesReached(checked.map((cidr) => ({ cidr })));
    if (reached.length > 0) {
      // A reason does not make this safe: NetworkPolicy ipBlocks match pod addresses on most CNIs.
      problems.add(`Downgrade.toCidrs([${checked.map((c) => `'${c}'`).join(', ')}]) reaches all of ${reached.join(', ')}: `
        + 'on NetworkPolicy that is every pod of the cluster and the whole LAN, not the destination the rule names. '
        + 'Give the destination\'s own ranges (e.g. GitHub\'s from https://api.github.com/meta); for "the internet" write the rule '
        + 'with Peer.world(), which NetworkPolicy renders as 0.0.0.0/0 and ::/0 except the private ranges.');
    }
    return withProblems(new Downgrade({ kind: 'cidrs', cidrs: checked, reason: trimmed(reason) }), problems);
  }

  /**
   * Leave the rule out on NetworkPolicy: the traffic it allows is denied there.
   *
   * @param reason why losing the rule is acceptable, e.g. `'edge has no internet egress'`
   */
  static skip(reason: string): Downgrade {
    const problems = new Problems();
    problems.check(() => checkReason(reason, 'skip'));
    return withProblems(new Downgrade({ kind: 'skip', reason: trimmed(reason) }), problems);
  }

  private constructor(
    /** What the NetworkPolicy renderer emits instead of the rule. */
    readonly spec: DowngradeSpec,
  ) {}

  /** `cidrs 140.82.112.0/20 (reason)` or `skipped (reason)`: the text of the YAML comment. */
  toString(): string {
    return this.spec.kind === 'cidrs'
      ? `downgraded to ipBlock ${this.spec.cidrs.join(', ')} (${this.spec.reason})`
      : `skipped (${this.spec.reason})`;
  }
}

function trimmed(reason: unknown): string {
  return typeof reason === 'string' && reasonProblem(reason) === undefined ? normalizeReason(reason) : '';
}

function checkReason(reason: string, factory: string): string {
  const problem = reasonProblem(reason);
  if (problem !== undefined) {
    const given = reason === undefined ? '' : ` (the one given ${problem})`;
    throw new PolicyError(`Downgrade.${factory} needs a reason${given}: say why the NetworkPolicy rendering may lose this rule's precision, e.g. Downgrade.${factory}(${factory === 'toCidrs' ? "['140.82.112.0/20'], " : ''}'GitHub meta ranges').`);
  }
  return normalizeReason(reason);
}
