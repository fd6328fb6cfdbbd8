import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allChangedPairs, alignedSpaces, ChangedPairs } from '../../src/diff/changed-pairs';
import type { PortProtocol } from '../../src/flows/port-protocol';
import type { FlowSpace } from '../../src/probe/flow-table';
import type { Manifest } from '../../src/manifests/manifest';
import type { Cni } from '../../src/probe/flow';
import { Simulator } from '../../src/probe/simulator';
import { cnp, namespaceManifest, topology } from '../probe/builders';
import { ciliumRule, ciliumSelector, namespace, npRule, policyPool, type Json } from '../probe/policy-arbitraries';

// The fast path of `diffFlows` (only the sides that changed) against deciding every row of both sides.

const TOPOLOGY = topology();
const OUTSIDE = ['external:github', 'external:lan', 'external:world', 'entity:host', 'entity:remote-node', 'entity:health'];
const PORTS: PortProtocol[] = [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }, { port: 450, protocol: 'TCP' }, { port: 65535, protocol: 'TCP' }];
const TOPOLOGY_WITH_WORLD = { ...TOPOLOGY, externals: new Map(TOPOLOGY.externals).set('world', { ip: '8.8.8.8' }) };

/** One edit of a pull request. */
const edit = fc.oneof(
  policyPool.map((added) => ({ kind: 'add' as const, added })),
  fc.nat().map((index) => ({ kind: 'drop' as const, index })),
  fc.record({
    kind: fc.constant('rule' as const), index: fc.nat(), key: fc.constantFrom('ingress', 'egress'),
    npFrom: npRule('from'), npTo: npRule('to'), ciliumFrom: ciliumRule('from'), ciliumTo: ciliumRule('to'),
  }),
  { weight: 3, arbitrary: fc.record({
    kind: fc.constant('ports' as const), index: fc.nat(), key: fc.constantFrom('ingress', 'egress'),
    npPorts: fc.constantFrom<Json[]>([{ port: 80 }], [{ port: 53, protocol: 'UDP' }], [{ port: 'http' }], []),
    ciliumPorts: fc.constantFrom<Json[]>([{ port: '80', protocol: 'TCP' }], [{ port: '450', endPort: 500, protocol: 'TCP' }], [{ port: 'http' }]),
    dns: fc.constantFrom(undefined, 'api.github.com', '*'),
  }) },
  fc.record({ kind: fc.constant('deny' as const), ns: namespace, selector: ciliumSelector, ingressDeny: ciliumRule('from', 'deny'), egressDeny: ciliumRule('to', 'deny') }),
  fc.record({ kind: fc.constant('labels' as const), ns: namespace, labels: fc.constantFrom<Record<string, string>>({ ns: 'y' }, { ns: 'z', extra: 'on' }, { extra: 'on' }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(manifests: Manifest[], edits: readonly Edit[]): Manifest[] {
  let result = manifests;
  edits.forEach((e, n) => {
    switch (e.kind) {
      case 'add':
        result = [...result, ...e.added.map((m) => ({ ...m, object: { ...m.object, metadata: { ...m.object.metadata, name: `added-${n}-${m.object.metadata?.name}` } } }))];
        break;
      case 'drop':
        result = result.filter((_, i) => i !== e.index % Math.max(result.length, 1));
        break;
      case 'rule':
        result = result.map((m, i) => {
          if (i !== e.index % Math.max(result.length, 1) || m.object.kind === 'Namespace') return m;
          const spec = m.object.spec as Json;
          const cilium = m.object.kind !== 'NetworkPolicy';
          const rule = e.key === 'ingress' ? (cilium ? e.ciliumFrom : e.npFrom) : (cilium ? e.ciliumTo : e.npTo);
          return { ...m, object: { ...m.object, spec: { ...spec, [e.key]: [...(spec[e.key] as Json[] ?? []), rule] } } };
        });
        break;
      case 'ports':
        // Same peers, other ports or DNS names: the rule's matched peers stay, its ports change.
        result = result.map((m, i) => {
          const spec = m.object.spec as Json | undefined;
          const rules = spec?.[e.key] as Json[] | undefined;
          if (i !== e.index % Math.max(result.length, 1) || !rules?.length) return m;
          const dns = e.dns !== undefined && e.key === 'egress' ? { rules: { dns: [e.dns === '*' ? { matchPattern: '*' } : { matchName: e.dns }] } } : undefined;
          const changed = m.object.kind === 'NetworkPolicy' ? { ...rules[0], ports: e.npPorts }
            : { ...rules[0], toPorts: [dns ? { ports: [{ port: '53', protocol: 'ANY' }], ...dns } : { ports: e.ciliumPorts }] };
          return { ...m, object: { ...m.object, spec: { ...spec, [e.key]: [changed, ...rules.slice(1)] } } };
        });
        break;
      case 'deny':
        result = [...result, cnp(e.ns, `deny-${n}`, { endpointSelector: e.selector, ingressDeny: [e.ingressDeny], egressDeny: [e.egressDeny] })];
        break;
      case 'labels':
        result = [...result.filter((m) => !(m.object.kind === 'Namespace' && m.object.metadata?.name === e.ns)), namespaceManifest(e.ns, e.labels)];
        break;
    }
  });
  return result;
}

function spacesOf(base: Manifest[], head: Manifest[], cni: Cni) {
  const sims = [base, head].map((m) => Simulator.build(m, TOPOLOGY_WITH_WORLD, { cni }));
  return [sims[0].flowSpace(OUTSIDE), sims[1].flowSpace(OUTSIDE)] as const;
}

function indexOf(space: FlowSpace, name: string): number {
  return [...Array(space.size).keys()].find((i) => space.endpoint(i).name === name)!;
}

describe('ChangedPairs', () => {
  test('finds exactly the flows that deciding every row of both sides finds, on random changes', () => {
    let aligned = 0;
    fc.assert(fc.property(policyPool, fc.array(edit, { minLength: 1, maxLength: 3 }), fc.constantFrom<Cni>('cilium', 'kubernetes', 'none'), (base, edits, cni) => {
      const spaces = spacesOf(base, apply(base, edits), cni);
      if (!alignedSpaces(spaces)) return;
      aligned++;
      const pairs = new ChangedPairs(spaces);
      for (const port of PORTS) expect(pairs.on(port), `${port.port}/${port.protocol}`).toEqual(allChangedPairs(spaces, port));
    }), { numRuns: 100 });
    // Most random changes keep the pods grouped alike (under --cni kubernetes, CIDRs can split them).
    expect(aligned).toBeGreaterThan(50);
  });

  test('sides whose policies and matched peers are the same are not recomputed', () => {
    const base = [cnp('x', 'web', { endpointSelector: { matchLabels: { pod: 'a' } }, egress: [{ toEndpoints: [{ matchLabels: { pod: 'b' } }] }] })];
    const head = [...base, cnp('y', 'api', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'x' } }] }] })];
    const spaces = spacesOf(base, head, 'cilium');
    expect(alignedSpaces(spaces)).toBe(true);
    // x/a's egress is the same policy on both sides; y's ingress changed.
    expect(spaces[1].decidesAlike(spaces[0], indexOf(spaces[0], 'x/a'), 'egress')).toBe(true);
    expect(spaces[1].decidesAlike(spaces[0], indexOf(spaces[0], 'y/a'), 'ingress')).toBe(false);
    expect(spaces[1].decidesAlike(spaces[0], indexOf(spaces[0], 'y/a'), 'egress')).toBe(true);
    expect(new ChangedPairs(spaces).on({ port: 80, protocol: 'TCP' })).toEqual(allChangedPairs(spaces, { port: 80, protocol: 'TCP' }));
  });

  test('a namespace label change that a rule matches makes that rule\'s side differ', () => {
    const policy = cnp('x', 'from-z', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.cilium.k8s.namespace.labels.ns': 'z' } }] }] });
    const spaces = spacesOf([policy], [policy, namespaceManifest('y', { ns: 'z' })], 'cilium');
    expect(alignedSpaces(spaces)).toBe(true);
    expect(spaces[1].decidesAlike(spaces[0], indexOf(spaces[0], 'x/a'), 'ingress')).toBe(false);
    expect(spaces[1].decidesAlike(spaces[0], indexOf(spaces[0], 'z/a'), 'ingress')).toBe(true);
    const pairs = new ChangedPairs(spaces).on({ port: 80, protocol: 'TCP' });
    expect(pairs.map((p) => `${spaces[0].endpoint(p.from).name} -> ${spaces[0].endpoint(p.to).name}`)).toEqual(
      ['y/a -> x/a', 'y/a -> x/b', 'y/a -> x/c', 'y/b -> x/a', 'y/b -> x/b', 'y/b -> x/c', 'y/c -> x/a', 'y/c -> x/b', 'y/c -> x/c'],
    );
  });

  const web = (spec: Json) => cnp('x', 'web', { endpointSelector: { matchLabels: { pod: 'a' } }, ...spec });
  const fqdnEgress = (dnsName: string) => web({
    egress: [
      { toFQDNs: [{ matchName: 'api.github.com' }], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] },
      { toEndpoints: [{}], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchName: dnsName }] } }] },
    ],
  });
  test.each([
    ['the ports of a rule', web({ ingress: [{ fromEndpoints: [{}], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }] }),
      web({ ingress: [{ fromEndpoints: [{}], toPorts: [{ ports: [{ port: '450', protocol: 'TCP' }] }] }] }), 'ingress'],
    ['the names the DNS proxy lets a pod look up', fqdnEgress('api.github.com'), fqdnEgress('example.com'), 'egress'],
    ['default-deny', web({ ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] }),
      web({ ingress: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }], enableDefaultDeny: { ingress: false } }), 'ingress'],
    ['a deny rule', web({ ingress: [{ fromEndpoints: [{}] }] }), web({ ingress: [{ fromEndpoints: [{}] }], ingressDeny: [{ fromEndpoints: [{ matchLabels: { pod: 'b' } }] }] }), 'ingress'],
  ] as const)('a change to %s is a changed side', (_what, before, after, direction) => {
    const spaces = spacesOf([before], [after], 'cilium');
    expect(spaces[1].decidesAlike(spaces[0], indexOf(spaces[0], 'x/a'), direction)).toBe(false);
    const pairs = new ChangedPairs(spaces).on({ port: 80, protocol: 'TCP' });
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs).toEqual(allChangedPairs(spaces, { port: 80, protocol: 'TCP' }));
  });
});
