import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '..', '..');

describe('netpol explain and appPorts', () => {
  test('a gateway flow denied on a port outside the application ports names appPorts as the fix', async () => {
    const io = captureIo(ROOT);
    const status = await main(['explain', 'istio-gateway/internal', 'demo-internal/app', '8000', '--manifests', 'dist/homelab', '--topology', 'platform/homelab-topology.yaml'], io);
    expect(status).toBe(1);
    expect(io.out()).toContain('note: gateways reach application pods only on the application ports: the cluster\'s (NetpolCluster appPorts) or, for one namespace, its own (AppNamespace appPorts: [Port.tcp(8000)])');
  });

  test('no such note for an allowed flow or a flow not from a gateway', async () => {
    for (const args of [['istio-gateway/internal', 'demo-internal/app', '8080'], ['demo-internal/app', 'demo-standard/app', '8000']]) {
      const io = captureIo(ROOT);
      await main(['explain', ...args, '--manifests', 'dist/homelab', '--topology', 'platform/homelab-topology.yaml'], io);
      expect(io.out()).not.toContain('appPorts');
    }
  });
});
