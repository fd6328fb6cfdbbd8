import type { Finding } from '../finding';
import type { LineOf } from '../locate';

/**
 * Renders findings as one JSON document: `{"findings": [...], "summary": {"errors", "warnings"}}`,
 * each finding with its `line` when known.
 *
 * @param findings the findings, in canonical order
 * @param lineOf the object's line, when known
 */
export function formatJson(findings: readonly Finding[], lineOf: LineOf = () => undefined): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const document = {
    findings: findings.map((f) => ({ ...f, line: lineOf(f) })),
    summary: { errors, warnings: findings.length - errors },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
