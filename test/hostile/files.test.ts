import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { MAX_INPUT_BYTES } from '../../src/manifests/read-file';
import { parseYamlDocuments } from '../../src/manifests/yaml-documents';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n';
const TOPOLOGY = path.join(dir, 'topology.yaml');
fs.writeFileSync(TOPOLOGY, 'namespaces:\n  shop: {pods: {web: {}}}\n');
const FLOWS = path.join(dir, 'flows.json');
fs.writeFileSync(FLOWS, '');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(dir);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Every command reading one manifests path. */
const READERS: Record<string, (manifests: string) => string[]> = {
  probe: (m) => ['probe', '--manifests', m, '--topology', TOPOLOGY, '--matrix', '80'],
  explain: (m) => ['explain', 'shop/web', 'shop/web', '80', '--manifests', m, '--topology', TOPOLOGY],
  lint: (m) => ['lint', '--manifests', m],
  diff: (m) => ['diff', '--base', m, '--head', m, '--topology', TOPOLOGY],
  docs: (m) => ['docs', '--manifests', m],
  doctor: (m) => ['doctor', '--manifests', m, '--flows', FLOWS],
};

describe('only regular files are read', () => {
  // GIVEN a FIFO and a link to /dev/zero, named and inside a directory of manifests
  const fifoDir = path.join(dir, 'fifo');
  fs.mkdirSync(fifoDir);
  execFileSync('mkfifo', [path.join(fifoDir, 'pipe.yaml')]);
  const zeroDir = path.join(dir, 'zero');
  fs.mkdirSync(zeroDir);
  fs.symlinkSync('/dev/zero', path.join(zeroDir, 'zero.yaml'));

  test.each(Object.keys(READERS).flatMap((command) => [
    [command, 'fifo/pipe.yaml', 'is a FIFO (named pipe), not a regular file'],
    [command, 'fifo', 'fifo/pipe.yaml: is a FIFO (named pipe), not a regular file'],
    [command, 'zero/zero.yaml', 'is a device, not a regular file'],
    [command, 'zero', 'zero/zero.yaml: is a device, not a regular file'],
  ]))('fails when netpol %s reads %s, naming the path', async (command, input, message) => {
    const result = await run(READERS[command](input));
    expect(result.err).toContain(message);
    expect(result).toMatchObject({ code: 2, out: '' });
  });

  test('fails when --flows or --topology is a FIFO', async () => {
    fs.writeFileSync(path.join(dir, 'ns.yaml'), NAMESPACE);
    expect((await run(['doctor', '--manifests', 'ns.yaml', '--flows', 'fifo/pipe.yaml'])).err).toContain('--flows fifo/pipe.yaml: is a FIFO');
    expect((await run(['probe', '--manifests', 'ns.yaml', '--topology', 'zero/zero.yaml', '--matrix', '80'])).err).toContain('zero/zero.yaml: is a device');
  });

  test.skipIf(process.getuid?.() === 0)('fails when a subdirectory cannot be read, naming it', async () => {
    const locked = path.join(dir, 'locked', 'sub');
    fs.mkdirSync(locked, { recursive: true });
    fs.chmodSync(locked, 0o000);
    try {
      const result = await run(['lint', '--manifests', 'locked']);
      expect(result).toMatchObject({ code: 2, err: expect.stringContaining('locked/sub: cannot read the directory: permission denied') });
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });
});

describe('sizes', () => {
  test('fails when a file is over the input limit, naming the file and the limit', async () => {
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, `${NAMESPACE}# ${'x'.repeat(MAX_INPUT_BYTES)}\n`);
    const result = await run(['lint', '--manifests', 'big.yaml']);
    expect(result.err).toContain('big.yaml: more than 8.0 MiB is over the input limit of 8.0 MiB per file');
    expect(result.code).toBe(2);
    fs.rmSync(big);
  });

  test('checks 20,000 keys of one mapping for duplicates (bench/reader.ts times 100,000) and finds the one duplicate', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    const value = parseYamlDocuments(`${keys.join('\n')}\n`, 'keys.yaml')[0].value as Record<string, number>;
    expect(Object.keys(value)).toHaveLength(20_000);
    expect(() => parseYamlDocuments(`${keys.join('\n')}\nk19999: 1\n`, 'keys.yaml')).toThrow('keys.yaml: document 1: line 20001, column 1: duplicate key "k19999"');
  });
});

describe('--out is refused before anything is written, naming --out', () => {
  const manifests = path.join(dir, 'out-ns.yaml');
  fs.writeFileSync(manifests, NAMESPACE);
  const file = path.join(dir, 'a-file.md');
  fs.writeFileSync(file, 'keep\n');
  fs.symlinkSync(file, path.join(dir, 'link.md'));

  test.each([
    ['a-file.md/policies.md', '--out a-file.md/policies.md: a-file.md is a file, not a directory'],
    ['a-file.md/sub/policies.md', '--out a-file.md/sub/policies.md: a-file.md is a file, not a directory'],
    ['link.md', '--out link.md is a symbolic link'],
    ['/dev/full', '--out /dev/full is not a regular file'],
    ['.', '--out . is a directory'],
  ])('fails on --out %s', async (out, message) => {
    for (const command of ['docs', 'report']) {
      const before = fs.readdirSync(dir).sort();
      const result = await run([command, '--manifests', 'out-ns.yaml', '--out', out]);
      expect(result.err).toContain(message);
      expect(result).toMatchObject({ code: 2, out: '' });
      expect(fs.readdirSync(dir).sort()).toEqual(before);
      expect(fs.readFileSync(file, 'utf8')).toBe('keep\n');
      expect(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    }
  });
});

describe('git revisions are read as files are', () => {
  test('fails when a manifest at a revision is not UTF-8, naming the revision and path', async () => {
    // GIVEN a repository whose dist/ holds a file with a Latin-1 byte
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(path.join(repo, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'dist', 'ns.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'x');
    fs.writeFileSync(path.join(repo, 'topology.yaml'), 'namespaces: {}\n');
    // WHEN diff reads it from HEAD
    const io = captureIo(repo);
    const code = await main(['diff', '--base', 'HEAD', '--head', 'HEAD', '--topology', 'topology.yaml'], io);
    // THEN it is refused, not read with a replacement character
    expect(io.err()).toContain('HEAD:dist/ns.yaml:3: not valid UTF-8');
    expect(code).toBe(2);
  });
});
