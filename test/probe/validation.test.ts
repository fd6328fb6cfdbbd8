import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/manifests/manifest';
import { Simulator } from '../../src/probe/simulator';
import { ccnp, cnp, manifest, np, topology } from './builders';

function build(m: Manifest): Simulator {
  return Simulator.build([m], topology());
}

describe('policy validation', () => {
  test.each([
    ['a NetworkPolicy of networking.k8s.io/v1beta1', manifest({ apiVersion: 'networking.k8s.io/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: {} }),
      'policies.yaml: NetworkPolicy x/p: apiVersion: "networking.k8s.io/v1beta1" is not supported for NetworkPolicy; use networking.k8s.io/v1'],
    ['a CNP of cilium.io/v1', manifest({ apiVersion: 'cilium.io/v1', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: {} }),
      'policies.yaml: CiliumNetworkPolicy x/p: apiVersion: "cilium.io/v1" is not supported for CiliumNetworkPolicy; use cilium.io/v2'],
    ['the podSelector is missing', np('x', 'p', {}), 'spec.podSelector: missing; use {} to select every pod of the namespace'],
    ['a policy type is unknown', np('x', 'p', { podSelector: {}, policyTypes: ['Inbound'] }), 'spec.policyTypes[0]: "Inbound" is not one of Ingress, Egress'],
    ['a port protocol is invalid', np('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }, { protocol: 'ICMP' }] }] }), 'spec.ingress[0].ports[1].protocol: "ICMP" is not one of TCP, UDP, SCTP'],
    ['endPort is below port', np('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }), 'spec.ingress[0].ports[0].endPort: 80 is below port 90; endPort must be >= port'],
    ['ipBlock is mixed with a selector', np('x', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }), 'spec.ingress[0].from[0]: ipBlock cannot be combined'],
    ['an ipBlock has no mask', np('x', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1' } }] }] }), 'spec.ingress[0].from[0].ipBlock.cidr: "10.0.0.1" has no mask. Did you mean "10.0.0.1/32"?'],
    ['a rule field is misspelled', np('x', 'p', { podSelector: {}, ingress: [{ form: [] }] }), 'spec.ingress[0].form: unknown field; a ingress rule has from and ports'],
    ['a CNP has no spec', manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'x' } }), 'spec: missing; a Cilium policy needs spec or specs'],
    ['a CNP has no endpointSelector', cnp('x', 'p', { ingress: [{}] }), 'spec.endpointSelector: missing; use {} to select every endpoint of the namespace'],
    ['an entity is unknown', cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromEntities: ['everyone'] }] }), 'spec.ingress[0].fromEntities[0]: "everyone" is not a Cilium entity'],
    ['a CNP port is out of range', cnp('x', 'p', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '70000' }] }] }] }), 'spec.ingress[0].toPorts[0].ports[0].port: "70000" is not a port number 1-65535'],
    ['a CNP protocol is invalid', cnp('x', 'p', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80', protocol: 'tcp' }] }] }] }), 'protocol: "tcp" is not one of TCP, UDP, SCTP, ANY'],
    ['toFQDNs is in egressDeny', cnp('x', 'p', { endpointSelector: {}, egressDeny: [{ toFQDNs: [{ matchName: 'a.com' }] }] }), 'spec.egressDeny[0].toFQDNs: not allowed in egressDeny'],
    ['enableDefaultDeny is not a boolean', ccnp('p', { endpointSelector: {}, enableDefaultDeny: { ingress: 'no' } }), 'spec.enableDefaultDeny.ingress: expected true or false, got "no"'],
    ['a fromCIDRSet has a bad except', cnp('x', 'p', { endpointSelector: {}, ingress: [{ fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['x'] }] }] }), 'spec.ingress[0].fromCIDRSet[0].except[0]: "x" is not a CIDR block'],
  ])('fails when %s', (_name, m, message) => {
    expect(() => build(m)).toThrow(message);
  });

  test('ignores same-named kinds of other API groups and other kinds', () => {
    const calico = manifest({ apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { bogus: true } });
    const deployment = manifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'x' } });
    expect(Simulator.build([calico, deployment], topology()).evaluate({ from: 'y/a', to: 'x/a', port: 80, protocol: 'TCP' }).verdict).toBe('allow');
  });

  test('names the document of a multi-document file', () => {
    expect(() => Simulator.build([{ ...np('x', 'p', {}), source: { file: 'all.yaml', document: 2 } }], topology())).toThrow(/^all\.yaml \(document 3\): NetworkPolicy x\/p: spec\.podSelector/);
  });
});

describe('flow validation', () => {
  const sim = Simulator.build([], topology());
  test.each([
    [{ from: 'x/q', to: 'x/a' }, 'unknown pod "x/q": namespace x has a, b, c'],
    [{ from: 'w/a', to: 'x/a' }, 'unknown pod "w/a": the topology has no namespace "w"'],
    [{ from: 'x/a', to: 'external:gitlab' }, 'unknown external "external:gitlab": the topology\'s externals are example, github, lan'],
    [{ from: 'entity:node', to: 'x/a' }, '"entity:node" is not a known entity; use one of entity:host'],
    [{ from: 'x', to: 'x/a' }, '"x" is not a peer; write ns/pod, external:<name> or entity:<name>'],
  ])('fails when a peer is unknown: %j', (peers, message) => {
    expect(() => sim.evaluate({ ...peers, port: 80, protocol: 'TCP' })).toThrow(message);
    expect(() => sim.evaluate({ ...peers, port: 80, protocol: 'TCP' })).toThrow(new RegExp(`^${peers.to === 'x/a' ? 'from' : 'to'}: `));
  });

  test('fails when the port is out of range', () => {
    expect(() => sim.evaluate({ from: 'x/a', to: 'x/b', port: 0, protocol: 'TCP' })).toThrow('port: 0 is not a port number 1-65535.');
  });
});
