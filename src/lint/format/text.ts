import type { Finding } from '../finding';
import type { LineOf } from '../locate';

/**
 * Renders findings for a terminal: one block per finding (`file:line severity rule object
 * field`, the message, the fix) and a summary line.
 *
 * @param findings the findings, in canonical order
 * @param lineOf the object's line, when known
 */
export function formatText(findings: readonly Finding[], lineOf: LineOf = () => undefined): string {
  if (findings.length === 0) return 'No findings.\n';
  const blocks = findings.map((f) => {
    const line = lineOf(f);
    return `${f.file}${line ? `:${line}` : ''} ${f.severity} ${f.rule} ${f.object} ${f.field}\n  ${f.message}\n  fix: ${f.fix}\n`;
  });
  return `${blocks.join('')}${summary(findings)}\n`;
}

/**
 * The summary line: `2 errors, 1 warning in 1 file.`
 *
 * @param findings the findings
 */
export function summary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const files = new Set(findings.map((f) => f.file)).size;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
