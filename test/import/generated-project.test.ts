/**
 * The project `netpol import` writes is real: it type-checks under its strict tsconfig and
 * `npm run synth` there writes manifests whose flows equal the input's. `cdk8s-netpol` resolves
 * to this repository: its compiled `lib/` when that is up to date (as after `npm ci`), else its
 * sources through a tsconfig `paths` entry (tsc and tsx both read it), so the test never runs
 * against a stale build.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { formatFlow } from '../../src/diff/flow-change';
import { proveImport } from '../../src/import/prove';
import { loadManifests } from '../../src/manifests/load';

const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-import-project-'));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The newest modification time of the files under a folder. */
function newest(folder: string, ext: string): number {
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext))
    .reduce((max, f) => Math.max(max, fs.statSync(path.join(folder, f)).mtimeMs), 0);
}

function libIsCurrent(): boolean {
  const built = path.join(ROOT, 'lib', 'public.d.ts');
  return fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(path.join(ROOT, 'src'), '.ts');
}

describe('the project netpol import writes', () => {
  test('type-checks under its strict tsconfig and synthesizes the input\'s flows (dist/homelab)', async () => {
    // GIVEN dist/homelab imported into an empty folder (a ready project)
    const project = path.join(dir, 'homelab');
    const io = captureIo(ROOT);
    expect(await main(['import', 'dist/homelab', '--out', project], io)).toBe(0);
    // AND the project's dependencies resolved to this repository's
    const modules = path.join(project, 'node_modules');
    fs.mkdirSync(path.join(modules, '@types'), { recursive: true });
    for (const name of ['cdk8s', 'constructs', 'tsx', '@types/node']) fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
    fs.symlinkSync(ROOT, path.join(modules, 'cdk8s-netpol'));
    if (!libIsCurrent()) {
      const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8'));
      tsconfig.compilerOptions.paths = { 'cdk8s-netpol': [path.join(ROOT, 'src', 'public.ts')] };
      fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    }
    // WHEN it is type-checked (strict, noUnusedLocals) and synthesized as `npm run synth` does
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, stdio: 'pipe' });
    execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: project, stdio: 'pipe' });
    // THEN its manifests allow exactly the flows of dist/homelab
    const synthesized = loadManifests([path.join(project, 'dist', 'homelab')]);
    const proof = proveImport(loadManifests(['dist/homelab'], ROOT), synthesized, 'cilium');
    expect(proof.changes.map((c) => `${c.change} ${formatFlow(c)}`)).toEqual([]);
    expect(synthesized.length).toBeGreaterThan(30);
  // A stale lib/ type-checks the library's sources too: slower on a loaded machine.
  }, 300_000);
});
