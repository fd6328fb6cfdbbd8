/**
 * Report benchmark (issue: netpol report). For the generated cluster of 50 namespaces
 * (`generatedCluster`), prints the time to build and render the report page and its size.
 * Targets: under 5 s and under 2 MB.
 *
 * Run: npm run bench (or node --import tsx bench/report.ts).
 */
import { parseManifests } from '../src/manifests/load';
import { synthesizeFiles } from '../src';
import { buildReportModel, renderReportHtml } from '../src/report';
import { generatedCluster } from './generated-cluster';

async function main(): Promise<void> {
  const files = await synthesizeFiles(generatedCluster(50));
  const manifests = [...files].filter(([file]) => /\.ya?ml$/.test(file) && !file.endsWith('kustomization.yaml'))
    .flatMap(([file, text]) => parseManifests(text, file));
  const start = process.hrtime.bigint();
  const model = buildReportModel(manifests, { title: 'bench' });
  const html = renderReportHtml(model, manifests);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const megabytes = Buffer.byteLength(html) / 1024 / 1024;
  console.log(`report, generated cluster of ${model.namespaces.length} namespaces (${manifests.length} objects, ${model.edges.length} edges):`);
  console.log(`  build + render: ${seconds.toFixed(2)} s (target < 5 s)`);
  console.log(`  page size: ${megabytes.toFixed(2)} MB (target < 2 MB)`);
}

void main();
