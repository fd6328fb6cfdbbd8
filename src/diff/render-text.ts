import { countChanges, decidedByText, formatFlow, groupChanges, type FlowDiff } from './flow-change';

/**
 * Renders a diff for a terminal: a headline, then per source group one line per changed
 * flow, `+` opened and `-` closed, with the policies that decide it; then the notices.
 *
 * @param diff the diff
 */
export function renderDiffText(diff: FlowDiff): string {
  const { opened, closed } = countChanges(diff);
  const lines = [diff.changes.length === 0
    ? `netpol diff ${diff.base} -> ${diff.head}: no flow changes (${diff.checked} candidate flows checked).`
    : `netpol diff ${diff.base} -> ${diff.head}: ${plural(opened, 'flow')} opened, ${closed} closed (${diff.checked} candidate flows checked).`];
  for (const [group, changes] of groupChanges(diff.changes)) {
    lines.push('', group);
    for (const change of changes) {
      lines.push(`  ${change.change === 'opened' ? '+' : '-'} ${formatFlow(change)}  ${change.change} by ${decidedByText(change)}`);
    }
  }
  if (diff.notices.length > 0) lines.push('', ...diff.notices.map((notice) => `note: ${notice}`));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
