/**
 * `netpol import` on real repositories (test/import/real-fixtures.ts, each fixture with its
 * SOURCE.md). Prints, per repository: policies and namespaces read, the time of the import with
 * its proof, the candidate flows the proof checked, the flows it found changed (must be 0), what
 * the recognizers claimed and what was demoted back to as-is (a recognizer whose code the library
 * refused or whose flows differed), and the input notices.
 *
 * Run alone: node --import tsx bench/import-real.ts (or with the others: npm run bench).
 */
import { importManifests } from '../src/import/importer';
import { loadManifests } from '../src/manifests/load';
import { REAL_FIXTURES } from '../test/import/real-fixtures';

const POLICY_KINDS = new Set(['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);

async function main(): Promise<void> {
  for (const [repo, dir] of Object.entries(REAL_FIXTURES)) {
    const input = loadManifests([dir]);
    const policies = input.filter((m) => POLICY_KINDS.has(m.object.kind)).length;
    const start = process.hrtime.bigint();
    const result = await importManifests(input, { clusterName: 'real' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const { recognized, asIs, namespaces } = result.counts;
    console.log(`${repo.padEnd(26)} ${String(policies).padStart(4)} policies ${String(namespaces).padStart(3)} namespaces  `
      + `${seconds.toFixed(1).padStart(5)} s  ${result.proof.checked.toLocaleString('en').padStart(11)} flows checked  `
      + `${result.proof.changes.length} changed  ${recognized} recognized / ${asIs} as-is  ${result.demoted.length} demoted  `
      + `${result.recognizerErrors.length} recognizer errors  ${result.findings.filter((f) => f.kind === 'input').length} input notices`);
  }
}

void main();
