import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { captureIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { refuseDuplicateObjects } from '../../src/manifests/duplicates';
import { parseManifests } from '../../src/manifests/load';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

describe('refuseDuplicateObjects', () => {
  test('accepts distinct objects, and the same name in another kind or namespace', () => {
    const manifests = [...parseManifests(ns('a') + '---\n' + ns('b'), 'x.yaml'),
      ...parseManifests('apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: b}\nspec: {endpointSelector: {}}\n', 'y.yaml')];
    expect(() => refuseDuplicateObjects(manifests, '--manifests x')).not.toThrow();
  });

  test('fails when an object appears twice, naming both files and the fix', () => {
    const manifests = [...parseManifests(ns('a'), 'dist/homelab/app.yaml'), ...parseManifests(ns('a'), 'dist/edge/app.yaml')];
    expect(() => refuseDuplicateObjects(manifests, '--manifests dist'))
      .toThrow(/^--manifests dist: Namespace a appears twice \(dist\/homelab\/app\.yaml and dist\/edge\/app\.yaml\)\. .*one cluster's folder, e\.g\. dist\/homelab\.$/);
  });

  test.each([
    [['docs', '--manifests', 'dist']],
    [['diff', '--base', 'dist', '--head', 'dist/homelab', '--topology', 'platform/homelab-topology.yaml']],
  ])('netpol %j fails with status 2 on a folder of several clusters', async (argv) => {
    const io = captureIo(path.join(__dirname, '..', '..'));
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(/appears twice \(dist\/edge\/.* and dist\/homelab\/.*\)/);
    expect(io.out()).toBe('');
  });
});
