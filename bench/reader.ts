/**
 * Input reader benchmark (issue 15): the duplicate-key check on one large mapping, and reading a
 * manifests file near the input limit. Prints:
 * - parse time of one mapping of 20,000 / 40,000 / 100,000 keys with netpol's linear duplicate
 *   check, and with the `yaml` package's own check (`uniqueKeys: true`, which compares every key
 *   with every other) for 20,000 and 40,000 keys, for comparison;
 * - the time and heap growth of reading a ~7 MB manifests file (the limit is 8 MiB per file).
 *
 * Run alone: node --import tsx bench/reader.ts (or with the others: npm run bench).
 */
import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../src/manifests/load';
import { parseYamlDocuments } from '../src/manifests/yaml-documents';

function time(label: string, run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(62)} ${seconds.toFixed(2)} s`);
  return seconds;
}

const mapping = (n: number): string => `${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\n`;

const linear: Record<number, number> = {};
for (const n of [20_000, 40_000, 100_000]) {
  const text = mapping(n);
  linear[n] = time(`one mapping of ${n.toLocaleString('en')} keys, netpol reader`, () => parseYamlDocuments(text, 'bench.yaml'));
}
console.log(`  100,000 / 20,000 keys: ${(linear[100_000] / linear[20_000]).toFixed(1)}x (linear: 5x)`);
for (const n of [20_000, 40_000]) {
  const text = mapping(n);
  time(`one mapping of ${n.toLocaleString('en')} keys, yaml uniqueKeys: true`, () => parseAllDocuments(text, { uniqueKeys: true }));
}

const namespace = (i: number) => `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: app-${i}\n  labels:\n    network-policy.homelab/profile: standard\n    team: t${i % 40}\n`;
const chunks: string[] = [];
let size = 0;
for (let i = 0; size < 7 * 1024 * 1024; i++) {
  const chunk = namespace(i);
  chunks.push(chunk);
  size += chunk.length;
}
const big = chunks.join('');
const before = process.memoryUsage().heapUsed;
let count = 0;
time(`${(size / 1024 / 1024).toFixed(0)} MB of manifests (${chunks.length.toLocaleString('en')} Namespaces)`, () => { count = parseManifests(big, 'bench.yaml').length; });
console.log(`  ${count.toLocaleString('en')} objects, heap +${((process.memoryUsage().heapUsed - before) / 1024 / 1024).toFixed(0)} MB`);
