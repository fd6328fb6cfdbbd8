// The script of the report page. Bundled with the flow simulator into one IIFE (esbuild,
// `scripts/bundle-report-page.mjs`) and inlined into the page: the Ask box and the matrix run the
// same engine as `netpol probe`, in the browser, on the manifests and topology embedded in the page.
import type { Manifest } from '../../manifests/manifest';
import type { Cni, Flow, Protocol } from '../../probe/flow';
import { Simulator } from '../../probe/simulator';
import { parseTopology } from '../../probe/topology-file';
import { verdictJson, type VerdictJson } from '../../probe/verdict-json';
import type { PageData } from '../page-data';

/** What the page exposes to scripts as `window.netpolReport`. */
interface NetpolReportApi {
  /** Decides one flow: the object `netpol probe --format json` prints for it (no `expect`). */
  ask(flow: { from: string; to: string; port: number; protocol?: Protocol }): VerdictJson;
  /** Why one flow is allowed or denied, per side, as `netpol explain` words it. */
  explain(flow: { from: string; to: string; port: number; protocol?: Protocol }): { egress: string; ingress: string };
  /** Every namespace, sorted. */
  namespaces(): string[];
  /** The peers the Ask box accepts: pods (`ns/pod`), externals and entities. */
  peers(): string[];
  /** The diff's counts, when the page compares with a base. */
  diff(): { opened: number; closed: number } | undefined;
}

declare global {
  interface Window {
    netpolReport: NetpolReportApi;
  }
}

const ENTITIES = ['world', 'health', 'host', 'remote-node', 'kube-apiserver', 'ingress'];

function readData(): PageData {
  const element = document.getElementById('netpol-data');
  if (element === null) throw new Error('the report page has no #netpol-data');
  return JSON.parse(element.textContent ?? '') as PageData;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the report page has no #${id}`);
  return node as T;
}

function start(): void {
  const data = readData();
  const simulator = Simulator.build(data.manifests as Manifest[], parseTopology(data.topology, 'the report\'s topology'), { cni: data.cni as Cni });
  const peers = [
    ...simulator.pods(),
    ...Object.keys(data.topology.externals ?? {}).sort().map((e) => `external:${e}`),
    ...ENTITIES.map((e) => `entity:${e}`),
  ];
  const flowOf = (f: { from: string; to: string; port: number; protocol?: Protocol }): Flow => ({ from: f.from, to: f.to, port: Number(f.port), protocol: f.protocol ?? 'TCP' });
  window.netpolReport = {
    ask: (f) => verdictJson(simulator.evaluate(flowOf(f))),
    explain: (f) => {
      const { egress, ingress } = simulator.explain(flowOf(f));
      return { egress, ingress };
    },
    namespaces: () => data.model.namespaces.map((ns) => ns.name),
    peers: () => [...peers],
    diff: () => (data.model.diff === undefined ? undefined : { opened: data.model.diff.opened, closed: data.model.diff.closed }),
  };
  setUpTabs();
  setUpGraph(data);
  setUpAsk(data, peers);
  setUpMatrix(data, simulator);
  document.body.dataset.ready = 'true';
}

function setUpTabs(): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('nav button[data-tab]')];
  for (const button of buttons) {
    button.addEventListener('click', () => {
      for (const b of buttons) {
        const active = b === button;
        b.setAttribute('aria-selected', String(active));
        byId(`tab-${b.dataset.tab}`).hidden = !active;
      }
    });
  }
}

function setUpGraph(data: PageData): void {
  const svg = byId('graph').querySelector('svg');
  const toggle = byId<HTMLInputElement>('show-baseline');
  const panel = byId('details');
  toggle.addEventListener('change', () => svg?.classList.toggle('show-baseline', toggle.checked));
  const namespaces = new Map(data.model.namespaces.map((ns) => [ns.name, ns]));
  let selected: string | undefined;
  const select = (id: string | undefined): void => {
    selected = selected === id ? undefined : id;
    svg?.classList.toggle('has-selection', selected !== undefined);
    for (const node of svg?.querySelectorAll<SVGGElement>('g.node') ?? []) node.classList.toggle('selected', node.dataset.id === selected);
    for (const edge of svg?.querySelectorAll<SVGGElement>('g.edge') ?? []) {
      edge.classList.toggle('related', selected !== undefined && (edge.dataset.from === selected || edge.dataset.to === selected));
    }
    panel.replaceChildren(...(selected === undefined ? [el('p', {}, 'Click a namespace to see its profile, access labels and flows.')] : details(selected, namespaces.get(selected))));
  };
  for (const node of svg?.querySelectorAll<SVGGElement>('g.node') ?? []) {
    node.addEventListener('click', () => select(node.dataset.id));
  }
  const list = byId<HTMLSelectElement>('namespace-select');
  list.addEventListener('change', () => {
    if (list.value !== '') select(list.value);
  });
}

