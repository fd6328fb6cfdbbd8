import type { Finding } from '../finding';
import type { LineOf } from '../locate';

/**
 * Renders findings for a terminal: one block per finding (`file:line severity rule object
 * field`, the message, the fix) and a summary line.
 *
 * @param findings the findings, in canonical order
 * @param lineOf the object's line, when known
 * @param suppressed how many findings lint-ignore annotations silenced
 */
export function formatText(findings: readonly Finding[], lineOf: LineOf = () => undefined, suppressed = 0): string {
  if (findings.length === 0) return `No findings${suppressedNote(suppressed)}.\n`;
  const blocks = findings.map((f) => {
    const line = lineOf(f);
    return `${f.file}${line ? `:${line}` : ''} ${f.severity} ${f.rule} ${f.object} ${f.field}\n  ${f.message}\n  fix: ${f.fix}\n`;
  });
  return `${blocks.join('')}${summary(findings, suppressed)}\n`;
}

/**
 * The summary line: `2 errors, 1 warning in 1 file.`, and how many findings annotations silenced.
 *
 * @param findings the findings
 * @param suppressed how many findings lint-ignore annotations silenced
 */
export function summary(findings: readonly Finding[], suppressed = 0): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const files = new Set(findings.map((f) => f.file)).size;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}${suppressedNote(suppressed)}.`;
}

function suppressedNote(suppressed: number): string {
  return suppressed > 0 ? ` (${suppressed} suppressed by lint-ignore annotations)` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
