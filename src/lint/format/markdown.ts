import { markdownCell } from '../../cli/markdown-cell';
import type { Finding } from '../finding';
import type { LineOf } from '../locate';
import { summary } from './text';

/**
 * Renders findings as a Markdown table, e.g. for a pull-request comment.
 *
 * @param findings the findings, in canonical order
 * @param lineOf the object's line, when known
 * @param suppressed how many findings lint-ignore annotations silenced
 */
export function formatMarkdown(findings: readonly Finding[], lineOf: LineOf = () => undefined, suppressed = 0): string {
  if (findings.length === 0) return `**netpol lint**: no findings${suppressed > 0 ? ` (${suppressed} suppressed by lint-ignore annotations)` : ''}.\n`;
  const rows = findings.map((f) => {
    const line = lineOf(f);
    return `| ${f.severity} | \`${f.rule}\` | ${markdownCell(`${f.file}${line ? `:${line}` : ''}`)} | ${markdownCell(f.object)} | \`${markdownCell(f.field)}\` | ${markdownCell(f.message)} | ${markdownCell(f.fix)} |`;
  });
  return [
    `**netpol lint**: ${summary(findings, suppressed)}`,
    '',
    '| Severity | Rule | File | Object | Field | Finding | Fix |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

