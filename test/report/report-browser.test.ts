import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { main } from '../../src/cli/main';
import { captureIo } from '../../src/cli/io';

// The report page in a real browser: Debian's chromium driven by playwright-core (no browser
// download). CI installs chromium (.ci/run); elsewhere the test is skipped when no chromium is
// found, unless CI is set, where a missing browser fails the test instead of hiding it.
const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = [process.env.NETPOL_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p !== undefined && fs.existsSync(p));
const SCREENSHOTS = path.join(ROOT, 'test-output');
const TOPOLOGY = 'platform/homelab-topology.yaml';

if (CHROMIUM === undefined && process.env.CI) {
  test('fails when CI has no chromium', () => {
    throw new Error('no chromium: install it (apt-get install -y chromium) or set NETPOL_CHROMIUM');
  });
}

describe.skipIf(CHROMIUM === undefined)('netpol report in a real browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-report-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function report(...args: string[]): Promise<string> {
    const out = path.join(dir, `report-${args.length}.html`);
    const io = captureIo(ROOT);
    const code = await main(['report', '--manifests', 'dist/homelab', '--topology', TOPOLOGY, '--out', out, ...args], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    return out;
  }

  async function open(file: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => { if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) errors.push(`network request: ${request.url()}`); });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    return { page, errors };
  }

  async function ask(page: Page, from: string, to: string, port: number): Promise<string> {
    await page.click('nav button[data-tab="ask"]');
    await page.fill('#ask-form input[name="from"]', from);
    await page.fill('#ask-form input[name="to"]', to);
    await page.fill('#ask-form input[name="port"]', String(port));
    await page.click('#ask-form button[type="submit"]');
    return page.textContent('#ask-result .verdict') as Promise<string>;
  }

  test('loads without console errors, shows every namespace and answers known flows through the Ask box', async () => {
    // GIVEN the homelab's report
    const { page, errors } = await open(await report());
    // THEN every namespace is a node of the graph
    const nodes = await page.$$eval('svg g.node', (gs) => gs.map((g) => g.getAttribute('data-id')));
    const namespaces = await page.evaluate(() => (globalThis as unknown as ReportWindow).netpolReport.namespaces());
    expect(namespaces).toContain('demo-standard');
    expect(nodes).toEqual(expect.arrayContaining(namespaces));
    // WHEN three known flows are asked through the Ask box
    expect(await ask(page, 'demo-standard/app', 'database/postgres', 5432)).toMatch(/ALLOWED/);
    expect(await ask(page, 'istio-gateway/internal', 'demo-internal/app', 8080)).toMatch(/ALLOWED/);
    expect(await ask(page, 'demo-isolated/app', 'database/postgres', 5432)).toMatch(/DENIED/);
    // THEN the script API gives the verdict object netpol probe prints for the same flow
    const answer = await page.evaluate(() => (globalThis as unknown as ReportWindow).netpolReport.ask({ from: 'demo-isolated/app', to: 'database/postgres', port: 5432, protocol: 'TCP' }));
    const io = captureIo(ROOT);
    const probes = path.join(dir, 'probe.yaml');
    fs.writeFileSync(probes, 'probes:\n  - {from: demo-isolated/app, to: database/postgres, port: 5432}\n');
    await main(['probe', '--manifests', 'dist/homelab', '--topology', TOPOLOGY, '--probes', probes, '--format', 'json'], io);
    expect(answer).toEqual(JSON.parse(io.out()));
    // AND the matrix draws a namespace grid
    await page.click('nav button[data-tab="matrix"]');
    expect(await page.$$eval('#matrix table.grid tbody tr', (rows) => rows.length)).toBe(namespaces.length);
    await page.click('nav button[data-tab="graph"]');
    await page.click('svg g.node[data-id="demo-standard"]');
    expect(await page.textContent('#details')).toMatch(/standard/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  test('a diff report colours a flow the change opened', async () => {
    // GIVEN a base without the postgres access policies
    const base = path.join(dir, 'base');
    fs.mkdirSync(base);
    for (const file of fs.readdirSync(path.join(ROOT, 'dist/homelab'))) {
      const text = fs.readFileSync(path.join(ROOT, 'dist/homelab', file), 'utf8');
      fs.writeFileSync(path.join(base, file), text.split(/^---$/m).filter((doc) => !/name: access-postgres/.test(doc)).join('---'));
    }
    // WHEN the report compares the homelab with it
    const { page, errors } = await open(await report('--base', base));
    // THEN the edge demo-standard -> database is drawn as opened, in green
    const stroke = await page.$eval('svg g.edge.opened[data-from="demo-standard"][data-to="database"] path', (p) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(p).stroke);
    expect(stroke).toBe('rgb(26, 127, 55)');
    expect(await page.textContent('#diff-counts')).toMatch(/[1-9]\d* flows? opened, 0 closed/);
    expect(await page.evaluate(() => (globalThis as unknown as ReportWindow).netpolReport.diff()?.opened)).toBeGreaterThan(0);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-diff.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

/** The page's global object, as the page's script sets it up (this file compiles without the DOM library). */
interface ReportWindow {
  netpolReport: {
    ask(flow: { from: string; to: string; port: number; protocol?: string }): unknown;
    namespaces(): string[];
    diff(): { opened: number; closed: number } | undefined;
  };
}

