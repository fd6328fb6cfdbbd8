import type { PolicyPage } from './policy-page';

/**
 * Renders a docs page as one JSON document (2-space indent, trailing newline), the page's
 * fields as they are: `{command, representative, cni, namespaces, edges, notices}`.
 *
 * @param page the page
 */
export function renderPageJson(page: PolicyPage): string {
  return `${JSON.stringify(page, null, 2)}\n`;
}
