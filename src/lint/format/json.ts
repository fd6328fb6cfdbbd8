import type { Finding } from '../finding';
import type { LineOf } from '../locate';
import type { SuppressedFinding } from '../suppression';

/**
 * Renders findings as one JSON document: `{"findings": [...], "suppressed": [...], "summary":
 * {"errors", "warnings", "suppressed"}}`, each finding with its `line` when known, each suppressed
 * one with the `reason` its annotation gives.
 *
 * @param findings the findings, in canonical order
 * @param lineOf the object's line, when known
 * @param suppressed the findings lint-ignore annotations silenced
 */
export function formatJson(findings: readonly Finding[], lineOf: LineOf = () => undefined, suppressed: readonly SuppressedFinding[] = []): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const document = {
    findings: findings.map((f) => ({ ...f, line: lineOf(f) })),
    suppressed: suppressed.map((f) => ({ ...f, line: lineOf(f) })),
    summary: { errors, warnings: findings.length - errors, suppressed: suppressed.length },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
