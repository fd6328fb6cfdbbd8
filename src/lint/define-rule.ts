import type { Manifest } from '../manifests/manifest';
import { finding, type Finding, type FindingDetails } from './finding';
import type { LintContext } from './lint-context';
import type { LintRule } from './lint-rule';

/**
 * Records one finding of the rule being run, about one manifest; the rule's id and severity
 * are filled in (`details.severity` overrides the latter).
 */
export type Report = (manifest: Manifest, details: FindingDetails) => void;

/** A lint rule as written in `src/lint/rules/`: its metadata, and a check that reports. */
export interface LintRuleDefinition extends Omit<LintRule, 'check'> {
  /**
   * Runs the rule, calling `report` once per finding, in any order.
   *
   * @param context the manifests, read once for every rule
   * @param report records a finding
   */
  check(context: LintContext, report: Report): void;
}

/**
 * Makes a `LintRule` whose findings carry its own id and severity, so a rule states them once.
 *
 * @param definition the rule's id, severity, summary, help and check
 */
export function defineRule(definition: LintRuleDefinition): LintRule {
  const { check, ...meta } = definition;
  return {
    ...meta,
    check(context: LintContext): Finding[] {
      const findings: Finding[] = [];
      check(context, (manifest, details) => findings.push(finding(meta.id, meta.severity, manifest, details)));
      return findings;
    },
  };
}
