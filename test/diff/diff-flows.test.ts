import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffFlows, type DiffSide } from '../../src/diff/diff-flows';
import { formatFlow } from '../../src/diff/flow-change';
import { collectPolicyPorts } from '../../src/flows/policy-ports';
import { uniquePorts } from '../../src/flows/port-protocol';
import { loadManifests } from '../../src/manifests/load';
import type { Flow } from '../../src/probe/flow';
import { Simulator } from '../../src/probe/simulator';
import { loadTopology } from '../../src/probe/topology-file';
import { cnp, FIXTURES, namespace, np, pod, toPorts, topology } from './builders';

const side = (dir: string): DiffSide => ({ label: dir, manifests: loadManifests([path.join(FIXTURES, dir)]) });
const fixtureTopology = () => loadTopology(path.join(FIXTURES, 'topology.yaml'));

describe('diffFlows on the fixtures', () => {
  test('lists the flows the change opens and closes, with the deciding policies', () => {
    const diff = diffFlows(side('base'), side('head'), fixtureTopology());
    expect(diff.changes.map((c) => `${c.change} ${formatFlow(c)}`)).toEqual([
      'closed app/web-1 -> db/pg:5432/TCP',
      'opened app/web-1 -> external:github:443/TCP',
      'opened app/web-1 -> external:world:443/TCP',
      'closed app/web-2 -> db/pg:5432/TCP',
      'opened app/web-2 -> external:github:443/TCP',
      'opened app/web-2 -> external:world:443/TCP',
    ]);
    expect(diff.changes.find((c) => c.to === 'external:world')?.decidedBy).toEqual(['CiliumNetworkPolicy app/web']);
    // The closing side is postgres' ingress; with no rule left for 5432 the simulator names the default deny.
    expect(diff.changes[0].reason).toMatch(/default-deny.*app\/web-1/);
    expect(diff.changes[3].reason).toMatch(/app\/web-2/);
  });

  test('finds nothing when both sides are the same', () => {
    const diff = diffFlows(side('base'), side('base'), fixtureTopology());
    expect(diff.changes).toEqual([]);
    expect(diff.checked).toBeGreaterThan(0);
  });

  test('grouping pods into identities finds exactly what deciding every pod pair finds', () => {
    // GIVEN the fixture change and every peer pair on every candidate port, decided one by one
    const topo = { ...fixtureTopology() };
    const world = { namespaces: topo.namespaces, externals: new Map(topo.externals).set('world', {}) };
    const base = side('base');
    const head = side('head');
    const [before, after] = [base, head].map((s) => Simulator.build(s.manifests, world));
    const policyPorts = collectPolicyPorts(base.manifests, head.manifests);
    const pods = [...world.namespaces].flatMap(([ns, n]) => [...n.pods.keys()].map((p) => `${ns}/${p}`));
    const outside = ['external:github', 'external:world', 'entity:health', 'entity:host', 'entity:kube-apiserver'];
    const allPorts = uniquePorts([...policyPorts.ports, policyPorts.outside,
      ...[...world.namespaces.values()].flatMap((n) => [...n.pods.values()].flatMap((p) => p.ports ?? []))]);
    const expected: string[] = [];
    for (const from of [...pods, ...outside]) {
      for (const to of [...pods, ...outside]) {
        if (from === to || (!pods.includes(from) && !pods.includes(to))) continue;
        for (const { port, protocol } of allPorts) {
          const flow: Flow = { from, to, port, protocol };
          if (before.evaluate(flow).verdict !== after.evaluate(flow).verdict) expected.push(formatFlow(flow));
        }
      }
    }
    // WHEN diffFlows decides once per identity pair
    const diff = diffFlows(base, head, topo);
    // THEN it lists the same flows
    expect(diff.changes.map(formatFlow).sort()).toEqual(expected.sort());
  });
});

