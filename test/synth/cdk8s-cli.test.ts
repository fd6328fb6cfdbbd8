import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A cdk8s app in a temporary git repository: this repo's cdk8s.yaml and .gitignore, a main.ts
 * declaring one namespace whose profile comes from $PROFILE (and a forgotten unused import), and
 * node_modules linked to this repo's.
 */
function appRepository(dir: string): void {
  fs.copyFileSync(path.join(ROOT, '.gitignore'), path.join(dir, '.gitignore'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8').replace('platform/main.ts', 'main.ts'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'main.ts'), [
    "import { App } from 'cdk8s';",
    // Port is imported and never used: synthesis does not type-check (npm test does), so it runs.
    `import { AppNamespace, ClusterBaseline, NetpolCluster, Port, Profile, synthesizeMain } from ${JSON.stringify(path.join(ROOT, 'src'))};`,
    'const app = new App();',
    "const cluster = new NetpolCluster(app, 'homelab');",
    "new ClusterBaseline(cluster, 'baseline');",
    'Profile.builtins(cluster);',
    "new AppNamespace(cluster, 'blog', { profile: process.env.PROFILE ?? 'standard' });",
    'void synthesizeMain(app);',
    '',
  ].join('\n'));
}

function run(dir: string, command: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npx cdk8s synth over a committed dist/ (cdk8s.yaml)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-cdk8s-'));
    appRepository(dir);
    // GIVEN a repository whose dist/ is committed
    const first = run(dir, process.execPath, ['--import', 'tsx', 'main.ts']);
    expect(first.status, first.stderr).toBe(0);
    for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'dist']]) {
      expect(run(dir, 'git', args).status).toBe(0);
    }
  }, 60_000);
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('a refused definition leaves dist/ byte-identical: cdk8s-cli only empties its scratch folder', () => {
    // WHEN cdk8s-cli runs the app with a mistyped profile
    const refused = run(dir, process.execPath, [path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--no-check-upgrade'], { PROFILE: 'standart' });
    // THEN the problem is reported, synthesis fails, and git sees no change in dist/ (nor anywhere)
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/\[homelab\/blog\] Unknown profile "standart" .*Did you mean "standard"\?/);
    expect(run(dir, 'git', ['status', '--porcelain']).stdout).toBe('');
    expect(fs.readdirSync(path.join(dir, 'dist', 'homelab'))).toContain('app-blog.yaml');
  }, 120_000);
});
