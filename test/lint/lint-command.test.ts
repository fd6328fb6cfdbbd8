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
    expect(out).toMatch(/^Usage: netpol lint --manifests/);
    expect(out).toContain('no-hard-coded-ip');
  });

  test.each([
    ['--manifests is missing', [], /--manifests is required/],
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
});
