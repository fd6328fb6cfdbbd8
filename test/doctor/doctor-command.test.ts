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

const MANIFESTS = ['--manifests', 'test/fixtures/lint/clean', '--manifests', 'test/fixtures/hubble/manifests.yaml'];
const FLOWS = 'test/fixtures/hubble/observe.json';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(process.cwd(), stdin);
  const code = await main(['doctor', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('netpol doctor', () => {
  test('prints fixes grouped by change and exits 1', async () => {
    const { code, out, err } = await run(['--flows', FLOWS, ...MANIFESTS]);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toMatch(/^netpol doctor: 13 flows read, 7 policy drops, 3 forwarded\.\n/);
    expect(out).toContain('  2 flows  missing-access-label\n    fix: add label `access.network-policy.homelab/postgres: "true"` to namespace wiki');
    expect(out).toContain('Regressions (forwarded flows the manifests would now drop):\n  1 flow   istio-gateway/internal-istio-7b8f6d9c4-lm2np -> blog/blog-84c5f7d6b-tt9rj 8080/TCP');
  });

  test('reads flows from stdin by default and gives the same report', async () => {
    const fromStdin = await run([...MANIFESTS, '--format', 'json'], fs.readFileSync(FLOWS, 'utf8'));
    const fromFile = await run(['--flows', FLOWS, ...MANIFESTS, '--format', 'json']);
    expect(fromStdin.out).toBe(fromFile.out);
    expect(JSON.parse(fromStdin.out).drops).toHaveLength(5);
  });

  test('prints Markdown tables', async () => {
    const { out } = await run(['--flows', FLOWS, ...MANIFESTS, '--format', 'markdown']);
    expect(out).toContain('| Flows | Cause | Fix | Examples |');
    expect(out).toContain('| 1 | `profile-without-https-egress` | switch namespace wiki to profile standard');
  });

  test('exits 0 when there is nothing to fix', async () => {
    const forwarded = fs.readFileSync(FLOWS, 'utf8').split('\n').filter((l) => l.includes('"paperless"') && l.includes('FORWARDED')).join('\n');
    const { code, out } = await run(MANIFESTS, forwarded);
    expect(code).toBe(0);
    expect(out).toContain('No policy drops to fix and no regressions.');
  });

  test('takes namespace labels the manifests do not give from --topology', async () => {
    // GIVEN a forwarded wiki -> postgres flow, which the manifests alone would deny (wiki has no access label)
    const line = fs.readFileSync(FLOWS, 'utf8').split('\n').find((l) => l.includes('"wiki"') && l.includes('"destination_port":5432'))!
      .replace('"verdict":"DROPPED"', '"verdict":"FORWARDED"');
    expect((await run(MANIFESTS, line)).out).toContain('Regressions');
    // WHEN the topology file gives wiki the access label THEN the flow is no regression
    const { code, out } = await run([...MANIFESTS, '--topology', 'test/fixtures/hubble/wiki-topology.yaml'], line);
    expect(out).not.toContain('Regressions');
    expect(code).toBe(0);
  });

  test('prints its usage with --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: netpol doctor \[--flows <file>\|-\] --manifests/);
  });

  test.each([
    ['--manifests is missing', ['--flows', FLOWS], '', /--manifests is required/],
    ['the flows file does not exist', ['--flows', 'nope.json', ...MANIFESTS], '', /--flows nope\.json: cannot read/],
    ['a flow line is not JSON', MANIFESTS, '{"flow": }\n', /<stdin>:1: not JSON/],
    ['the topology file does not exist', ['--topology', 'nope.yaml', ...MANIFESTS], '', /nope\.yaml: cannot read/],
    ['the format is unknown', ['--format', 'sarif', ...MANIFESTS], '', /--format "sarif" is not one of text, json, markdown/],
    ['a manifest is invalid YAML', ['--flows', FLOWS, '--manifests', BROKEN], '', /broken\.yaml: document 1: invalid YAML/],
    ['a flow field has the wrong type', [...MANIFESTS], '{"flow": {"verdict": 5}}\n', /<stdin>:1: field "verdict" is 5, expected a string/],
  ])('fails with exit 2 when %s', async (_name, args, stdin, message) => {
    const { code, err, out } = await run(args, stdin);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });
});
