import type { Finding, Severity } from './finding';
import type { LintContext } from './lint-context';

/** One lint rule: a stable id, what it guards against, and the check itself. */
export interface LintRule {
  /** The stable kebab-case id, e.g. `no-any-port`. */
  readonly id: string;
  /** The severity of the rule's findings (a finding may override it). */
  readonly severity: Severity;
  /** One sentence: the anti-pattern the rule reports. */
  readonly summary: string;
  /** How to fix a finding in general (SARIF help text). */
  readonly help: string;
  /**
   * Runs the rule.
   *
   * @returns the findings, in any order
   */
  check(context: LintContext): Finding[];
}
