import type { Finding } from '../finding';
import type { LineOf } from '../locate';
import type { LintRule } from '../lint-rule';
import type { SuppressedFinding } from '../suppression';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

/** The output formats of `netpol lint`. */
export const LINT_FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;

/** One output format of `netpol lint`. */
export type LintFormat = typeof LINT_FORMATS[number];

/**
 * Renders findings in a format.
 *
 * @param format the format
 * @param findings the findings, in canonical order
 * @param rules the rules that ran (SARIF lists them)
 * @param lineOf the object's line, when known
 * @param suppressed the findings lint-ignore annotations silenced (counted; listed in JSON, SARIF suppressions)
 */
export function formatFindings(format: LintFormat, findings: readonly Finding[], rules: readonly LintRule[], lineOf: LineOf,
  suppressed: readonly SuppressedFinding[] = []): string {
  switch (format) {
    case 'json': return formatJson(findings, lineOf, suppressed);
    case 'markdown': return formatMarkdown(findings, lineOf, suppressed.length);
    case 'sarif': return formatSarif(findings, rules, lineOf, suppressed);
    case 'text': return formatText(findings, lineOf, suppressed.length);
  }
}
