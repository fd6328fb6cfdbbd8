import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIo } from '../../../src/cli/io';

// The README's example must stay true.
const root = path.resolve(__dirname, '../../..');
const files = ['--manifests', 'examples/probe/manifests.yaml', '--topology', 'examples/probe/topology.yaml'];

describe('examples/probe', () => {
  test('every probe of the example passes', async () => {
    const io = captureIo(root);
    expect(await main(['probe', ...files, '--probes', 'examples/probe/probes.yaml'], io)).toBe(0);
    expect(io.out()).toContain('\n5 passed, 0 failed\n');
  });

  test('the example folder can be given whole: its topology and probe files are no manifests', async () => {
    const io = captureIo(root);
    expect(await main(['probe', '--manifests', 'examples/probe', '--topology', 'examples/probe/topology.yaml', '--probes', 'examples/probe/probes.yaml'], io)).toBe(0);
    expect(io.out()).toContain('\n5 passed, 0 failed\n');
  });

  test('explain names the profile that denies the external gateway', async () => {
    const io = captureIo(root);
    expect(await main(['explain', 'istio-gateway/external', 'shop/web', '8080', ...files], io)).toBe(1);
    expect(io.out()).toContain('ingress of shop/web: denied: default-deny: selected by CCNP profile-internal; no rule allows istio-gateway/external on 8080/TCP');
  });

  test('the matrix shows who reaches postgres', async () => {
    const io = captureIo(root);
    expect(await main(['probe', ...files, '--matrix', '5432'], io)).toBe(0);
    expect(io.out().split('\n').find((l) => l.startsWith('shop/web'))).toBe('shop/web\t.\tX\tX\tX\tX');
  });
});
