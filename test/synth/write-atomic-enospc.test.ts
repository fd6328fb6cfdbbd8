import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

// The library's node:fs, with writes to file descriptors that fail as on a full disk once `full`
// is set. Test files share a worker's modules (vitest.config.mts, isolate: false), so the library
// is imported afresh, after vi.resetModules(), to load the mocked module.
const disk = vi.hoisted(() => ({ full: false, writes: 0 }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  const writeFileSync: typeof real.writeFileSync = (file, data, options) => {
    if (disk.full && typeof file === 'number' && ++disk.writes > 1) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    }
    return real.writeFileSync(file, data, options);
  };
  return { ...real, default: { ...real, writeFileSync }, writeFileSync };
});


type Library = typeof import('../../src');
type Helpers = typeof import('../helpers');

describe('a full disk', () => {
  let lib: Library;
  let helpers: Helpers;
  beforeAll(async () => {
    vi.resetModules();
    lib = (await import('../../src/index.js')) as Library;
    helpers = (await import('../helpers.js')) as Helpers;
  });
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-enospc-')); });
  afterEach(() => {
    disk.full = false;
    disk.writes = 0;
    process.exitCode = undefined;
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('fails with OutputError and leaves the old tree byte-identical, no temporary', () => {
    const out = path.join(dir, 'dist');
    lib.writeOutputTree(out, new Map([['c/a.yaml', 'a1\n'], ['c/b.yaml', 'b1\n']]));
    disk.full = true;
    expect(() => lib.writeOutputTree(out, new Map([['c/a.yaml', 'a2\n'], ['c/b.yaml', 'b2\n'], ['d/c.yaml', 'c\n']])))
      .toThrow(lib.OutputError);
    expect(fs.readFileSync(path.join(out, 'c', 'a.yaml'), 'utf8')).toBe('a1\n');
    expect(fs.readFileSync(path.join(out, 'c', 'b.yaml'), 'utf8')).toBe('b1\n');
    expect(fs.readdirSync(out)).toEqual(['c']);
    expect(fs.readdirSync(path.join(out, 'c'))).toEqual(['a.yaml', 'b.yaml']);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  test('is exit status 2 with a message from synthesizeMain, no stack', async () => {
    const out = path.join(dir, 'dist');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { app } = helpers.testCluster();
    disk.full = true;
    expect(await lib.synthesizeMain(app, { outdir: out })).toBe(2);
    expect(process.exitCode).toBe(2);
    const message = String(err.mock.calls[0][0]);
    expect(message).toMatch(/^Cannot write .*dist: .*no space left on the device \(ENOSPC\)\. Nothing was changed/);
    expect(message).not.toMatch(/\n\s+at /);
  });
});
