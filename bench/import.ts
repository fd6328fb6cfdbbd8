/**
 * Import benchmark (issue 11, `netpol import`): synthesizes the generated cluster
 * (bench/generated-cluster.ts) of N application namespaces, reads its manifests back, and imports
 * them in-process as `netpol import` does (recognizers, as-is, build and synthesize in memory, the
 * proof), printing the time of each phase, the CPU time, how much was recognized, and whether the
 * proof holds.
 *
 * Run: node --import tsx bench/import.ts [N...] (default 200 and 2000).
 */
import { synthesizeFiles } from '../src';
import { importManifests } from '../src/import/importer';
import { projectFiles } from '../src/import/project-files';
import { parseManifests } from '../src/manifests/load';
import { generatedCluster } from './generated-cluster';

function seconds(start: bigint): string {
  return (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);
}

async function main(): Promise<void> {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const count of counts.length > 0 ? counts : [200, 2000]) {
    const files = await synthesizeFiles(generatedCluster(count));
    const manifests = [...files].filter(([file]) => file.endsWith('.yaml') && !file.endsWith('kustomization.yaml') && !file.endsWith('platform.json'))
      .flatMap(([file, text]) => parseManifests(text, file));
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = await importManifests(manifests, { clusterName: 'bench' });
    const imported = seconds(start);
    const printStart = process.hrtime.bigint();
    const written = projectFiles(result.files, { clusterName: 'bench', renderer: result.renderer, command: 'bench', project: true });
    const printed = seconds(printStart);
    const used = process.cpuUsage(cpu);
    console.log(`import, ${count} app namespaces (${manifests.length} objects): ${imported} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s), `
      + `printing ${written.size} files ${printed} s; ${result.counts.recognized} objects recognized, ${result.counts.asIs} policies as-is, `
      + `${result.demoted.length} demoted; proof: ${result.proof.changes.length} flows changed of ${result.proof.checked} checked; `
      + `peak heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
  }
}

void main();
