/** The report page's style sheet, inlined into every page. */
export const PAGE_STYLE = `
:root { --allow: #1a7f37; --deny: #cf222e; --some: #bf8700; --muted: #8c959f; --edge: #57606a; --bg: #ffffff; --fg: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 12px 20px 0; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 20px; margin: 0 0 4px; }
nav { display: flex; gap: 4px; margin-top: 8px; }
nav button { border: 1px solid #d0d7de; border-bottom: none; background: #f6f8fa; padding: 6px 14px; border-radius: 6px 6px 0 0; cursor: pointer; font: inherit; }
nav button[aria-selected="true"] { background: var(--bg); font-weight: 600; }
main { padding: 12px 20px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; margin-bottom: 8px; }
.legend { color: #57606a; }
.swatch { display: inline-block; width: 22px; height: 4px; vertical-align: middle; margin: 0 4px 0 10px; background: var(--edge); }
.swatch.baseline { background: repeating-linear-gradient(90deg, var(--muted) 0 4px, transparent 4px 7px); }
.swatch.opened { background: var(--allow); } .swatch.closed { background: var(--deny); } .swatch.unchanged { background: #d0d7de; }
.graph-and-details { display: flex; gap: 16px; align-items: flex-start; }
.graph { overflow: auto; max-height: 80vh; border: 1px solid #d0d7de; border-radius: 6px; flex: 1 1 auto; }
aside#details { flex: 0 0 380px; max-height: 80vh; overflow: auto; }
aside h2 { margin: 0 0 6px; font-size: 18px; } aside h3 { font-size: 14px; margin: 12px 0 4px; }
aside dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; } aside dt { color: #57606a; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 2px 6px; text-align: left; vertical-align: top; }
svg text { font: 12px system-ui, sans-serif; }
.group rect { fill: #f6f8fa; stroke: #d0d7de; } .group text { fill: #57606a; font-weight: 600; }
.node { cursor: pointer; } .node rect { fill: #ddf4ff; stroke: #0969da; } .node text { text-anchor: middle; fill: var(--fg); }
.node.outside rect { fill: #fff8c5; stroke: #9a6700; } .node.disabled rect { fill: #ffebe9; stroke: var(--deny); stroke-dasharray: 3 2; }
.node.selected rect { stroke-width: 3; }
.edge path { fill: none; stroke: var(--edge); stroke-width: 1.4; } .edge .edge-label { display: none; fill: var(--fg); text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.edge:hover path { stroke-width: 3; } .edge:hover .edge-label, .edge.related .edge-label { display: inline; }
marker path { fill: var(--edge); }
.edge.baseline { display: none; } svg.show-baseline .edge.baseline { display: inline; } .edge.baseline path { stroke: var(--muted); stroke-dasharray: 4 3; }
svg.has-selection .edge:not(.related) { opacity: 0.12; } .edge.related path { stroke-width: 2.4; }
.diff-mode .edge.unchanged { opacity: 0.25; } .edge.opened path { stroke: var(--allow); stroke-width: 2.4; } .edge.closed path { stroke: var(--deny); stroke-width: 2.4; stroke-dasharray: 6 3; }
.diff-counts .opened { color: var(--allow); font-weight: 600; } .diff-counts .closed { color: var(--deny); font-weight: 600; }
.matrix { overflow: auto; max-height: 80vh; }
table.grid td { text-align: center; min-width: 2.2em; } table.grid th.col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
table.grid td.allow { background: #dafbe1; } table.grid td.deny { background: #ffebe9; } table.grid td.some { background: #fff8c5; } table.grid td.none { color: var(--muted); }
#ask-result { margin-top: 8px; } #ask-result .verdict { font-size: 18px; font-weight: 700; }
#ask-result.allow .verdict { color: var(--allow); } #ask-result.deny .verdict { color: var(--deny); }
.side { border-left: 4px solid var(--muted); padding: 2px 10px; margin: 6px 0; } .side.allow { border-color: var(--allow); } .side.deny { border-color: var(--deny); }
.side h3 { margin: 0; font-size: 14px; }
.error { color: var(--deny); font-weight: 600; } .notice { color: #9a6700; }
table.changes tr.opened td:first-child { color: var(--allow); font-weight: 600; } table.changes tr.closed td:first-child { color: var(--deny); font-weight: 600; }
`;