describe('diffFlows with --cni kubernetes', () => {
  const topo = topology({ web: { a: pod({ app: 'web' }) }, db: { pg: pod({ app: 'pg' }, ['pg=5432']) } });

  test('a NetworkPolicy default deny closes ingress, with the reason when no policy allows', () => {
    const head: DiffSide = { label: 'head', manifests: [np('db', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] })] };
    const diff = diffFlows({ label: 'base', manifests: [] }, head, topo, { cni: 'kubernetes' });
    expect(diff.changes.every((c) => c.to === 'db/pg' && c.change === 'closed')).toBe(true);
    expect(diff.changes.map((c) => c.from)).toEqual(expect.arrayContaining(['web/a', 'external:world']));
    expect(diff.changes[0]).toMatchObject({ from: 'web/a', port: 5432, decidedBy: [], reason: 'default-deny: selected by NP db/deny-all; no rule allows web/a on 5432/TCP' });
  });

  test('reports the simulator notices of both sides once', () => {
    const sideWith: DiffSide = { label: 's', manifests: [cnp('db', 'x', { endpointSelector: {} })] };
    const diff = diffFlows(sideWith, sideWith, topo, { cni: 'kubernetes' });
    expect(diff.notices).toEqual([expect.stringMatching(/--cni kubernetes ignores 1 Cilium policy/)]);
  });
});

test('each member pair gets the reason with its own peer names, not the representative\'s', () => {
  // GIVEN two pods of one identity in a, open before, then a's ingress default-deny
  const topo = topology({ a: { 'p-1': pod({}), 'p-10': pod({}) } });
  const closed: DiffSide = { label: 'h', manifests: [cnp('a', 'in', { endpointSelector: {}, ingress: [{ fromEntities: ['world'], toPorts: toPorts({ port: '443', protocol: 'TCP' }) }] })] };
  // WHEN the diff copies the representative's verdict to both pods of the group
  const diff = diffFlows({ label: 'b', manifests: [] }, closed, topo);
  const within = diff.changes.filter((c) => c.from.startsWith('a/') && c.to.startsWith('a/') && c.port === 443);
  // THEN every change names its own pods
  expect(within.map((c) => c.reason)).toEqual([
    'default-deny: selected by CNP a/in; no rule allows a/p-1 on 443/TCP',
    'default-deny: selected by CNP a/in; no rule allows a/p-10 on 443/TCP',
  ]);
});

test('a namespace the change adds, missing from the topology, gets representative pods and a notice', () => {
  // GIVEN a head that adds namespace shop with a policy letting its web pods reach the internet
  const head: DiffSide = {
    label: 'head',
    manifests: [namespace('shop'), cnp('shop', 'web', { endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEntities: ['world'], toPorts: toPorts({ port: '443', protocol: 'TCP' }) }] })],
  };
  // WHEN it is diffed against an empty base with a topology that does not know shop
  const diff = diffFlows({ label: 'base', manifests: [] }, head, topology({ app: { a: pod({}) } }));
  // THEN shop/web stands in for shop's pods, and the diff says so
  expect(diff.notices).toEqual(['not in the topology, so representative pods stand in for their pods: namespace shop.']);
  expect(diff.changes.filter((c) => c.from === 'shop/web').map((c) => `${c.change} ${c.to}:${c.port}`)).toContain('closed app/a:65535');
});

test('finds a change between overlapping port ranges', () => {
  // GIVEN ingress to db/pg on 1000-2000, 1500-2500 and 2200-3000, then the middle range dropped
  const ranges = (...list: [number, number][]) => cnp('db', 'pg', {
    endpointSelector: {}, ingress: [{ fromEntities: ['cluster'], toPorts: [{ ports: list.map(([port, endPort]) => ({ port: String(port), endPort, protocol: 'TCP' })) }] }],
  });
  const topo = topology({ web: { a: pod({}) }, db: { pg: pod({}) } });
  // WHEN diffed
  const before = ranges([1000, 2000], [1500, 2500], [2200, 3000]);
  const diff = diffFlows({ label: 'b', manifests: [before] }, { label: 'h', manifests: [ranges([1000, 2000], [2200, 3000])] }, topo);
  // THEN the ports 2001-2199 only the middle range covered are closed, found at 2001 (the port after 1000-2000)
  expect(diff.changes.filter((c) => c.from === 'web/a').map((c) => `${c.change} ${c.port}`)).toEqual(['closed 2001']);
});
