import { compareText } from '../model/compare';
import { markdownCode, markdownText, mermaidId, mermaidText } from './escape';
import type { NamespaceEdge, PolicyPage } from './policy-page';

/**
 * Renders the allowed namespace-to-namespace flows as a Mermaid `flowchart LR`: one node per
 * namespace, inside a subgraph per group (platform namespaces, then one per profile, then those
 * without a profile), and one edge per allowed source/destination pair (sorted), labelled with
 * the ports. Baseline flows (DNS, scrape, health: `NamespaceEdge.baseline`) reach nearly every
 * namespace and would bury the rest, so they are left out of the diagram and summed up in the
 * legend under it (`renderBaselineLegend`). Node ids are the namespace names with `-` turned into
 * `_` (`mermaidId`); labels are escaped (`mermaidText`), so no name can add a line to the diagram.
 *
 * @param page the page
 */
export function renderMermaid(page: PolicyPage): string {
  const id = mermaidId;
  const groups = new Map<string, string[]>();
  for (const ns of page.namespaces) {
    const group = ns.platform ? 'platform' : ns.profile === undefined ? 'no profile' : `profile: ${ns.profile}`;
    groups.set(group, [...(groups.get(group) ?? []), ns.name]);
  }
  const order = (group: string): number => (group === 'platform' ? 0 : group === 'no profile' ? 2 : 1);
  const lines = ['```mermaid', 'flowchart LR'];
  [...groups.keys()].sort((a, b) => order(a) - order(b) || compareText(a, b)).forEach((group, i) => {
    lines.push(`  subgraph group_${i}["${mermaidText(group)}"]`);
    for (const ns of groups.get(group)!) lines.push(`    ${id(ns)}["${mermaidText(ns)}"]`);
    lines.push('  end');
  });
  lines.push(...page.edges.filter((e) => !e.baseline).map((e) => `  ${id(e.from)} -->|"${mermaidText(e.ports)}"| ${id(e.to)}`), '```');
  return lines.join('\n');
}

/**
 * The legend of the diagram: the baseline flows it leaves out, grouped so that a flow every
 * namespace has (DNS to kube-system, Prometheus scraping every namespace) takes one line:
 * the largest group of edges sharing a destination (or a source) and ports first.
 *
 * @param page the page
 * @returns Markdown list lines; none when there are no baseline flows
 */
export function renderBaselineLegend(page: PolicyPage): string[] {
  let left: NamespaceEdge[] = page.edges.filter((e) => e.baseline);
  if (left.length === 0) return [];
  const lines: string[] = [];
  while (left.length > 0) {
    const byTo = groupBy(left, (e) => `${e.to}\n${e.ports}`);
    const byFrom = groupBy(left, (e) => `${e.from}\n${e.ports}`);
    const [bestTo] = [...byTo.values()].sort((a, b) => b.length - a.length || compareText(a[0].to, b[0].to));
    const [bestFrom] = [...byFrom.values()].sort((a, b) => b.length - a.length || compareText(a[0].from, b[0].from));
    const intoOne = bestTo.length >= bestFrom.length;
    const taken = intoOne ? bestTo : bestFrom;
    const many = taken.map((e) => (intoOne ? e.from : e.to)).sort(compareText);
    // Up to eight names are listed; more are counted (each namespace's own tables list them all).
    const others = many.length === 1 ? markdownCode(many[0]) : `${many.length} namespaces${many.length <= 8 ? ` (${many.map(markdownText).join(', ')})` : ''}`;
    lines.push(intoOne
      ? `- ${others} → ${markdownCode(taken[0].to)}: ${markdownText(taken[0].ports)}`
      : `- ${markdownCode(taken[0].from)} → ${others}: ${markdownText(taken[0].ports)}`);
    const gone = new Set(taken);
    left = left.filter((e) => !gone.has(e));
  }
  return [
    'Baseline flows, left out of the diagram (a policy that selects every endpoint allows them on one side: DNS, scrape, health):',
    '',
    ...lines,
  ];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
