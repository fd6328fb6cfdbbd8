/**
 * The edit loop's cost (issue: synth you can trust in CI): the wall time of `npx cdk8s synth` on the
 * reference clusters against `npx cdk8s --version` (the cdk8s CLI starting and doing nothing), in
 * one run, interleaved so both see the same machine load. Target: a ratio of at most 2. Also
 * prints `npm run synth`'s command (the app alone, without cdk8s-cli).
 *
 * The upgrade check is off for both (`--no-check-upgrade`): it asks the network. Synthesis writes
 * dist/ as any synth does; files whose bytes do not change are not touched.
 *
 * Run: npm run bench (or node --import tsx bench/synth-command.ts).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const RUNS = 5;

const commands: Record<string, string[]> = {
  'npx cdk8s --version': ['npx', 'cdk8s', '--version', '--no-check-upgrade'],
  'npx cdk8s synth': ['npx', 'cdk8s', 'synth', '--no-check-upgrade'],
  'npm run synth (node --import tsx platform/main.ts)': [process.execPath, '--import', 'tsx', 'platform/main.ts'],
};

function time(argv: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const times = new Map<string, number[]>(Object.keys(commands).map((name) => [name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, argv] of Object.entries(commands)) times.get(name)!.push(time(argv));
}

console.log(`\nsynth command, reference clusters (median of ${RUNS}, interleaved)`);
for (const [name, values] of times) console.log(`  ${name.padEnd(52)} ${median(values).toFixed(2)} s`);
const ratio = median(times.get('npx cdk8s synth')!) / median(times.get('npx cdk8s --version')!);
console.log(`  ratio npx cdk8s synth / npx cdk8s --version: ${ratio.toFixed(2)} (target <= 2)`);
