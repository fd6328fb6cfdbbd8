import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { loadTopology } from '../../src/probe/topology-file';

// docs/topology.md documents the format in the repository: its examples must stay valid.
describe('docs/topology.md', () => {
  const page = fs.readFileSync('docs/topology.md', 'utf8');
  const blocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

  test.each(blocks.map((b, i) => [i, b]))('YAML example %i is a valid topology, read as netpol reads the file', (i, block) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-topology-doc-'));
    try {
      fs.writeFileSync(path.join(dir, `example-${i}.yaml`), block);
      expect(loadTopology(`example-${i}.yaml`, dir).namespaces.size).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the reference topology (platform/homelab-topology.yaml) is valid and names the demo namespaces', () => {
    expect([...loadTopology('platform/homelab-topology.yaml').namespaces.keys()]).toContain('demo-standard');
  });

  test('the shell example runs as shown', async () => {
    const io = captureIo();
    expect(await main(['explain', 'demo-standard/pod', 'database/postgresql', '5432/tcp', '--manifests', 'dist/homelab'], io)).toBe(0);
    expect(page).toContain(`# ${io.out().split('\n')[0]}`);
  });
});
