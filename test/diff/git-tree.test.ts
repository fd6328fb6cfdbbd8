import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readManifestsAtCommit, resolveCommit } from '../../src/diff/git-tree';
import { loadSide } from '../../src/diff/load-side';
import { main } from '../../src/cli/main';
import { captureIo } from '../../src/cli/io';
import { FIXTURES } from './builders';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Copies a fixture side into `<repo>/dist`, replacing what was there. */
function writeDist(repo: string, side: 'base' | 'head'): void {
  fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
  fs.cpSync(path.join(FIXTURES, side), path.join(repo, 'dist', 'cluster'), { recursive: true });
}

describe('git revisions as diff sides', () => {
  let repo: string;
  beforeAll(() => {
    // GIVEN a throwaway repository: main holds the base fixture, branch change the head fixture
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-diff-git-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'config', 'user.name', 'test');
    git(repo, 'config', 'commit.gpgsign', 'false');
    writeDist(repo, 'base');
    fs.writeFileSync(path.join(repo, 'dist', 'notes.txt'), 'not a manifest');
    fs.copyFileSync(path.join(FIXTURES, 'topology.yaml'), path.join(repo, 'topology.yaml'));
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'change');
    writeDist(repo, 'head');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
  });
  afterAll(() => { fs.rmSync(repo, { recursive: true, force: true }); });

  test.each(['main', 'HEAD~1', 'main...change', 'change~1'])('resolves %s to the base commit', (ref) => {
    expect(resolveCommit(ref, repo)).toBe(git(repo, 'rev-parse', 'main'));
  });

  test.each(['nope', '--output=x', ''])('does not resolve %j', (ref) => {
    expect(resolveCommit(ref, repo)).toBeUndefined();
  });

  test('reads the manifests at a revision, sorted, named ref:path, skipping other files', () => {
    const manifests = readManifestsAtCommit('main', resolveCommit('main', repo)!, 'dist', repo);
    expect([...new Set(manifests.map((m) => m.source.file))]).toEqual([
      'main:dist/cluster/app.yaml', 'main:dist/cluster/baseline.yaml', 'main:dist/cluster/db.yaml', 'main:dist/cluster/namespaces.yaml',
    ]);
    expect(manifests.find((m) => m.object.metadata.name === 'pg')?.object.spec).toMatchObject({ ingress: [{ toPorts: [{ ports: [{ port: '5432' }] }] }] });
  });

  test('fails when the path holds no manifests at that revision', () => {
    expect(() => readManifestsAtCommit('main', resolveCommit('main', repo)!, 'manifests', repo))
      .toThrow('main: no manifest files (*.yaml, *.yml, *.json) under "manifests" at that revision. Pass --path with the directory');
  });

  test('a directory wins over a revision; an unknown name fails naming the flag', () => {
    expect(loadSide('dist', { flag: 'head', cwd: repo }).label).toBe('dist');
    expect(() => loadSide('nope', { flag: 'base', cwd: repo }))
      .toThrow(/--base "nope" is neither a directory of manifests nor a git revision .* \(e\.g\. origin\/main, HEAD~1/);
  });

  test('netpol diff --base main --head HEAD reads both sides from git and leaves the working tree alone', async () => {
    // GIVEN the working tree is edited after the last commit
    fs.writeFileSync(path.join(repo, 'dist', 'cluster', 'app.yaml'), 'garbage: [');
    try {
      // WHEN the diff reads both sides from git
      const io = captureIo(repo);
      const status = await main(['diff', '--base', 'main', '--head', 'HEAD', '--topology', 'topology.yaml'], io);
      // THEN it finds the committed change, and the edit is still there
      expect(io.err()).toBe('');
      expect(status).toBe(1);
      expect(io.out()).toMatch(/^netpol diff main:dist -> HEAD:dist: 4 flows opened, 2 closed/);
      expect(fs.readFileSync(path.join(repo, 'dist', 'cluster', 'app.yaml'), 'utf8')).toBe('garbage: [');
    } finally {
      git(repo, 'checkout', '-q', '--', 'dist');
    }
  });

  test('--path defaults to the cluster folder given as --head, so a PR diff names one folder once', async () => {
    // GIVEN dist/ holds a second cluster at main, whose objects would clash with dist/cluster's
    fs.cpSync(path.join(FIXTURES, 'base'), path.join(repo, 'dist', 'other'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'second cluster');
    try {
      // WHEN the working tree's dist/cluster is compared with main, without --path
      const io = captureIo(repo);
      const status = await main(['diff', '--base', 'main', '--head', 'dist/cluster', '--topology', 'topology.yaml'], io);
      // THEN main is read under dist/cluster only
      expect(io.err()).toBe('');
      expect(status).toBe(1);
      expect(io.out()).toMatch(/^netpol diff main:dist\/cluster -> dist\/cluster: 4 flows opened, 2 closed/);
    } finally {
      git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    }
  });
});
