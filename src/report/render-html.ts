import type { Manifest } from '../manifests/manifest';
import { formatFlow, decidedByText } from '../diff/flow-change';
import { layoutGraph, type GraphLayout } from './graph-layout';
import { pageData } from './page-data';
import { readPageScript } from './page-script';
import type { ReportEdge, ReportModel } from './report-model';
import { PAGE_STYLE } from './page-style';

/** Options of `renderReportHtml`. */
export interface RenderReportOptions {
  /**
   * The page script (the bundled engine and UI).
   *
   * @default - the bundle built by `npm run build` (see `readPageScript`)
   */
  readonly script?: string;
}

/**
 * Writes the report as one self-contained HTML page: inline style, inline script (the flow
 * simulator bundled with the page's UI), the data as inline JSON, the graph as inline SVG laid
 * out at build time. No server, no CDN, no network: it opens from disk and as a CI artifact.
 * The same model gives the same bytes.
 *
 * @param model the report model
 * @param manifests the manifests the page's engine decides on (after the change, in diff mode)
 * @param options the page script
 */
export function renderReportHtml(model: ReportModel, manifests: readonly Manifest[], options: RenderReportOptions = {}): string {
  const layout = layoutGraph(model);
  const script = options.script ?? readPageScript();
  const { diff } = model;
  const counts = diff === undefined ? '' : `<p class="diff-counts" id="diff-counts">Compared with <code>${escapeHtml(diff.base)}</code>: <span class="opened">${plural(diff.opened, 'flow')} opened</span>, <span class="closed">${diff.closed} closed</span>.</p>`;
  const namespaceOptions = model.namespaces.map((ns) => `<option value="${escapeHtml(ns.name)}">${escapeHtml(ns.name)}</option>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`netpol report: ${model.title}`)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body class="${diff === undefined ? '' : 'diff-mode'}">
<header>
<h1>Network policy report: <code>${escapeHtml(model.title)}</code></h1>
<p>${model.namespaces.length} namespaces, enforcer <code>${escapeHtml(model.cni)}</code>${model.representative ? ', representative pods built from the manifests (no topology given)' : ''}. Every verdict comes from the flow simulator of <code>netpol probe</code>, running in this page.</p>
${counts}
<p id="load-error" class="error" hidden></p>
<nav role="tablist">
<button type="button" data-tab="graph" aria-selected="true">Graph</button>
<button type="button" data-tab="matrix" aria-selected="false">Matrix</button>
<button type="button" data-tab="ask" aria-selected="false">Ask</button>
${diff === undefined ? '' : '<button type="button" data-tab="changes" aria-selected="false">Changes</button>'}
</nav>
</header>
<main>
<section id="tab-graph">
<div class="toolbar">
<label><input type="checkbox" id="show-baseline"> show baseline flows</label>
<label>namespace <select id="namespace-select"><option value="">(pick one)</option>${namespaceOptions}</select></label>
</div>
${legend(model)}
<div class="graph-and-details">
<div id="graph" class="graph">${renderSvg(model, layout)}</div>
<aside id="details"><p>Click a namespace to see its profile, access labels and flows.</p></aside>
</div>
</section>
<section id="tab-matrix" hidden>
<form id="matrix-form" class="toolbar">
<label>port <input name="port" type="number" min="1" max="65535" value="${defaultMatrixPort(model)}" required></label>
<label>protocol <select name="protocol"><option>TCP</option><option>UDP</option><option>SCTP</option></select></label>
<label>show <select id="matrix-scope" name="scope"><option value="">namespace x namespace</option>${namespaceOptions.replace(/<option value="([^"]*)">/g, '<option value="$1">pods of ')}</select></label>
<button type="submit">Show</button>
</form>
<div id="matrix" class="matrix"></div>
</section>
<section id="tab-ask" hidden>
<form id="ask-form" class="toolbar">
<label>from <input name="from" list="peers" required placeholder="ns/pod"></label>
<label>to <input name="to" list="peers" required placeholder="ns/pod"></label>
<label>port <input name="port" type="number" min="1" max="65535" required></label>
<label>protocol <select name="protocol"><option>TCP</option><option>UDP</option><option>SCTP</option></select></label>
<button type="submit">Ask</button>
</form>
<datalist id="peers"></datalist>
<div id="ask-result"></div>
</section>
${diff === undefined ? '' : changesSection(model)}
</main>
<script id="netpol-data" type="application/json">${jsonInScript(pageData(model, manifests))}</script>
<script>${scriptText(script)}</script>
</body>
</html>
`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function legend(model: ReportModel): string {
  const baseline = model.edges.filter((e) => e.baseline);
  const summary = [...new Set(baseline.flatMap((e) => e.ports))].sort().join(', ');
  return `<p class="legend"><span class="swatch flow"></span> allowed flow (hover for ports) `
    + `<span class="swatch baseline"></span> baseline flow: ${baseline.length} edges hidden until shown${summary === '' ? '' : ` (${escapeHtml(summary)})`}`
    + (model.diff === undefined ? '' : ' <span class="swatch opened"></span> opened <span class="swatch closed"></span> closed <span class="swatch unchanged"></span> unchanged')
    + '</p>';
}

function renderSvg(model: ReportModel, layout: GraphLayout): string {
  const groups = layout.groups.map((g) => `<g class="group"><rect x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" rx="6"></rect><text x="${g.x + 8}" y="${g.y + 14}">${escapeHtml(g.id)}</text></g>`);
  const edges = layout.edges.map(({ index, points }) => {
    const edge = model.edges[index];
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
    const middle = points[Math.floor(points.length / 2)];
    const label = edgeLabel(edge);
    return `<g class="${edgeClasses(edge, model.diff !== undefined)}" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}">`
      + `<title>${escapeHtml(`${edge.from} → ${edge.to}: ${label}`)}</title>`
      + `<path d="${d}" marker-end="url(#arrow)"></path>`
      + `<text class="edge-label" x="${middle.x}" y="${middle.y - 4}">${escapeHtml(label)}</text></g>`;
  });
  const nodes = layout.nodes.map((n) => {
    const ns = model.namespaces.find((x) => x.name === n.id);
    const classes = ['node', ns?.enforcementDisabled ? 'disabled' : '', n.group === 'outside' ? 'outside' : ''].filter(Boolean).join(' ');
    return `<g class="${classes}" data-id="${escapeHtml(n.id)}" tabindex="0"><rect x="${n.x - n.width / 2}" y="${n.y - n.height / 2}" width="${n.width}" height="${n.height}" rx="4"></rect>`
      + `<text x="${n.x}" y="${n.y + 4}">${escapeHtml(n.id)}</text></g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="allowed namespace-to-namespace flows">`
    + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path></marker></defs>'
    + `${groups.join('')}${edges.join('')}${nodes.join('')}</svg>`;
}

function edgeLabel(edge: ReportEdge): string {
  const parts = [edge.ports.length > 0 ? edge.ports.join(', ') : 'nothing allowed now'];
  if (edge.opened.length > 0) parts.push(`opened: ${edge.opened.join(', ')}`);
  if (edge.closed.length > 0) parts.push(`closed: ${edge.closed.join(', ')}`);
  return parts.join('; ');
}

function edgeClasses(edge: ReportEdge, diffMode: boolean): string {
  const classes = ['edge'];
  if (edge.baseline) classes.push('baseline');
  if (diffMode) {
    if (edge.opened.length > 0) classes.push('opened');
    if (edge.closed.length > 0) classes.push('closed');
    if (edge.opened.length === 0 && edge.closed.length === 0) classes.push('unchanged');
  }
  return classes.join(' ');
}

function changesSection(model: ReportModel): string {
  const diff = model.diff!;
  const rows = diff.changes.map((c) => `<tr class="${c.change}"><td>${c.change}</td><td>${escapeHtml(formatFlow(c))}</td><td>${escapeHtml(decidedByText(c))}</td></tr>`);
  const more = diff.opened + diff.closed - diff.changes.length;
  return `<section id="tab-changes" hidden>
<table class="changes"><thead><tr><th>change</th><th>flow</th><th>decided by</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${more > 0 ? `<p>${more} more changed flows: run <code>netpol diff --format json</code> for all of them.</p>` : ''}
</section>`;
}

/** The Matrix tab's first port: the first port an edge allows, else 443. */
function defaultMatrixPort(model: ReportModel): number {
  for (const edge of model.edges) {
    if (edge.baseline) continue;
    const match = /^(\d+)\/TCP$/.exec(edge.ports[0] ?? '');
    if (match) return Number(match[1]);
  }
  return 443;
}

/**
 * Escapes text for HTML element content and double-quoted attribute values.
 *
 * @param text the text
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Writes a value as JSON that is safe inside a `<script>` element: every `<` is escaped, so
 * neither `</script` nor `<!--` can appear (the HTML parser ends a script at `</script`,
 * whatever the JSON means), nor can U+2028/U+2029.
 *
 * @param value the value
 */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Makes JavaScript safe inside a `<script>` element: `</script` cannot appear (esbuild already
 * writes it escaped in strings; this keeps that true of any script).
 *
 * @param text the script
 */
export function scriptText(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1');
}
