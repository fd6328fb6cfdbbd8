import type { Manifest } from '../../src/manifests/manifest';
import type { Cni, Protocol } from '../../src/probe/flow';
import { Simulator } from '../../src/probe/simulator';
import type { Topology, TopologyPod } from '../../src/probe/topology';
import type { FlowVerdict } from '../../src/probe/verdict';

/** A manifest from an object literal. */
export function manifest(object: Record<string, unknown>, file = 'policies.yaml', document = 0): Manifest {
  return { object: object as unknown as Manifest['object'], source: { file, document } };
}

/** A NetworkPolicy. */
export function np(namespace: string, name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
}

/** A CiliumNetworkPolicy. */
export function cnp(namespace: string, name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec });
}

/** A CiliumClusterwideNetworkPolicy. */
export function ccnp(name: string, spec: Record<string, unknown>): Manifest {
  return manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
}

/** A Namespace manifest. */
export function namespaceManifest(name: string, labels: Record<string, string>): Manifest {
  return manifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

/**
 * The topology most tests use: namespaces x, y, z with pods a, b, c labelled `pod: <name>`
 * (the Kubernetes e2e netpol layout), IPs 10.0.<ns>.<pod>, plus externals and kube-dns.
 */
export function topology(overrides: Partial<Record<string, { labels?: Record<string, string>; pods?: Record<string, TopologyPod> }>> = {}): Topology {
  const namespaces: Record<string, { labels: Record<string, string>; pods: Record<string, TopologyPod> }> = {};
  ['x', 'y', 'z'].forEach((ns, i) => {
    namespaces[ns] = {
      labels: { ns },
      pods: Object.fromEntries(['a', 'b', 'c'].map((pod, j) => [pod, {
        labels: { pod }, ip: `10.0.${i + 1}.${j + 1}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' as const }, { name: 'dns', port: 53, protocol: 'UDP' as const }],
      }])),
    };
  });
  namespaces['kube-system'] = { labels: {}, pods: { dns: { labels: { 'k8s-app': 'kube-dns' }, ip: '10.0.9.10' } } };
  for (const [name, value] of Object.entries(overrides)) {
    namespaces[name] = { labels: value?.labels ?? namespaces[name]?.labels ?? {}, pods: value?.pods ?? namespaces[name]?.pods ?? {} };
  }
  return {
    namespaces: new Map(Object.entries(namespaces).map(([name, ns]) => [name, { labels: ns.labels, pods: new Map(Object.entries(ns.pods)) }])),
    externals: new Map([
      ['github', { ip: '140.82.112.3', fqdn: 'api.github.com' }],
      ['example', { ip: '93.184.216.34', fqdn: 'example.com' }],
      ['lan', { ip: '192.168.1.20' }],
    ]),
  };
}

/** Builds a simulator and decides one flow. */
export function decide(manifests: Manifest[], from: string, to: string, port: number, options: { protocol?: Protocol; cni?: Cni; topology?: Topology } = {}): FlowVerdict {
  const simulator = Simulator.build(manifests, options.topology ?? topology(), { cni: options.cni ?? 'cilium' });
  return simulator.evaluate({ from, to, port, protocol: options.protocol ?? 'TCP' });
}

/** The overall verdict of one flow. */
export function verdictOf(manifests: Manifest[], from: string, to: string, port: number, options: { protocol?: Protocol; cni?: Cni; topology?: Topology } = {}): 'allow' | 'deny' {
  return decide(manifests, from, to, port, options).verdict;
}
