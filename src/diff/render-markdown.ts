import { markdownCell } from '../cli/markdown-cell';
import { countChanges, decidedByText, groupChanges, type FlowDiff } from './flow-change';

/**
 * Renders a diff as Markdown ready to paste as a pull-request comment: a headline with the
 * counts, then one table per source group `| from | to | port | before | after | decided by |`,
 * or "No flow changes." when there are none; notices last, as a quote.
 *
 * @param diff the diff
 */
export function renderDiffMarkdown(diff: FlowDiff): string {
  const { opened, closed } = countChanges(diff);
  const lines = [
    `### Network policy diff: ${opened} opened, ${closed} closed`,
    '',
    `Base \`${diff.base}\`, head \`${diff.head}\`: ${diff.checked} candidate flows decided by the flow simulator (\`netpol diff\`).`,
  ];
  if (diff.changes.length === 0) lines.push('', 'No flow changes.');
  for (const [group, changes] of groupChanges(diff.changes)) {
    lines.push('', `#### ${markdownCell(group)}`, '', '| from | to | port | before | after | decided by |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of changes) {
      lines.push(`| ${markdownCell(c.from)} | ${markdownCell(c.to)} | ${c.port}/${c.protocol} | ${c.before} | ${c.after} | ${markdownCell(decidedByText(c))} |`);
    }
  }
  if (diff.notices.length > 0) lines.push('', ...diff.notices.map((notice) => `> Note: ${markdownCell(notice)}`));
  return `${lines.join('\n')}\n`;
}

