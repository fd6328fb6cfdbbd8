import { countChanges, type FlowDiff } from './flow-change';

/**
 * Renders a diff as one JSON document (2-space indent, trailing newline):
 * `{base, head, opened, closed, checked, changes: [...], notices}`.
 *
 * @param diff the diff
 */
export function renderDiffJson(diff: FlowDiff): string {
  const { opened, closed } = countChanges(diff);
  const changes = diff.changes.map((c) => ({
    group: c.group, from: c.from, to: c.to, port: c.port, protocol: c.protocol,
    change: c.change, sides: c.sides, before: c.before, after: c.after, decidedBy: c.decidedBy,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
  }));
  const document = { base: diff.base, head: diff.head, opened, closed, checked: diff.checked, changes, notices: diff.notices };
  return `${JSON.stringify(document, null, 2)}\n`;
}
