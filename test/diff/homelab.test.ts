import * as path from 'node:path';
import { expect, test } from 'vitest';
import { diffFlows, type DiffSide } from '../../src/diff/diff-flows';
import { loadManifests } from '../../src/manifests/load';
import type { Manifest } from '../../src/manifests/manifest';
import { loadTopology } from '../../src/probe/topology-file';
import { FIXTURES } from './builders';

const DIST = path.join(__dirname, '..', '..', 'dist', 'homelab');
const topology = () => loadTopology(path.join(FIXTURES, 'homelab', 'topology.yaml'));
const homelab = (): DiffSide => ({ label: 'dist/homelab', manifests: loadManifests([DIST]) });

/** The homelab manifests with one label removed from one Namespace. */
function withoutNamespaceLabel(namespace: string, label: string): DiffSide {
  const manifests = homelab().manifests.map((m): Manifest => {
    if (m.object.kind !== 'Namespace' || m.object.metadata.name !== namespace) return m;
    const labels = { ...m.object.metadata.labels };
    delete labels[label];
    return { ...m, object: { ...m.object, metadata: { ...m.object.metadata, labels } } };
  });
  return { label: 'changed', manifests };
}

test('the homelab against itself changes no flow', () => {
  const diff = diffFlows(homelab(), homelab(), topology());
  expect(diff.changes).toEqual([]);
  expect(diff.checked).toBeGreaterThan(5000);
});

test('dropping an access label closes exactly the flows to that shared service, for every replica pair', () => {
  // GIVEN demo-standard (pods app-1, app-2) loses its postgres access label
  const head = withoutNamespaceLabel('demo-standard', 'access.network-policy.homelab/postgres');
  // WHEN the change is diffed
  const diff = diffFlows(homelab(), head, topology());
  // THEN both app pods lose postgres (both replicas) on 5432 and on HBONE (both are in the
  // ambient mesh), and nothing else changes
  expect(diff.changes.map((c) => `${c.change} ${c.from} -> ${c.to}:${c.port}`)).toEqual([
    'closed demo-standard/app-1 -> database/postgres-1:5432',
    'closed demo-standard/app-1 -> database/postgres-1:15008',
    'closed demo-standard/app-1 -> database/postgres-2:5432',
    'closed demo-standard/app-1 -> database/postgres-2:15008',
    'closed demo-standard/app-2 -> database/postgres-1:5432',
    'closed demo-standard/app-2 -> database/postgres-1:15008',
    'closed demo-standard/app-2 -> database/postgres-2:5432',
    'closed demo-standard/app-2 -> database/postgres-2:15008',
  ]);
});
