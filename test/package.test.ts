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
});
