import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPolicyPage } from '../../src/docs/policy-page';
import { renderPageMarkdown } from '../../src/docs/render-markdown';
import { loadManifests } from '../../src/manifests/load';
import { loadTopology } from '../../src/probe/topology-file';
import { ccnp, cnp, FIXTURES, namespace } from './builders';

const manifests = () => loadManifests([path.join(FIXTURES, 'manifests')]);
const topology = () => loadTopology(path.join(FIXTURES, 'topology.yaml'));

describe('buildPolicyPage on the fixtures', () => {
  const page = buildPolicyPage(manifests(), { command: 'netpol docs', topology: topology() });
  const ns = (name: string) => page.namespaces.find((n) => n.name === name)!;

  test('lists every namespace, sorted, with its design labels', () => {
    expect(page.namespaces.map((n) => [n.name, n.profile, n.access, n.enforcementDisabled, n.platform])).toEqual([
      ['database', undefined, [], false, true],
      ['kube-system', undefined, [], false, true],
      ['legacy', 'isolated', [], true, false],
      ['shop', 'internal-egress', ['postgres'], false, false],
    ]);
  });

  test('tables the flows the simulator allows, with their ports', () => {
    expect(ns('database').ingress).toEqual([
      { local: 'database/pg', peer: 'shop/web', ports: '5432/TCP' },
      { local: 'database/pg', peer: 'entity:host', ports: 'any port' },
    ]);
    expect(ns('shop').egress).toEqual([
      { local: 'shop/web', peer: 'database/pg', ports: '5432/TCP' },
      { local: 'shop/web', peer: 'kube-system/coredns', ports: '53/TCP, 53/UDP' },
      { local: 'shop/web', peer: 'external:world', ports: '443/TCP' },
    ]);
  });

  test('draws one edge per allowed namespace pair, sorted', () => {
    expect(page.edges.map((e) => `${e.from} -> ${e.to}: ${e.ports}`)).toEqual([
      'database -> kube-system: 53/TCP, 53/UDP',
      'legacy -> kube-system: 53/TCP, 53/UDP',
      'legacy -> shop: any port',
      'shop -> database: 5432/TCP',
      'shop -> kube-system: 53/TCP, 53/UDP',
    ]);
  });

  test('gives the same bytes whatever the order of the manifests', () => {
    const reversed = buildPolicyPage([...manifests()].reverse(), { command: 'netpol docs', topology: topology() });
    expect(renderPageMarkdown(reversed)).toBe(renderPageMarkdown(page));
  });
});

test('lists the named ports, then "other TCP ports", when a rule allows every TCP port but not every port', () => {
  const manifests = [
    namespace('a'), namespace('b'),
    ccnp('dns', { endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'b' } }, egress: [{ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'kube-system' } }], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }] }),
    cnp('b', 'in', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'a' } }], toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }] }] }] }),
  ];
  const page = buildPolicyPage(manifests, { command: 'netpol docs' });
  expect(page.representative).toBe(true);
  expect(page.namespaces.find((n) => n.name === 'b')!.ingress[0]).toEqual({ local: 'b/pod', peer: 'a/pod', ports: 'other TCP ports' });
});
