/**
 * Review-command benchmark (issue 15, "Review commands that scale"): generates the homelab
 * repository with N application namespaces x 4 pods (bench/review-cluster.ts), before and after
 * a pull request, and runs the compiled CLI on it, one process per command, printing wall time
 * and peak memory (maximum resident set size) of:
 * - `netpol probe` loading the cluster and deciding one probe (the reference),
 * - `netpol lint`, `netpol docs` and `netpol diff` (base -> head) on the same cluster.
 * Target: at 2,000 namespaces each review command within 4x the time of probe and under 1 GB.
 *
 * Run: npm run bench (builds lib/ first), or `node --import tsx bench/review.ts [N...]` after
 * `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeReviewRepository } from './review-cluster';

const ROOT = path.join(__dirname, '..');
const TIMEOUT_SECONDS = 600;

interface Run {
  /** CPU time (user + system): the machine may be shared, so wall time is printed but not compared. */
  readonly seconds: number;
  readonly wall: number;
  readonly megabytes: number;
  readonly status: number | null;
  readonly outputBytes: number;
}

/** Runs `netpol <args>` under /usr/bin/time, for wall time and peak RSS. */
function netpol(args: readonly string[], cwd: string): Run {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, path.join(ROOT, 'bin', 'netpol.js'), ...args], {
    cwd, maxBuffer: 1 << 30, timeout: TIMEOUT_SECONDS * 1000, encoding: 'utf8',
  });
  const figures = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(result.stderr ?? '');
  if (!figures) return { seconds: Number.NaN, wall: TIMEOUT_SECONDS, megabytes: Number.NaN, status: null, outputBytes: 0 };
  return {
    seconds: Number(figures[2]) + Number(figures[3]), wall: Number(figures[1]), megabytes: Number(figures[4]) / 1024,
    status: result.status, outputBytes: Buffer.byteLength(result.stdout ?? ''),
  };
}

async function main(): Promise<void> {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const count of counts.length > 0 ? counts : [500, 2000]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `netpol-review-bench-${count}-`));
    try {
      await writeReviewRepository(dir, count);
      const files = fs.readdirSync(path.join(dir, 'head')).length;
      process.stdout.write(`review commands, ${count} application namespaces x 4 pods (${files} manifest files per side), one process each\n`);
      const probe = netpol(['probe', '--manifests', 'head', '--topology', 'topology.yaml', '--probes', 'probes.yaml'], dir);
      const line = (name: string, run: Run, target: boolean): void => {
        const ratio = run.seconds / probe.seconds;
        const timedOut = run.status === null ? ` (did not finish in ${TIMEOUT_SECONDS} s)` : '';
        const verdict = target ? `  ${ratio.toFixed(1)}x probe${ratio <= 4 && run.megabytes < 1024 ? '' : ' (target: <= 4x probe, < 1 GB)'}` : '';
        process.stdout.write(`  ${name.padEnd(6)} ${run.seconds.toFixed(2).padStart(7)} s CPU (${run.wall.toFixed(1)} s wall)  ${run.megabytes.toFixed(0).padStart(5)} MB  exit ${run.status ?? '-'}  ${run.outputBytes} bytes out${verdict}${timedOut}\n`);
      };
      line('probe', probe, false);
      line('lint', netpol(['lint', '--manifests', 'head'], dir), true);
      line('docs', netpol(['docs', '--manifests', 'head', '--topology', 'topology.yaml'], dir), true);
      line('diff', netpol(['diff', '--base', 'base', '--head', 'head', '--topology', 'topology.yaml', '--format', 'markdown'], dir), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
