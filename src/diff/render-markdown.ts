import { markdownCell } from '../cli/markdown-cell';
import { compareText } from '../model/compare';
import { changeCause, countChanges, decidedByText, groupChanges, peerGroup, type FlowChange, type FlowDiff } from './flow-change';

/**
 * The most characters a diff comment has: GitHub refuses comments over 65,536, and the rest is
 * left for what a CI job adds around it.
 */
export const COMMENT_LIMIT = 60_000;

/** How many rows each summary table shows before "N more rows". */
const SUMMARY_ROWS = 25;

/** Options of `renderDiffMarkdown`. */
export interface DiffMarkdownOptions {
  /**
   * The most characters of the comment; changed flows past it are counted, not listed.
   *
   * @default COMMENT_LIMIT
   */
  readonly limit?: number;
}

/**
 * Renders a diff as a pull-request comment: a headline with the counts, a summary (opened and
 * closed flows by cause, i.e. whose policies changed, then by namespace pair and port), then
 * every changed flow in a collapsed `<details>` block per source group, and the notices. The
 * comment stays under `limit` characters: flows that do not fit are counted ("N more in the
 * JSON output"), never cut in the middle of a table.
 *
 * @param diff the diff
 * @param options the size limit
 */
export function renderDiffMarkdown(diff: FlowDiff, options: DiffMarkdownOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const { opened, closed } = countChanges(diff);
  const head = [
    `### Network policy diff: ${opened} opened, ${closed} closed`,
    '',
    `Base \`${markdownCell(diff.base)}\`, head \`${markdownCell(diff.head)}\`: ${diff.checked} candidate flows decided by the flow simulator (\`netpol diff\`).`,
  ];
  if (diff.changes.length === 0) head.push('', 'No flow changes.');
  else head.push(...summary(diff.changes));
  const tail = diff.notices.length === 0 ? [] : ['', ...diff.notices.map((notice) => `> Note: ${markdownCell(notice)}`)];
  const details = detailBlocks(diff.changes, limit - length(head) - length(tail) - 200);
  return `${[...head, ...details, ...tail].join('\n')}\n`;
}

function summary(changes: readonly FlowChange[]): string[] {
  const byCause = count(changes, (c) => [changeCause(c)]);
  const byPair = count(changes, (c) => [peerGroup(c.from), peerGroup(c.to), `${c.port}/${c.protocol}`]);
  return [
    '',
    '#### By cause (whose policies changed)',
    '',
    '| cause | opened | closed |',
    '| --- | --- | --- |',
    ...rows(byCause, ([cause], o, c) => `| ${markdownCell(cause)} | ${o} | ${c} |`),
    '',
    '#### By namespace pair and port',
    '',
    '| from | to | port | opened | closed |',
    '| --- | --- | --- | --- | --- |',
    ...rows(byPair, ([from, to, port], o, c) => `| ${markdownCell(from)} | ${markdownCell(to)} | ${port} | ${o} | ${c} |`),
  ];
}

/** Opened and closed counts per key, the largest first. */
function count(changes: readonly FlowChange[], key: (change: FlowChange) => string[]): { key: string[]; opened: number; closed: number }[] {
  const counts = new Map<string, { key: string[]; opened: number; closed: number }>();
  for (const change of changes) {
    const parts = key(change);
    const id = JSON.stringify(parts);
    const entry = counts.get(id) ?? { key: parts, opened: 0, closed: 0 };
    counts.set(id, entry);
    if (change.change === 'opened') entry.opened++;
    else entry.closed++;
  }
  return [...counts.values()].sort((a, b) => (b.opened + b.closed) - (a.opened + a.closed) || compareText(a.key.join(' '), b.key.join(' ')));
}

function rows(entries: ReturnType<typeof count>, row: (key: string[], opened: number, closed: number) => string): string[] {
  const shown = entries.slice(0, SUMMARY_ROWS).map((e) => row(e.key, e.opened, e.closed));
  if (entries.length > SUMMARY_ROWS) shown.push(`| ... ${entries.length - SUMMARY_ROWS} more rows in the JSON output (\`--format json\`) | | |`);
  return shown;
}

/** One collapsed block per source group, as many flows as fit in `budget` characters. */
function detailBlocks(changes: readonly FlowChange[], budget: number): string[] {
  const lines: string[] = [];
  if (changes.length === 0) return lines;
  lines.push('', '#### Changed flows');
  let used = length(lines);
  let listed = 0;
  for (const [group, list] of groupChanges(changes)) {
    const opened = list.filter((c) => c.change === 'opened').length;
    const closed = list.length - opened;
    const open = ['', `<details><summary><code>${html(group)}</code>: ${opened} opened, ${closed} closed</summary>`, '',
      '| from | to | port | before | after | decided by |', '| --- | --- | --- | --- | --- | --- |'];
    const close = ['', '</details>'];
    const block: string[] = [];
    let size = length(open) + length(close);
    for (const c of list) {
      const row = `| ${markdownCell(c.from)} | ${markdownCell(c.to)} | ${c.port}/${c.protocol} | ${c.before} | ${c.after} | ${markdownCell(decidedByText(c))} |`;
      if (used + size + row.length + 1 > budget) break;
      block.push(row);
      size += row.length + 1;
    }
    if (block.length === 0) break;
    lines.push(...open, ...block, ...close);
    used += size;
    listed += block.length;
    if (block.length < list.length) break;
  }
  if (listed < changes.length) {
    lines.push('', `**${changes.length - listed} more in the JSON output**: this comment lists ${listed} of ${changes.length} changed flows; run \`netpol diff\` with \`--format json\` for all of them.`);
  }
  return lines;
}

/** The length of lines joined by newlines, plus the newline before them. */
function length(lines: readonly string[]): number {
  return lines.reduce((n, line) => n + line.length + 1, 0);
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
