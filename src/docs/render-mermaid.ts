import { mermaidId, mermaidText } from './escape';
import type { PolicyPage } from './policy-page';

/**
 * Renders the allowed namespace-to-namespace flows as a Mermaid `flowchart LR`: one node per
 * namespace (sorted), one edge per allowed source/destination pair (sorted), labelled with the
 * ports. Node ids are the namespace names with `-` turned into `_` (`mermaidId`); labels are
 * escaped (`mermaidText`), so no name can add a line to the diagram.
 *
 * @param page the page
 */
export function renderMermaid(page: PolicyPage): string {
  const id = mermaidId;
  return [
    '```mermaid',
    'flowchart LR',
    ...page.namespaces.map((ns) => `  ${id(ns.name)}["${mermaidText(ns.name)}"]`),
    ...page.edges.map((e) => `  ${id(e.from)} -->|"${mermaidText(e.ports)}"| ${id(e.to)}`),
    '```',
  ].join('\n');
}
