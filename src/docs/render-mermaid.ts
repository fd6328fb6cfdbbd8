import type { PolicyPage } from './policy-page';

/**
 * Renders the allowed namespace-to-namespace flows as a Mermaid `flowchart LR`: one node per
 * namespace (sorted), one edge per allowed source/destination pair (sorted), labelled with the
 * ports. Node ids are the namespace names with `-` turned into `_` (namespace names have no `_`).
 *
 * @param page the page
 */
export function renderMermaid(page: PolicyPage): string {
  const id = (ns: string) => `ns_${ns.replace(/-/g, '_')}`;
  return [
    '```mermaid',
    'flowchart LR',
    ...page.namespaces.map((ns) => `  ${id(ns.name)}["${ns.name}"]`),
    ...page.edges.map((e) => `  ${id(e.from)} -->|"${e.ports}"| ${id(e.to)}`),
    '```',
  ].join('\n');
}
