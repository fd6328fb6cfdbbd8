import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadManifests } from '../../src/manifests/load';
import { loadTopology } from '../../src/probe/topology-file';
import { baselinePolicies } from '../../src/flows/baseline-policies';
import { buildReportModel } from '../../src/report/report-model';
import { renderReportHtml, jsonInScript, escapeHtml } from '../../src/report/render-html';
import { layoutGraph } from '../../src/report/graph-layout';

const ROOT = path.join(__dirname, '..', '..');
const HOMELAB = loadManifests(['dist/homelab'], ROOT);
const TOPOLOGY = loadTopology('platform/homelab-topology.yaml', ROOT);

describe('buildReportModel', () => {
  const model = buildReportModel(HOMELAB, { title: 'dist/homelab', topology: TOPOLOGY });

  test('lists every namespace of the cluster, grouped by profile or platform', () => {
    const groups = Object.fromEntries(model.namespaces.map((ns) => [ns.name, ns.group]));
    expect(groups).toMatchObject({
      'kube-system': 'platform',
      database: 'platform',
      'demo-standard': 'profile:standard',
      'demo-isolated': 'profile:isolated',
      'demo-internal-egress': 'profile:internal-egress',
    });
  });

  test('marks DNS and scrape as baseline edges, and gateway and shared-service flows as not', () => {
    const edge = (from: string, to: string, baseline: boolean) => model.edges.find((e) => e.from === from && e.to === to && e.baseline === baseline);
    expect(edge('demo-standard', 'kube-system', true)?.ports).toEqual(expect.arrayContaining(['53/TCP', '53/UDP']));
    expect(edge('monitoring', 'demo-standard', true)?.ports).toContain('9090/TCP');
    expect(edge('demo-standard', 'kube-system', false)).toBeUndefined();
    expect(edge('istio-gateway', 'demo-standard', false)?.ports).toContain('8080/TCP');
    expect(edge('demo-standard', 'database', false)?.ports).toContain('5432/TCP');
  });

  test('draws no edge into an isolated namespace except baseline ones', () => {
    expect(model.edges.filter((e) => e.to === 'demo-isolated' && !e.baseline)).toEqual([]);
  });

  test('in diff mode, counts and places the flows a change opens', () => {
    // GIVEN a base without the postgres access policies
    const base = HOMELAB.filter((m) => !m.object.metadata.name.startsWith('access-postgres'));
    // WHEN the report compares the homelab with it
    const diff = buildReportModel(HOMELAB, { title: 'dist/homelab', topology: TOPOLOGY, base: { label: 'base', manifests: base } });
    // THEN the flows to postgres are opened, on the edge demo-standard -> database (both are in
    // the Istio ambient mesh, so HBONE on 15008 too)
    expect(diff.diff?.opened).toBeGreaterThan(0);
    expect(diff.diff?.closed).toBe(0);
    const edge = diff.edges.find((e) => e.from === 'demo-standard' && e.to === 'database' && !e.baseline);
    expect(edge?.opened).toEqual(['5432/TCP', '15008/TCP']);
  });
});

describe('baselinePolicies', () => {
  test('names the CCNPs that select every endpoint, in the simulator\'s `by` form', () => {
    const names = [...baselinePolicies(HOMELAB)];
    expect(names).toContain('CiliumClusterwideNetworkPolicy baseline-dns');
    expect(names.some((n) => n.includes('access-postgres'))).toBe(false);
  });

  test('names NetworkPolicies present with an empty podSelector in every namespace', () => {
    const edge = loadManifests(['dist/edge'], ROOT);
    const names = [...baselinePolicies(edge)];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('NetworkPolicy '))).toBe(true);
  });
});

describe('renderReportHtml', () => {
  const model = buildReportModel(HOMELAB, { title: 'dist/homelab', topology: TOPOLOGY });

  test('is the same bytes for the same input', () => {
    expect(renderReportHtml(model, HOMELAB, { script: '/* s */' })).toBe(renderReportHtml(model, HOMELAB, { script: '/* s */' }));
  });

  test('is self-contained: no external URL is loaded', () => {
    const html = renderReportHtml(model, HOMELAB, { script: '/* s */' });
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain("default-src 'none'");
  });

  test('escapes user strings for HTML and for the embedded JSON', () => {
    const html = renderReportHtml({ ...model, title: '<img src=x onerror=alert(1)></script>' }, HOMELAB, { script: '' });
    expect(html).not.toContain('<img src=x');
    expect(jsonInScript({ a: '</script><!--' })).toBe('{"a":"\\u003c/script>\\u003c!--"}');
    expect(escapeHtml('"a" & <b>')).toBe('&quot;a&quot; &amp; &lt;b&gt;');
  });

  test('lays out every namespace inside the drawing', () => {
    const layout = layoutGraph(model);
    expect(layout.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(model.namespaces.map((ns) => ns.name)));
    for (const node of layout.nodes) {
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width / 2).toBeLessThanOrEqual(layout.width);
    }
  });
});
