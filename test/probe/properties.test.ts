import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/manifests/manifest';
import type { Cni, Protocol } from '../../src/probe/flow';
import { Simulator } from '../../src/probe/simulator';
import { cnp, np, topology } from './builders';
import { ciliumRule, ciliumSelector, cni, namespace, npRule, policyPool, type Json } from './policy-arbitraries';

// Property tests over a pool of policies, in the style of aws-cdk's rule-subsumption tests.

const TOPOLOGY = topology();
const PEERS = [
  'x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/c', 'external:github', 'external:lan', 'entity:host', 'entity:remote-node',
];
const PORTS: [number, Protocol][] = [[80, 'TCP'], [53, 'UDP'], [450, 'TCP']];
const RUNS = { numRuns: 15 };

function verdicts(manifests: Manifest[], mode: Cni): Map<string, string> {
  const sim = Simulator.build(manifests, TOPOLOGY, { cni: mode });
  const result = new Map<string, string>();
  for (const from of PEERS) for (const to of PEERS) for (const [port, protocol] of PORTS) {
    result.set(`${from} ${to} ${port}/${protocol}`, JSON.stringify(sim.evaluate({ from, to, port, protocol })));
  }
  return result;
}

function allowed(manifests: Manifest[], mode: Cni): Set<string> {
  return new Set([...verdicts(manifests, mode)].filter(([, v]) => (JSON.parse(v) as { verdict: string }).verdict === 'allow').map(([k]) => k));
}

function withRule(manifests: Manifest[], index: number, key: string, rule: Json): Manifest[] {
  return manifests.map((m, i) => {
    if (i !== index % manifests.length) return m;
    const spec = m.object.spec as Json;
    return { ...m, object: { ...m.object, spec: { ...spec, [key]: [...(spec[key] as Json[] ?? []), rule] } } };
  });
}

describe('engine properties', () => {
  test('adding an allow rule never removes an allowed flow when no deny rule exists', () => {
    fc.assert(fc.property(policyPool, fc.nat(), fc.boolean(), npRule('from'), ciliumRule('from'), npRule('to'), ciliumRule('to'), cni,
      (manifests, index, ingress, npIn, ciliumIn, npOut, ciliumOut, mode) => {
        const target = manifests[index % manifests.length];
        const isNp = target.object.kind === 'NetworkPolicy';
        const rule = ingress ? (isNp ? npIn : ciliumIn) : (isNp ? npOut : ciliumOut);
        const before = allowed(manifests, mode);
        const after = allowed(withRule(manifests, index, ingress ? 'ingress' : 'egress', rule), mode);
        for (const flow of before) expect(after.has(flow), flow).toBe(true);
      }), RUNS);
  });

  test('adding a deny rule never adds an allowed flow', () => {
    fc.assert(fc.property(policyPool, namespace, ciliumSelector, fc.boolean(), ciliumRule('from', 'deny'), ciliumRule('to', 'deny'), (manifests, ns, selector, ingress, denyIn, denyOut) => {
      const deny = cnp(ns, 'deny', { endpointSelector: selector, ...(ingress ? { ingressDeny: [denyIn] } : { egressDeny: [denyOut] }) });
      const before = allowed(manifests, 'cilium');
      const after = allowed([...manifests, deny], 'cilium');
      for (const flow of after) expect(before.has(flow), flow).toBe(true);
    }), RUNS);
  });

  test('a pod selected by no policy is unrestricted on its own side', () => {
    // GIVEN policies that only ever select pods labelled pod=a or pod=b
    const narrow = fc.array(fc.record({ ns: namespace, pod: fc.constantFrom('a', 'b'), cilium: fc.boolean(), ingress: ciliumRule('from'), egress: ciliumRule('to') }), { minLength: 1, maxLength: 4 }).map((list) => list.map((p, i) => (p.cilium
      ? cnp(p.ns, `p${i}`, { endpointSelector: { matchLabels: { pod: p.pod } }, ingress: [p.ingress], egress: [p.egress] })
      : np(p.ns, `p${i}`, { podSelector: { matchLabels: { pod: p.pod } }, policyTypes: ['Ingress', 'Egress'] }))));
    fc.assert(fc.property(narrow, cni, (manifests, mode) => {
      // WHEN every flow is decided
      const sim = Simulator.build(manifests, TOPOLOGY, { cni: mode });
      // THEN pods labelled pod=c allow everything on their side
      for (const peer of PEERS) for (const [port, protocol] of PORTS) {
        for (const c of ['x/c', 'y/c', 'z/c']) {
          expect(sim.evaluate({ from: c, to: peer, port, protocol }).egress.verdict).toBe('allow');
          expect(sim.evaluate({ from: peer, to: c, port, protocol }).ingress.verdict).toBe('allow');
        }
      }
    }), RUNS);
  });

  test('results do not depend on manifest order', () => {
    fc.assert(fc.property(policyPool.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), cni,
      ([manifests, shuffled], mode) => {
        expect(verdicts(shuffled, mode)).toEqual(verdicts(manifests, mode));
      }), RUNS);
  });

  test('the reachability matrix agrees with evaluating every pod pair', () => {
    fc.assert(fc.property(policyPool, cni, fc.constantFrom<[number, Protocol]>(...PORTS), (manifests, mode, [port, protocol]) => {
      const sim = Simulator.build(manifests, TOPOLOGY, { cni: mode });
      const table = sim.reachability(port, protocol);
      table.pods.forEach((from, i) => table.pods.forEach((to, j) => {
        const expected = sim.evaluate({ from, to, port, protocol }).verdict === 'allow' ? '.' : 'X';
        expect(table.rows[i][j], `${from} -> ${to}`).toBe(expected);
      }));
    }), RUNS);
  });

  test('the flow space agrees with explain on every flow, outside peers included', () => {
    const outside = PEERS.filter((peer) => !peer.includes('/'));
    fc.assert(fc.property(policyPool, fc.constantFrom<Cni>('cilium', 'kubernetes', 'none'), (manifests, mode) => {
      const sim = Simulator.build(manifests, TOPOLOGY, { cni: mode });
      const space = sim.flowSpace(outside);
      const name = (index: number) => (space.isPod(index) ? space.endpoint(index).name : outside[index - sim.identityList().length]);
      for (const [port, protocol] of PORTS) {
        const table = space.table(port, protocol);
        for (let i = 0; i < space.size; i++) {
          const from = table.from(i);
          const into = table.into(i);
          for (let j = 0; j < space.size; j++) {
            const flow = { from: name(i), to: name(j), port, protocol };
            const verdict = sim.evaluate(flow);
            expect(table.egress(i).has(j), `egress ${flow.from} -> ${flow.to} ${port}/${protocol}`).toBe(verdict.egress.verdict === 'allow');
            expect(table.ingress(j).has(i), `ingress ${flow.from} -> ${flow.to} ${port}/${protocol}`).toBe(verdict.ingress.verdict === 'allow');
            expect(from.has(j), `${flow.from} -> ${flow.to} ${port}/${protocol}`).toBe(verdict.verdict === 'allow');
            expect(table.into(j).has(i)).toBe(verdict.verdict === 'allow');
          }
          expect(into.members().every((j) => table.from(j).has(i))).toBe(true);
        }
      }
    }), RUNS);
  });
});
