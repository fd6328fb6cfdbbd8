import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the package', () => {
  test('is fit for publishing: license, keywords, peer dependencies with dev copies, no side effects, one library entry', () => {
    expect(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cdk8s', 'cilium', 'networkpolicy', 'kubernetes']));
    for (const peer of ['cdk8s', 'constructs']) {
      expect(pkg.peerDependencies[peer]).toBeDefined();
      expect(pkg.devDependencies[peer]).toBe(pkg.peerDependencies[peer]);
      expect(pkg.dependencies[peer]).toBeUndefined();
    }
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.exports['.']).toEqual({ types: './lib/public.d.ts', default: './lib/public.js' });
    expect([pkg.main, pkg.types]).toEqual(['lib/public.js', 'lib/public.d.ts']);
  });

  test('exports only the public entry and package.json: no deep import reaches the internals (lib/cli, the everything-barrel)', () => {
    expect(Object.keys(pkg.exports)).toEqual(['.', './package.json']);
    expect(pkg.bin).toEqual({ netpol: 'bin/netpol.js' });
    // src/index.ts re-exports everything for this repository's own tests; the build leaves it out.
    const build = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(build.exclude).toContain('src/index.ts');
  });

  test('engines is what the dependencies need: the highest node minimum of the production tree', () => {
    // kubernetes-models 5 and @kubernetes-models/cilium 4 (and their @kubernetes-models/* deps) declare node >= 22.
    const minimum = (range: string): number => Number(/>=\s*(\d+)/.exec(range)?.[1] ?? 0);
    const needed = Math.max(...Object.keys(pkg.dependencies).map((name) => {
      const dependency = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
      return minimum(dependency.engines?.node ?? '');
    }));
    expect(pkg.engines.node).toBe(`>=${needed}`);
  });

  test('needs no install script: no preinstall/install/postinstall, and the packed manifest leaves prepare out', async () => {
    for (const name of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[name]).toBeUndefined();
    // prepare builds lib/ for npm ci and git installs; npm 11 would list it for a tarball consumer.
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.prepack).toMatch(/npm run build && node scripts\/pack-manifest\.mjs strip$/);
    expect(pkg.scripts.postpack).toBe('node scripts/pack-manifest.mjs restore');
    const { packedManifest } = await import('../scripts/pack-manifest.mjs');
    const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const packed = packedManifest(text);
    expect(JSON.parse(packed).scripts.prepare).toBeUndefined();
    const { prepare, ...others } = pkg.scripts;
    expect(prepare).toBeDefined();
    expect(JSON.parse(packed)).toEqual({ ...pkg, scripts: others });
    expect(packed).toBe(text.replace(/^ {4}"prepare": .*\n/m, ''));
    // None of the production dependencies has an install script either.
    for (const name of Object.keys(pkg.dependencies)) {
      const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).scripts ?? {};
      expect([name, ['preinstall', 'install', 'postinstall'].filter((s) => scripts[s])]).toEqual([name, []]);
    }
  });

  test('packs the compiled library, the CLI and the license, without sources or tests', () => {
    // --ignore-scripts: no build here (the file list comes from package.json `files`); --offline: no registry round trip.
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'bin/netpol.js']));
    expect(files.filter((f) => /^(src|test|platform|profiles|dist|bench|examples)\//.test(f))).toEqual([]);
    expect(files.every((f) => !f.startsWith('lib/') || f.endsWith('.js') || f.endsWith('.d.ts'))).toBe(true);
  }, 60_000);
});

describe('CHANGELOG.md (Keep a Changelog)', () => {
  const text = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');

  test('has an Unreleased section, released versions with dates, and only the standard change types', () => {
    expect(text).toMatch(/^# Changelog\n/);
    expect(text).toContain('\n## [Unreleased]\n');
    for (const [, heading] of text.matchAll(/^## (.*)$/gm)) expect(heading).toMatch(/^\[(Unreleased|\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\]( - \d{4}-\d{2}-\d{2})?$/);
    for (const [, type] of text.matchAll(/^### (.*)$/gm)) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(type);
  });

  test('npm version moves the Unreleased entries under the new version', async () => {
    const { releaseChangelog } = await import('../scripts/changelog-version.mjs');
    const released = releaseChangelog('# Changelog\n\n## [Unreleased]\n\n### Added\n- a thing\n', '0.2.0', '2026-12-02');
    expect(released).toBe('# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-02\n\n### Added\n- a thing\n');
    expect(() => releaseChangelog(released, '0.2.0', '2026-12-03')).toThrow(/already has a section for 0.2.0/);
    expect(() => releaseChangelog('# Changelog\n', '0.2.0', '2026-12-03')).toThrow(/no "## \[Unreleased\]" section/);
  });

  test('npm version moves examples/app-repo to the tarball of the new version', async () => {
    const { exampleManifest } = await import('../scripts/example-version.mjs');
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'app-repo', 'package.json'), 'utf8');
    expect(example).toContain(`"cdk8s-netpol": "file:../../cdk8s-netpol-${pkg.version}.tgz"`);
    expect(exampleManifest(example, '0.2.0')).toBe(example.replace(`cdk8s-netpol-${pkg.version}.tgz`, 'cdk8s-netpol-0.2.0.tgz'));
    expect(() => exampleManifest('{}', '0.2.0')).toThrow(/names no "file:..\/..\/cdk8s-netpol-<version>.tgz" dependency/);
    expect(pkg.scripts.version).toBe('node scripts/changelog-version.mjs && node scripts/example-version.mjs && git add CHANGELOG.md examples/app-repo/package.json');
  });
});
