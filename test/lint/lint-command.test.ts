import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/** A manifest file that is not valid YAML (an unclosed flow sequence on line 1). */
const BROKEN = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-broken-')), 'broken.yaml');
fs.writeFileSync(BROKEN, 'kind: [Namespace\nmetadata: {}\n');
afterAll(() => fs.rmSync(path.dirname(BROKEN), { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(process.cwd());
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('netpol lint', () => {
  test('exits 0 on clean manifests', async () => {
    expect(await run('--manifests', 'test/fixtures/lint/clean')).toEqual({ code: 0, out: 'No findings.\n', err: '' });
  });

  test('exits 1 with findings and prints them with their line', async () => {
    const { code, out } = await run('--manifests', 'test/fixtures/lint/bad/cluster.yaml');
    expect(code).toBe(1);
    expect(out).toContain('test/fixtures/lint/bad/cluster.yaml:29 error no-explicit-default-deny CiliumClusterwideNetworkPolicy deny-all spec.egressDeny[0]');
  });

  test('prints SARIF with --format sarif', async () => {
    const { code, out } = await run('--manifests', 'test/fixtures/lint/bad', '--format', 'sarif');
    expect(code).toBe(1);
    expect(JSON.parse(out).runs[0].results.length).toBeGreaterThan(5);
  });

  test('takes --platform as a comma-separated list', async () => {
    const { code, out } = await run('--manifests', 'test/fixtures/lint/clean', '--platform', 'legacy,paperless', '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.map((f: { object: string }) => f.object)).toEqual(['Namespace paperless']);
  });

  test('prints its usage with --help', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: netpol lint \[<file-or-dir>\.\.\.\] \[--manifests/);
    expect(out).toContain('no-hard-coded-ip');
  });

  test.each([
    ['no path is given', [], /--manifests is required: give the files or directories to lint, e.g. `netpol lint dist\/homelab`/],
    ['--max-warnings is not a number', ['x', '--max-warnings', 'many'], /--max-warnings "many" is not a whole number/],
    ['the format is unknown', ['--manifests', 'x', '--format', 'html'], /--format "html" is not one of text, json, markdown, sarif/],
    ['a manifest path does not exist', ['--manifests', 'test/fixtures/lint/nope'], /test\/fixtures\/lint\/nope: no such file or directory/],
    ['a flag is unknown', ['--manifest', 'x'], /Unknown option '--manifest'.*netpol lint --help/],
    ['a manifest is invalid YAML', ['--manifests', BROKEN], /broken\.yaml: document 1: invalid YAML/],
  ])('fails with exit 2 when %s', async (_name, args, message) => {
    const { code, err, out } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  test('takes paths as bare arguments, as kube-linter and eslint do', async () => {
    expect(await run('test/fixtures/lint/clean')).toEqual({ code: 0, out: 'No findings.\n', err: '' });
  });

  test('-o is --format, -q reports errors only', async () => {
    const all = JSON.parse((await run('test/fixtures/lint/bad', '-o', 'json')).out);
    const quiet = JSON.parse((await run('test/fixtures/lint/bad', '-o', 'json', '-q')).out);
    expect(all.summary.warnings).toBeGreaterThan(0);
    expect(quiet.findings.length).toBe(all.summary.errors);
    expect(quiet.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
  });
});

describe('netpol lint settings: exit status, .netpol.yaml, lint-ignore', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  /** A working directory holding the given files. */
  function workdir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-lint-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  async function runIn(dir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIo(dir);
    const code = await main(['lint', ...args], io);
    return { code, out: io.out(), err: io.err() };
  }
  // A warning only (empty-section-ignored) and an error only (no-hard-coded-ip), one object each.
  const WARNING = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: quiet, namespace: shop}\nspec:\n  endpointSelector: {}\n  egress: []\n';
  const ERROR = (annotations = '') => `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: bmc\n  namespace: shop\n${annotations}spec:\n  endpointSelector: {}\n  egress:\n    - toCIDR: [10.0.50.0/24]\n      toPorts: [{ports: [{port: "623", protocol: UDP}]}]\n`
    + '    - toEndpoints: [{matchLabels: {io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]\n      toPorts: [{ports: [{port: "53", protocol: UDP}, {port: "53", protocol: TCP}]}]\n';

  test('warnings alone exit 0; --max-warnings N fails on more than N', async () => {
    const dir = workdir({ 'p.yaml': WARNING });
    expect((await runIn(dir, 'p.yaml')).code).toBe(0);
    expect((await runIn(dir, 'p.yaml', '--max-warnings', '1')).code).toBe(0);
    const strict = await runIn(dir, 'p.yaml', '--max-warnings', '0');
    expect(strict.code).toBe(1);
    expect(strict.err).toBe('netpol lint: 1 warnings, more than --max-warnings 0.\n');
  });

  test('.netpol.yaml turns rules off, changes severities and names platform namespaces', async () => {
    // GIVEN a settings file in the working directory
    const dir = workdir({
      'p.yaml': WARNING + '---\n' + ERROR() + '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: longhorn-system, labels: {network-policy.homelab/profile: standard}}\n',
      '.netpol.yaml': 'platformNamespaces: [longhorn-system]\nrules:\n  no-hard-coded-ip: off\n  empty-section-ignored: error\n',
    });
    // WHEN linted THEN the address is not reported, the empty list is an error, longhorn-system is a platform namespace
    const { code, out } = await runIn(dir, 'p.yaml', '-o', 'json');
    expect(code).toBe(1);
    const found = JSON.parse(out).findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`);
    expect(found).toContain('empty-section-ignored error');
    expect(found).toContain('no-profile-on-platform error');
    expect(found.some((f: string) => f.startsWith('no-hard-coded-ip'))).toBe(false);
  });

  test('--config names another settings file', async () => {
    const dir = workdir({ 'p.yaml': ERROR(), 'lint.yaml': 'rules: {no-hard-coded-ip: warning}\n' });
    expect((await runIn(dir, 'p.yaml')).code).toBe(1);
    expect((await runIn(dir, 'p.yaml', '--config', 'lint.yaml')).code).toBe(0);
  });

  test.each([
    ['an unknown field', 'rule: {}\n', /^netpol lint: \.netpol\.yaml: rule: unknown field\. Did you mean "rules"\?/],
    ['an unknown rule', 'rules: {no-hardcoded-ip: off}\n', /\.netpol\.yaml: rules\.no-hardcoded-ip: unknown rule\. Did you mean "no-hard-coded-ip"\?/],
    ['a wrong setting', 'rules: {no-hard-coded-ip: info}\n', /\.netpol\.yaml: rules\.no-hard-coded-ip: "info" is not one of off, warning, error\./],
    ['a namespace that is no name', 'platformNamespaces: [Longhorn]\n', /\.netpol\.yaml: platformNamespaces\[0\]: Invalid namespace name "Longhorn"/],
    ['invalid YAML', 'rules: [\n', /\.netpol\.yaml: invalid YAML/],
  ])('fails with exit 2 on a .netpol.yaml with %s', async (_name, config, message) => {
    const { code, out, err } = await runIn(workdir({ 'p.yaml': WARNING, '.netpol.yaml': config }), 'p.yaml');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  test('a lint-ignore annotation silences one rule on one object, with its reason, and says so', async () => {
    // GIVEN the BMC subnet, which has no selector, silenced with a reason
    const dir = workdir({ 'p.yaml': ERROR('  annotations:\n    network-policy.homelab/lint-ignore: "no-hard-coded-ip: the BMC subnet, no pods there"\n') });
    // WHEN linted THEN nothing is reported, the summary counts it, SARIF marks it suppressed
    expect(await runIn(dir, 'p.yaml')).toEqual({ code: 0, out: 'No findings (1 suppressed by lint-ignore annotations).\n', err: '' });
    const sarif = JSON.parse((await runIn(dir, 'p.yaml', '-o', 'sarif')).out);
    expect(sarif.runs[0].results.map((r: { ruleId: string; suppressions: unknown }) => [r.ruleId, r.suppressions]))
      .toEqual([['no-hard-coded-ip', [{ kind: 'inSource', justification: 'the BMC subnet, no pods there' }]]]);
    const json = JSON.parse((await runIn(dir, 'p.yaml', '-o', 'json')).out);
    expect(json.summary).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
  });

  test('the issue\'s spelling netpol.homelab/lint-ignore is read the same way', async () => {
    const dir = workdir({ 'p.yaml': ERROR('  annotations:\n    netpol.homelab/lint-ignore: "no-hard-coded-ip: the BMC subnet, no pods there"\n') });
    expect(await runIn(dir, 'p.yaml')).toEqual({ code: 0, out: 'No findings (1 suppressed by lint-ignore annotations).\n', err: '' });
    const typo = await runIn(workdir({ 'p.yaml': ERROR('  annotations:\n    netpol.homelab/lint-ignore: "no-hardcoded-ip: BMC"\n') }), 'p.yaml');
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/metadata\.annotations\["netpol\.homelab\/lint-ignore"\]: unknown rule "no-hardcoded-ip"/);
  });

  test.each([
    ['no reason', '"no-hard-coded-ip"', /p\.yaml CiliumNetworkPolicy shop\/bmc: metadata\.annotations\["network-policy\.homelab\/lint-ignore"\]: "no-hard-coded-ip" is not "<rule>: <reason>"/],
    ['an unknown rule', '"no-hardcoded-ip: BMC"', /unknown rule "no-hardcoded-ip"\. Did you mean "no-hard-coded-ip"\?/],
  ])('fails with exit 2 on a lint-ignore annotation with %s', async (_name, value, message) => {
    const { code, out, err } = await runIn(workdir({ 'p.yaml': ERROR(`  annotations:\n    network-policy.homelab/lint-ignore: ${value}\n`) }), 'p.yaml');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});
