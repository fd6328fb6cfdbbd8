import { describe, expect, test } from 'vitest';
import { FlowTopology } from '../../src/doctor/flow-topology';
import { parseHubbleFlows } from '../../src/doctor/hubble-flow';
import { hubbleLine, pod, world, type Side } from './builders';

const one = (from: Side, to: Side, names?: string[]) => parseHubbleFlows(hubbleLine(from, to, { port: 443, names }), 'f.json')[0];

describe('FlowTopology', () => {
  test('records pods with their labels and namespaces with their labels', () => {
    const topology = new FlowTopology();
    expect(topology.add(one(pod('shop/web-1', { app: 'web' }, { team: 'a' }), pod('db/pg-0', { app: 'pg' })))).toEqual({ from: 'shop/web-1', to: 'db/pg-0', port: 443, protocol: 'TCP' });
    expect(topology.topology().namespaces).toEqual(new Map([
      ['db', { labels: {}, pods: new Map([['pg-0', { labels: { app: 'pg' }, ip: '10.0.2.2' }]]) }],
      ['shop', { labels: { team: 'a' }, pods: new Map([['web-1', { labels: { app: 'web' }, ip: '10.0.1.1' }]]) }],
    ]));
  });

  test.each<[string, Side, string[] | undefined, string, Record<string, unknown>]>([
    ['by DNS name when Hubble knows it', world('140.82.112.5'), ['api.github.com'], 'external:api.github.com', { 'api.github.com': { ip: '140.82.112.5', fqdn: 'api.github.com' } }],
    ['by IP otherwise', world('203.0.113.7'), undefined, 'external:203.0.113.7', { '203.0.113.7': { ip: '203.0.113.7' } }],
  ])('names outside addresses %s', (_name, to, names, ref, externals) => {
    const topology = new FlowTopology();
    expect(topology.add(one(pod('shop/web-1'), to, names))).toMatchObject({ to: ref });
    expect(Object.fromEntries(topology.topology().externals)).toEqual(externals);
  });

  test.each([
    [['reserved:kube-apiserver'], 'entity:kube-apiserver'],
    [['reserved:host', 'reserved:kube-apiserver'], 'entity:kube-apiserver'],
    [['reserved:remote-node'], 'entity:remote-node'],
  ])('names reserved identities %j as %s', (labels, ref) => {
    const line = hubbleLine(pod('shop/web-1'), world('10.0.0.1')).replace('"labels":["reserved:world"]', `"labels":${JSON.stringify(labels)}`);
    expect(new FlowTopology().add(parseHubbleFlows(line, 'f.json')[0])).toMatchObject({ to: ref });
  });

  test('says why a flow without a port cannot be simulated', () => {
    const [flow] = parseHubbleFlows('{"verdict":"DROPPED","l4":{"ICMPv4":{"type":8}},"source":{"namespace":"a","pod_name":"b"}}', 'f.json');
    expect(new FlowTopology().add(flow)).toBe('no TCP/UDP/SCTP destination port (e.g. ICMP)');
  });

  test('keeps a --topology file\'s namespace labels and adds the flows\' pods', () => {
    const topology = new FlowTopology({ namespaces: new Map([['shop', { labels: { team: 'b' }, pods: new Map() }]]), externals: new Map() });
    topology.add(one(pod('shop/web-1', {}, { team: 'a' }), world('1.1.1.1')));
    expect(topology.topology().namespaces.get('shop')!.labels).toEqual({ team: 'b' });
    expect([...topology.topology().namespaces.get('shop')!.pods.keys()]).toEqual(['web-1']);
  });
});
