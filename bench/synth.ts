/**
 * Synthesis benchmark (issue: core library). Prints, for generated clusters of 1,000 and 5,000
 * application namespaces:
 * - the time of the library's whole pipeline (validate constructs, collect, render, schema-validate,
 *   serialize; in memory),
 * - the time of plain YAML serialization (`yaml.stringify`) of the same objects in the same process,
 *   and the ratio of the two (target <= 2),
 * - the growth from 1,000 to 5,000 (target <= 6x),
 * - and, for contrast, plain cdk8s with one Chart per namespace (`App.synthYaml()`), which grows
 *   quadratically.
 *
 * Run: npm run bench (or node --import tsx bench/synth.ts).
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { collectIntent, NetpolCluster, renderCluster, synthesizeFiles } from '../src';
import { generatedCluster } from './generated-cluster';

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function best<T>(runs: number, fn: () => T): { time: number; value: T } {
  let result: { time: number; value: T } | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const value = fn();
    const time = seconds(start);
    if (!result || time < result.time) result = { time, value };
  }
  return result!;
}

async function bestAsync<T>(runs: number, fn: () => Promise<T>): Promise<{ time: number; value: T }> {
  let result: { time: number; value: T } | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const value = await fn();
    const time = seconds(start);
    if (!result || time < result.time) result = { time, value };
  }
  return result!;
}

function renderedObjects(count: number) {
  const app = generatedCluster(count);
  const cluster = app.node.findAll().find((c): c is NetpolCluster => c instanceof NetpolCluster)!;
  return renderCluster(cluster, collectIntent(cluster)).map((o) => o.object);
}

function plainCdk8s(objects: readonly Record<string, unknown>[], chartPerNamespace: boolean): string {
  const app = new App();
  const charts = new Map<string, Chart>();
  objects.forEach((object, i) => {
    const metadata = object.metadata as { name: string; namespace?: string };
    const key = chartPerNamespace ? (metadata.namespace ?? (object.kind === 'Namespace' ? metadata.name : 'cluster')) : 'all';
    let chart = charts.get(key);
    if (!chart) {
      chart = new Chart(app, `chart-${key}`, { disableResourceNameHashes: true });
      charts.set(key, chart);
    }
    new ApiObject(chart, `o${i}`, object as never);
  });
  return app.synthYaml();
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const times = new Map<number, number>();
  // Warm up module loading and schema compilation.
  await synthesizeFiles(generatedCluster(50));
  for (const count of [1000, 5000]) {
    const runs = count >= 5000 ? 2 : 3;
    const pipeline = await bestAsync(runs, async () => synthesizeFiles(generatedCluster(count)));
    const objects = renderedObjects(count);
    const yaml = best(runs, () => objects.map((o) => stringify(o)).join('---\n'));
    times.set(count, pipeline.time);
    rows.push(`${String(count).padStart(5)} namespaces  ${String(objects.length).padStart(6)} objects  `
      + `pipeline ${pipeline.time.toFixed(2)} s  plain YAML ${yaml.time.toFixed(2)} s  ratio ${(pipeline.time / yaml.time).toFixed(2)}`);
  }
  process.stdout.write('cdk8s-netpol synthesis (in memory, best of runs)\n');
  for (const row of rows) process.stdout.write(`  ${row}\n`);
  process.stdout.write(`  growth 1,000 -> 5,000 namespaces: ${(times.get(5000)! / times.get(1000)!).toFixed(2)}x (target <= 6x)\n`);

  process.stdout.write('plain cdk8s App.synthYaml(), same objects\n');
  for (const count of [250, 500, 1000, 2000]) {
    const objects = renderedObjects(count);
    const perNamespace = best(1, () => plainCdk8s(objects, true));
    const oneChart = best(1, () => plainCdk8s(objects, false));
    process.stdout.write(`  ${String(count).padStart(5)} namespaces: one chart per namespace ${perNamespace.time.toFixed(2)} s, one chart ${oneChart.time.toFixed(2)} s\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
