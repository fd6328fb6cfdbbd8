/**
 * Property: any policy set imports with zero flow change. Random NetworkPolicies, CNPs and CCNPs
 * (and Namespaces) go through the whole pipeline (recognizers, as-is, demotion); the import's own
 * proof must hold, and, checked apart from it, the generated definition's manifests must allow
 * exactly what the input allows on a fixed topology of labelled namespaces (the probe tests' one).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatFlow } from '../../src/diff/flow-change';
import { importManifests } from '../../src/import/importer';
import { buildImport } from '../../src/import/prove';
import type { Manifest } from '../../src/manifests/manifest';
import type { Protocol } from '../../src/probe/flow';
import { Simulator } from '../../src/probe/simulator';
import { ccnp, cnp, namespaceManifest, np, topology } from '../probe/builders';

type Json = Record<string, unknown>;

const TOPOLOGY = topology();
const PEERS = ['x/a', 'x/b', 'y/a', 'y/c', 'z/b', 'kube-system/dns', 'external:github', 'entity:host', 'external:lan'];
const PORTS: [number, Protocol][] = [[80, 'TCP'], [53, 'UDP'], [443, 'TCP'], [450, 'TCP'], [9999, 'SCTP']];

const podSelector = fc.constantFrom<Json>({}, { matchLabels: { pod: 'a' } }, { matchLabels: { pod: 'b' } }, { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'c'] }] });
const namespace = fc.constantFrom('x', 'y', 'z');
const npPeer = fc.oneof(
  podSelector.map((s) => ({ podSelector: s })),
  fc.constantFrom<Json>({ namespaceSelector: {} }, { namespaceSelector: { matchLabels: { ns: 'y' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } }),
  podSelector.map((s) => ({ namespaceSelector: { matchLabels: { ns: 'z' } }, podSelector: s })),
  fc.constantFrom<Json>({ ipBlock: { cidr: '140.82.0.0/16' } }, { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }),
);
const npPort = fc.constantFrom<Json>({ port: 80 }, { port: 53, protocol: 'UDP' }, { port: 'http' }, { port: 400, endPort: 500 }, { protocol: 'UDP' }, { port: 443, protocol: 'TCP' });
const npRule = (key: 'from' | 'to') => fc.record({ peers: fc.array(npPeer, { maxLength: 2 }), ports: fc.array(npPort, { maxLength: 2 }) })
  .map(({ peers, ports }) => ({ ...(peers.length ? { [key]: peers } : {}), ...(ports.length ? { ports } : {}) }));

const ciliumSelector = fc.constantFrom<Json>(
  {}, { matchLabels: { pod: 'b' } }, { matchLabels: { 'io.kubernetes.pod.namespace': 'y' } }, { matchLabels: { 'io.kubernetes.pod.namespace': 'y', pod: 'c' } },
  { matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.ns': 'z' } }, { matchExpressions: [{ key: 'pod', operator: 'NotIn', values: ['a'] }] },
);
const ciliumPorts = fc.option(fc.array(fc.constantFrom<Json>({ port: '80', protocol: 'TCP' }, { port: '53', protocol: 'ANY' }, { port: '443', protocol: 'TCP' }, { port: '400', endPort: 500, protocol: 'TCP' }, { port: '0', protocol: 'TCP' }), { minLength: 1, maxLength: 2 }), { nil: undefined });
const ciliumRule = (direction: 'from' | 'to') => fc.record({
  peer: fc.oneof(
    fc.array(ciliumSelector, { minLength: 1, maxLength: 2 }).map((s) => ({ [`${direction}Endpoints`]: s })),
    fc.constantFrom(['world'], ['cluster'], ['host'], ['kube-apiserver']).map((e) => ({ [`${direction}Entities`]: e })),
    fc.constantFrom(['140.82.0.0/16'], ['0.0.0.0/0']).map((c) => ({ [`${direction}CIDR`]: c })),
  ),
  ports: ciliumPorts,
}).map(({ peer, ports }) => ({ ...peer, ...(ports ? { toPorts: [{ ports }] } : {}) }));

const policySet = fc.record({
  namespaces: fc.subarray(['x', 'y', 'z']),
  policies: fc.array(fc.oneof(
    fc.record({ kind: fc.constant('np'), ns: namespace, selector: podSelector, ingress: fc.array(npRule('from'), { maxLength: 2 }), egress: fc.option(fc.array(npRule('to'), { maxLength: 2 }), { nil: undefined }) }),
    fc.record({
      kind: fc.constantFrom('cnp', 'ccnp'), ns: namespace, selector: ciliumSelector,
      ingress: fc.array(ciliumRule('from'), { minLength: 1, maxLength: 2 }), egress: fc.array(ciliumRule('to'), { maxLength: 2 }), deny: fc.option(ciliumRule('from'), { nil: undefined }),
    }),
  ), { minLength: 1, maxLength: 5 }),
}).map(({ namespaces, policies }): Manifest[] => [
  ...namespaces.map((ns) => namespaceManifest(ns, { ns })),
  ...policies.map((p, i): Manifest => {
    if (p.kind === 'np') {
      const types = p.egress === undefined ? ['Ingress'] : ['Ingress', 'Egress'];
      return np(p.ns, `p${i}`, { podSelector: p.selector, policyTypes: types, ingress: p.ingress, ...(p.egress === undefined ? {} : { egress: p.egress }) });
    }
    const spec = { endpointSelector: p.selector, ingress: p.ingress, ...(p.egress.length ? { egress: p.egress } : {}), ...('deny' in p && p.deny ? { ingressDeny: [p.deny] } : {}) };
    return p.kind === 'cnp' ? cnp(p.ns, `p${i}`, spec) : ccnp(`p${i}`, spec);
  }),
]);

function allowed(manifests: Manifest[]): string[] {
  const sim = Simulator.build(manifests, TOPOLOGY, { cni: 'cilium' });
  const result: string[] = [];
  for (const from of PEERS) for (const to of PEERS) for (const [port, protocol] of PORTS) {
    if (from !== to && sim.evaluate({ from, to, port, protocol }).verdict === 'allow') result.push(`${from} -> ${to} ${port}/${protocol}`);
  }
  return result;
}

describe('netpol import, on random policy sets', () => {
  test('imports with zero flow change: its own proof holds, and the flows on a fixed labelled topology are the input\'s', async () => {
    await fc.assert(fc.asyncProperty(policySet, async (input) => {
      const result = await importManifests(input, { clusterName: 'random' });
      expect(result.proof.changes.map((c) => `${c.change} ${formatFlow(c)}`)).toEqual([]);
      const built = await buildImport(result.files, 'random', result.renderer);
      expect(allowed(built.manifests)).toEqual(allowed(input));
    }), { numRuns: 25, seed: 20261202 });
  }, 120_000);
});
