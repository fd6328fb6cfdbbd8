import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AppNamespace, NetpolCluster, synthesizeMain } from '../../src';
import { testCluster } from '../helpers';

describe('synthesizeMain', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-main-')); });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  test('writes the clusters and says where', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const { app } = testCluster();
    expect(await synthesizeMain(app, { outdir: path.join(dir, 'dist') })).toBe(0);
    expect(String(out.mock.calls[0][0])).toMatch(/^Synthesized \d+ files into .*dist \(\d+ changed\)\n$/);
    expect(process.exitCode).toBeUndefined();
  });

  test('fails with exit status 2 and every problem when the definition is refused, writing nothing', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const app = new App();
    new AppNamespace(new NetpolCluster(app, 'c'), 'blog', { profile: 'nope' });
    expect(await synthesizeMain(app, { outdir: path.join(dir, 'dist') })).toBe(2);
    expect(process.exitCode).toBe(2);
    expect(String(err.mock.calls[0][0])).toMatch(/\[c\/blog\] Unknown profile "nope"/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
