/**
 * `netpol import` of real repositories' policies (test/import/real-fixtures.ts, each with its
 * SOURCE.md): zero flow change, nothing dropped, no recognizer failing. The two large ones
 * (JJGadgets/Biohazard, Tsuguya/home-cluster: 100+ policies, 14 s and 33 s on a loaded machine)
 * are measured by bench/import-real.ts instead, and kept as written by
 * test/constructs/real-repository-pass-through.test.ts.
 */
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatFlow } from '../../src/diff/flow-change';
import { importManifests } from '../../src/import/importer';
import { loadManifests } from '../../src/manifests/load';
import { REAL_FIXTURES } from './real-fixtures';

const KINDS = new Set(['Namespace', 'NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);

describe('netpol import of real repositories', () => {
  test.each(['haraldkoch/kochhaus-home', 'jfroy/flatops', 'cilium/cilium examples'])('%s imports with zero flow change', async (repo) => {
    const input = loadManifests([path.join(process.cwd(), REAL_FIXTURES[repo])]);
    const result = await importManifests(input, { clusterName: 'real' });
    expect(result.proof.changes.map((c) => `${c.change} ${formatFlow(c)}`)).toEqual([]);
    expect(result.proof.checked).toBeGreaterThan(1000);
    expect([...result.recognizerErrors, ...result.demoted]).toEqual([]);
    const covered = new Set([...result.files.values()].flat().flatMap((item) => item.covers));
    expect(input.filter((m) => KINDS.has(m.object.kind) && !covered.has(m)).map((m) => `${m.object.kind} ${m.object.metadata.name}`)).toEqual([]);
    // What the input gets wrong is in the report (src/import/input-notices.ts).
    expect(result.findings.filter((f) => f.kind === 'input').length).toBeGreaterThan(0);
  }, 60_000);
});
