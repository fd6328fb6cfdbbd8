import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main';
import { captureIo } from '../../src/cli/io';

const ROOT = path.join(__dirname, '..', '..');

describe('netpol report', () => {
  test('writes the page atomically and says what it wrote', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-report-cmd-'));
    const io = captureIo(ROOT);
    const code = await main(['report', '--manifests', 'dist/homelab', '--out', path.join(dir, 'r.html')], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^Wrote .*r\.html: \d+ namespaces\.\n$/);
    expect(fs.readdirSync(dir)).toEqual(['r.html']);
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
    fs.rmSync(dir, { recursive: true });
  });

  test('reads manifests from standard input with -, as the other commands do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-report-stdin-'));
    const stdin = ['app-demo-standard.yaml', 'baseline.yaml'].map((f) => fs.readFileSync(path.join(ROOT, 'dist/homelab', f), 'utf8')).join('---\n');
    const io = captureIo(ROOT, stdin);
    expect(await main(['report', '-', '--out', path.join(dir, 'r.html')], io)).toBe(0);
    expect(io.out()).toMatch(/: \d+ namespaces\.\n$/);
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain('data-id="demo-standard"');
    fs.rmSync(dir, { recursive: true });
  });

  test.each([
    [['--out', 'x.html'], /--manifests is required/],
    [['--manifests', 'dist/homelab'], /--out is required|--out/],
    [['--manifests', 'dist/homelab', '--out', 'dist'], /--out dist is a directory/],
    [['--manifests', 'no/such/dir', '--out', 'x.html'], /no\/such\/dir/],
    [['--manifests', 'dist/homelab', '--out', 'x.html', '--base', 'no-such-ref-or-dir'], /--base "no-such-ref-or-dir" is neither/],
    [['--manifests', 'dist/homelab', '--out', 'x.html', '--cni', 'calico'], /--cni "calico" is not one of/],
  ])('fails with exit 2 naming the problem: %j', async (args, message) => {
    const io = captureIo(ROOT);
    expect(await main(['report', ...args], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
    expect(fs.existsSync(path.join(ROOT, 'x.html'))).toBe(false);
  });
});
