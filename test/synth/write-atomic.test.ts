import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OutputError, writeFileAtomically, writeOutputTree } from '../../src';
import { bigTree } from './fixtures/big-tree';

/** Every file under `root` (relative path to contents), hidden ones included. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('writeOutputTree', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-write-'));
    out = path.join(dir, 'dist');
  });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('writes the tree, then replaces changed files and removes stale manifests, keeping other files', () => {
    writeOutputTree(out, files({ 'c/a.yaml': 'a1\n', 'c/b.yaml': 'b1\n', 'old/x.yaml': 'x\n' }));
    fs.writeFileSync(path.join(out, 'README.md'), 'mine\n');
    const changed = writeOutputTree(out, files({ 'c/a.yaml': 'a2\n', 'c/b.yaml': 'b1\n' }));
    expect(changed).toEqual(['c/a.yaml', 'old/x.yaml']);
    expect(tree(out)).toEqual({ 'README.md': 'mine\n', 'c/a.yaml': 'a2\n', 'c/b.yaml': 'b1\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('keeps the modes of replaced files and of folders (no 0700)', () => {
    writeOutputTree(out, files({ 'c/a.yaml': 'a1\n' }));
    expect(fs.statSync(out).mode & 0o777).toBe(0o777 & ~process.umask());
    fs.chmodSync(path.join(out, 'c', 'a.yaml'), 0o640);
    fs.chmodSync(path.join(out, 'c'), 0o750);
    writeOutputTree(out, files({ 'c/a.yaml': 'a2\n' }));
    expect(fs.statSync(path.join(out, 'c', 'a.yaml')).mode & 0o777).toBe(0o640);
    expect(fs.statSync(path.join(out, 'c')).mode & 0o777).toBe(0o750);
  });

  test('fails when a file is where a cluster folder goes, leaving the old tree byte-identical and no temporary', () => {
    writeOutputTree(out, files({ 'c/a.yaml': 'a1\n', 'd/b.yaml': 'b1\n' }));
    fs.rmSync(path.join(out, 'd'), { recursive: true });
    fs.writeFileSync(path.join(out, 'd'), 'a file\n');
    const before = tree(out);
    expect(() => writeOutputTree(out, files({ 'c/a.yaml': 'a2\n', 'd/b.yaml': 'b2\n', 'e/new.yaml': 'n\n' })))
      .toThrow(OutputError);
    expect(() => writeOutputTree(out, files({ 'c/a.yaml': 'a2\n', 'd/b.yaml': 'b2\n' })))
      .toThrow(/Cannot write .*dist: .*d: a file is where a folder must be \(ENOTDIR\)\. Nothing was changed/);
    expect(tree(out)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('fails when the output is a project folder, since stale manifests in it would be removed', () => {
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'package.json'), '{}');
    expect(() => writeOutputTree(out, files({ 'c/a.yaml': 'a\n' }))).toThrow(/holds package\.json, so it is a project, not an output folder/);
  });

  test('removes the temporaries of killed syntheses and the old writer\'s staging folders, and takes over a dead lock', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeOutputTree(out, files({ 'c/a.yaml': 'a1\n' }));
    fs.writeFileSync(path.join(out, 'c', `.netpol-tmp-${dead}-0123abcd`), 'half a fi');
    fs.mkdirSync(path.join(dir, '.dist.tmp-abc123'));
    fs.writeFileSync(path.join(dir, '.netpol-lock-dist'), `${dead}\n`);
    writeOutputTree(out, files({ 'c/a.yaml': 'a1\n' }));
    expect(tree(out)).toEqual({ 'c/a.yaml': 'a1\n' });
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('two writers at once end with one complete tree; a reader never misses the folder or sees a partial file', async () => {
    // GIVEN two processes that each write their own complete tree 6 times
    const trees = { A: bigTree('A'), B: bigTree('B') };
    writeOutputTree(out, files(trees.A));
    const writer = path.resolve(__dirname, 'fixtures', 'write-tree-child.ts');
    const run = (tag: 'A' | 'B'): Promise<number> => new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, out, tag, '6'], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => resolve(code ?? -1));
    });
    // WHEN they run while this process reads the folder
    let reads = 0;
    const problems: string[] = [];
    const done = Promise.all([run('A'), run('B')]);
    let finished = false;
    void done.then(() => { finished = true; });
    while (!finished) {
      if (!fs.existsSync(path.join(out, 'c'))) problems.push('cluster folder missing');
      for (const name of ['a', 'b', 'c', 'd']) {
        const text = fs.readFileSync(path.join(out, 'c', `${name}.yaml`), 'utf8');
        if (text !== trees.A[`c/${name}.yaml`] && text !== trees.B[`c/${name}.yaml`]) problems.push(`partial ${name}.yaml`);
      }
      reads++;
      await new Promise((r) => setTimeout(r, 1));
    }
    // THEN both succeeded, the reader saw only complete files, and the tree is one writer's
    expect(await done).toEqual([0, 0]);
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    const final = tree(out);
    expect([trees.A, trees.B]).toContainEqual(final);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  }, 60_000);
});

describe('writeFileAtomically', () => {
  test('replaces a file keeping its mode, leaving no temporary', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-file-'));
    try {
      const file = path.join(dir, 'page.md');
      fs.writeFileSync(file, 'old');
      fs.chmodSync(file, 0o600);
      writeFileAtomically(file, 'new');
      expect(fs.readFileSync(file, 'utf8')).toBe('new');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(dir)).toEqual(['page.md']);
      expect(() => writeFileAtomically(path.join(file, 'below.md'), 'x')).toThrow(/Cannot write .*below\.md: .*\(ENOTDIR\)\. .*below\.md is unchanged/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeOutputTree, refusals and kills', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-write-'));
    out = path.join(dir, 'dist');
  });
  afterEach(() => {
    for (const p of [out, path.join(out, 'c')]) if (fs.existsSync(p)) fs.chmodSync(p, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([['the output folder', ''], ['a cluster folder', 'c']])('fails when %s is read-only (root included), changing nothing', (_, sub) => {
    writeOutputTree(out, files({ 'c/a.yaml': 'a1\n' }));
    fs.chmodSync(path.join(out, sub), 0o555);
    expect(() => writeOutputTree(out, files({ 'c/a.yaml': 'a2\n', 'd/b.yaml': 'b\n' })))
      .toThrow(/Cannot write .*dist: .* is read-only \(mode 555\); make it writable \(chmod u\+w\).*Nothing was changed/);
    fs.chmodSync(path.join(out, sub), 0o755);
    expect(tree(out)).toEqual({ 'c/a.yaml': 'a1\n' });
  });

  test('a killed writer leaves every file complete, and the next synthesis cleans its temporaries', async () => {
    // GIVEN a writer alternating two large trees, killed mid-way
    const trees = { A: bigTree('A'), B: bigTree('B') };
    writeOutputTree(out, files(trees.A));
    const writer = path.resolve(__dirname, 'fixtures', 'write-tree-child.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', writer, out, 'AB', '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => child.stdout!.once('data', r));
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    // THEN the folder is there and each file is one tree's version, whole
    for (const name of ['a', 'b', 'c', 'd']) {
      expect([trees.A[`c/${name}.yaml`], trees.B[`c/${name}.yaml`]]).toContain(fs.readFileSync(path.join(out, 'c', `${name}.yaml`), 'utf8'));
    }
    // WHEN the next synthesis runs THEN no temporary or lock is left
    writeOutputTree(out, files(trees.B));
    expect(tree(out)).toEqual(trees.B);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  }, 60_000);
});
