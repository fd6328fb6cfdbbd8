import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../src/cli/main';
import { captureIo } from '../src/cli/io';

const ROOT = path.join(__dirname, '..');

describe('the homelab design, probed against dist/homelab', () => {
  test('every flow of test/fixtures/homelab-probes.yaml meets its expectation', async () => {
    // GIVEN the committed output and the design's flows
    const io = captureIo(ROOT);
    // WHEN the simulator probes them as Cilium would enforce them
    const code = await main(['probe', '--manifests', 'dist/homelab', '--topology', 'platform/homelab-topology.yaml',
      '--probes', 'test/fixtures/homelab-probes.yaml', '--format', 'json'], io);
    // THEN every probe is ok
    const results = io.out().trim().split('\n').map((line) => JSON.parse(line) as { from: string; to: string; port: number; ok: boolean; verdict: string });
    expect(results.filter((r) => !r.ok).map((r) => `${r.from} -> ${r.to}:${r.port} was ${r.verdict}`)).toEqual([]);
    expect(results.length).toBeGreaterThan(60);
    expect(code).toBe(0);
  });
});
