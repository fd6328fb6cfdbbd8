import * as path from 'node:path';
import type { Manifest } from '../../src/manifests/manifest';

/** The docs fixtures directory. */
export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'docs');

/** A manifest from an object literal. */
export function manifest(object: Record<string, unknown>): Manifest {
  return { object: object as unknown as Manifest['object'], source: { file: 'test.yaml', document: 0 } };
}

/** A Namespace manifest. */
export function namespace(name: string, labels: Record<string, string> = {}): Manifest {
  return manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

/** A CiliumNetworkPolicy. */
export function cnp(ns: string, name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns }, spec });
}

/** A CiliumClusterwideNetworkPolicy. */
export function ccnp(name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
}

/** A NetworkPolicy. */
export function np(ns: string, name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
}