function details(id: string, ns: PageData['model']['namespaces'][number] | undefined): Node[] {
  if (ns === undefined) return [el('h2', {}, id), el('p', {}, 'A peer outside the cluster.')];
  const facts = el('dl', {},
    el('dt', {}, 'group'), el('dd', {}, ns.group),
    el('dt', {}, 'profile'), el('dd', {}, ns.profile ?? '(none)'),
    el('dt', {}, 'access labels'), el('dd', {}, ns.access.length > 0 ? ns.access.join(', ') : '(none)'),
    el('dt', {}, 'enforcement'), el('dd', {}, ns.enforcementDisabled ? 'DISABLED (escape hatch)' : 'enforced'),
    el('dt', {}, 'pods'), el('dd', {}, ns.pods.join(', ') || '(none)'));
  const table = (title: string, rows: readonly { local: string; peer: string; ports: string }[], peerHeader: string): Node[] => [
    el('h3', {}, title),
    rows.length === 0 ? el('p', {}, 'none') : el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'pods'), el('th', {}, peerHeader), el('th', {}, 'ports'))),
      el('tbody', {}, ...rows.map((r) => el('tr', {}, el('td', {}, r.local), el('td', {}, r.peer), el('td', {}, r.ports))))),
  ];
  return [el('h2', {}, id), facts, ...table('Ingress sources', ns.ingress, 'from'), ...table('Egress destinations', ns.egress, 'to')];
}

function setUpAsk(data: PageData, peers: readonly string[]): void {
  const list = byId<HTMLDataListElement>('peers');
  list.replaceChildren(...peers.map((p) => el('option', { value: p })));
  const form = byId<HTMLFormElement>('ask-form');
  const result = byId('ask-result');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const flow = {
      from: String(fields.get('from') ?? '').trim(),
      to: String(fields.get('to') ?? '').trim(),
      port: Number(fields.get('port')),
      protocol: String(fields.get('protocol') ?? 'TCP') as Protocol,
    };
    try {
      const verdict = window.netpolReport.ask(flow);
      const why = window.netpolReport.explain(flow);
      result.className = verdict.verdict;
      result.replaceChildren(
        el('p', { class: 'verdict' }, `${flow.from} → ${flow.to} ${verdict.port}/${verdict.protocol}: ${verdict.verdict === 'allow' ? 'ALLOWED' : 'DENIED'}`),
        side('egress of the source', verdict.egress, why.egress),
        side('ingress of the destination', verdict.ingress, why.ingress),
        ...(verdict.notices ?? []).map((n) => el('p', { class: 'notice' }, `note: ${n}`)),
      );
    } catch (error) {
      result.className = 'error';
      result.replaceChildren(el('p', {}, (error as Error).message));
    }
  });
  void data;
}

function side(title: string, verdict: VerdictJson['egress'], explanation: string): Node {
  return el('div', { class: `side ${verdict.verdict}` },
    el('h3', {}, `${title}: ${verdict.verdict}`),
    el('p', {}, explanation),
    el('ul', {}, ...verdict.by.map((p) => el('li', {}, p))));
}

function setUpMatrix(data: PageData, simulator: Simulator): void {
  const form = byId<HTMLFormElement>('matrix-form');
  const out = byId('matrix');
  const scope = byId<HTMLSelectElement>('matrix-scope');
  const draw = (): void => {
    const fields = new FormData(form);
    const port = Number(fields.get('port'));
    const protocol = String(fields.get('protocol') ?? 'TCP') as Protocol;
    let table;
    try {
      table = simulator.reachability(port, protocol);
    } catch (error) {
      out.replaceChildren(el('p', { class: 'error' }, (error as Error).message));
      return;
    }
    const index = new Map(table.pods.map((p, i) => [p, i]));
    const allowed = (from: string, to: string): boolean => table.rows[index.get(from)!][index.get(to)!] === '.';
    const nsOf = (pod: string): string => pod.slice(0, pod.indexOf('/'));
    const chosen = scope.value;
    if (chosen === '') {
      const names = data.model.namespaces.map((ns) => ns.name).filter((ns) => table.pods.some((p) => nsOf(p) === ns));
      const podsOf = new Map(names.map((ns) => [ns, table.pods.filter((p) => nsOf(p) === ns)]));
      out.replaceChildren(grid(names, names, (a, b) => {
        let yes = 0;
        let all = 0;
        for (const from of podsOf.get(a)!) {
          for (const to of podsOf.get(b)!) {
            if (from === to) continue;
            all += 1;
            if (allowed(from, to)) yes += 1;
          }
        }
        if (all === 0) return ['n/a', 'none'];
        return [`${yes}/${all}`, yes === all ? 'allow' : yes === 0 ? 'deny' : 'some'];
      }, `${port}/${protocol}, namespace to namespace: allowed pod pairs / pod pairs`));
    } else {
      const rows = table.pods.filter((p) => nsOf(p) === chosen);
      out.replaceChildren(grid(rows, table.pods, (a, b) => (a === b ? ['-', 'none'] : allowed(a, b) ? ['.', 'allow'] : ['X', 'deny']),
        `${port}/${protocol}, pods of ${chosen} (rows) to every pod (columns)`));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    draw();
  });
  scope.addEventListener('change', draw);
  draw();
}

function grid(rows: readonly string[], columns: readonly string[], cell: (row: string, column: string) => [string, string], caption: string): HTMLTableElement {
  return el('table', { class: 'grid' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', {}, 'from \\ to'), ...columns.map((c) => el('th', { class: 'col' }, el('span', {}, c))))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, el('th', {}, r), ...columns.map((c) => {
      const [text, verdict] = cell(r, c);
      return el('td', { class: verdict, title: `${r} → ${c}: ${verdict}` }, text);
    })))));
}

try {
  start();
} catch (error) {
  const message = document.getElementById('load-error');
  if (message !== null) {
    message.hidden = false;
    message.textContent = `The report could not start: ${(error as Error).message}`;
  }
  throw error;
}
