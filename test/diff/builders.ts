import * as path from 'node:path';
import type { Manifest } from '../../src/manifests/manifest';
import type { Protocol } from '../../src/probe/flow';
import type { Topology, TopologyPod } from '../../src/probe/topology';
import type { FlowChange, FlowDiff } from '../../src/diff/flow-change';

/** The diff fixtures directory. */
export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');

/** A manifest from an object literal. */
export function manifest(object: Record<string, unknown>, file = 'policies.yaml'): Manifest {
  return { object: object as unknown as Manifest['object'], source: { file, document: 0 } };
}

/** A NetworkPolicy. */
export function np(namespace: string, name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
}

/** A CiliumNetworkPolicy. */
export function cnp(namespace: string, name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec });
}

/** A Cilium port list, `toPorts: [{ports: [...]}]`. */
export function toPorts(...ports: { port: string; protocol?: string; endPort?: number }[]): Record<string, unknown>[] {
  return [{ ports }];
}

/** A pod with labels and optional ports (`name=port/proto`). */
export function pod(labels: Record<string, string>, ports: string[] = [], extra: Partial<TopologyPod> = {}): TopologyPod {
  return {
    labels,
    ports: ports.map((p) => {
      const [name, rest] = p.split('=');
      const [port, protocol] = rest.split('/');
      return { name, port: Number(port), protocol: (protocol ?? 'TCP') as Protocol };
    }),
    ...extra,
  };
}

/** A topology from `{ns: {pod: TopologyPod}}`. */
export function topology(namespaces: Record<string, Record<string, TopologyPod>>, externals: Topology['externals'] = new Map()): Topology {
  return {
    namespaces: new Map(Object.entries(namespaces).map(([ns, pods]) => [ns, { labels: {}, pods: new Map(Object.entries(pods)) }])),
    externals,
  };
}

/** A flow change with defaults for the fields a test does not care about. */
export function change(overrides: Partial<FlowChange> & Pick<FlowChange, 'from' | 'to'>): FlowChange {
  const change = overrides.change ?? 'opened';
  return {
    port: 443, protocol: 'TCP', change, sides: ['egress'],
    group: overrides.from.includes(':') ? overrides.from : overrides.from.split('/')[0],
    before: change === 'opened' ? 'deny' : 'allow', after: change === 'opened' ? 'allow' : 'deny',
    decidedBy: ['CiliumNetworkPolicy app/web'],
    ...overrides,
  };
}

/** A diff of the given changes. */
export function flowDiff(changes: FlowChange[], notices: string[] = []): FlowDiff {
  return { base: 'origin/main:dist', head: 'dist', changes, checked: 42, notices };
}

/** A CiliumClusterwideNetworkPolicy. */
export function ccnp(name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
}

/** A Namespace manifest. */
export function namespace(name: string, labels: Record<string, string> = {}): Manifest {
  return manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}
