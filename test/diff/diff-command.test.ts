import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { FIXTURES } from './builders';

/** A manifest file that is not valid YAML (an unclosed flow sequence on line 1). */
const BROKEN = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-broken-')), 'broken.yaml');
fs.writeFileSync(BROKEN, 'kind: [Namespace\nmetadata: {}\n');
afterAll(() => fs.rmSync(path.dirname(BROKEN), { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = captureIo(FIXTURES);
  const status = await main(['diff', ...args], io);
  return { status, out: io.out(), err: io.err() };
}

describe('netpol diff', () => {
  test('exits 1 and lists the changes when flows change', async () => {
    const { status, out } = await run('--base', 'base', '--head', 'head', '--topology', 'topology.yaml');
    expect(status).toBe(1);
    expect(out).toContain('  + app/web-1 -> external:world:443/TCP  opened by CiliumNetworkPolicy app/web\n');
  });

  test('without --topology, representative pods stand in for every namespace, and a note says so', async () => {
    const { status, out } = await run('--base', 'base', '--head', 'head');
    expect(status).toBe(1);
    expect(out).toMatch(/\+ app\/\S+ -> external:world:443\/TCP {2}opened by CiliumNetworkPolicy app\/web\n/);
    expect(out).toMatch(/representative pods stand in for their pods: namespaces app, db/);
  });

  test('exits 0 when nothing changes', async () => {
    const { status, out } = await run('--base', 'base', '--head', 'base', '--topology', 'topology.yaml', '--format', 'markdown');
    expect(status).toBe(0);
    expect(out).toContain('No flow changes.');
  });

  test('prints the same bytes on every run', async () => {
    const args = ['--base', 'base', '--head', 'head', '--topology', 'topology.yaml', '--format', 'json'];
    expect((await run(...args)).out).toBe((await run(...args)).out);
  });

  test('--help prints the usage', async () => {
    const { status, out } = await run('--help');
    expect(status).toBe(0);
    expect(out).toMatch(/^Usage: netpol diff --base <dir\|git-ref> --head <dir\|git-ref> \[--topology <file>\]/);
  });

  test.each([
    [['--head', 'head', '--topology', 'topology.yaml'], '--base is required. Run `netpol diff --help`.'],
    [['--base', 'base', '--head', 'head', '--topology', 'topology.yaml', '--format', 'html'], '--format "html" is not one of text, json, markdown.'],
    [['--base', 'base', '--head', 'head', '--topology', 'missing.yaml'], 'missing.yaml: cannot read'],
    [['--base', 'base', '--head', 'head', '--topology', 'base/app.yaml'], 'base/app.yaml: '],
    [['--base', 'base', '--head', BROKEN, '--topology', 'topology.yaml'], `${BROKEN}: document 1: invalid YAML`],
    [['--base', 'base', '--head', 'head', '--topology', 'topology.yaml', '--cni', 'calico'], '--cni "calico" is not one of cilium, kubernetes, none.'],
  ])('fails with exit 2 on bad input %j', async (args, message) => {
    const { status, out, err } = await run(...args);
    expect(status).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
  });
});
