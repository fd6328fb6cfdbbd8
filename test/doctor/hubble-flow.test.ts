import * as fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseHubbleFlows } from '../../src/doctor/hubble-flow';
import { hubbleLine, pod, world } from './builders';

describe('parseHubbleFlows', () => {
  test('reads the envelope Hubble prints and bare flows alike', () => {
    const a = pod('shop/web-1', { app: 'web' }, { 'network-policy.homelab/profile': 'internal' });
    const b = pod('database/postgres-0', { app: 'postgres' });
    const text = `${hubbleLine(a, b, { port: 5432 })}\n\n${hubbleLine(a, b, { port: 5432, envelope: false })}\n`;
    const flows = parseHubbleFlows(text, 'f.json');
    expect(flows.map((f) => f.line)).toEqual([1, 3]);
    expect({ ...flows[1], line: 1 }).toEqual(flows[0]);
    expect(flows[0]).toMatchObject({
      verdict: 'DROPPED', dropReason: 'POLICY_DENIED', direction: 'EGRESS', isReply: false, protocol: 'TCP', port: 5432,
      source: { namespace: 'shop', podName: 'web-1', labels: { app: 'web' }, namespaceLabels: { 'network-policy.homelab/profile': 'internal' }, reserved: [] },
    });
  });

  test('reads reserved identities, world-ipv4 as world, and destination names', () => {
    const [flow] = parseHubbleFlows(hubbleLine(pod('shop/web-1'), { ref: 'reserved:world-ipv4', ip: '140.82.112.5' }, { port: 443, names: ['api.github.com'] }), 'f.json');
    expect(flow.destination.reserved).toEqual(['world']);
    expect(flow.destinationNames).toEqual(['api.github.com']);
    expect(flow.destinationIp).toBe('140.82.112.5');
  });

  test('skips lines that are not flows (lost events, node status)', () => {
    expect(parseHubbleFlows('{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":3}}\n', 'f.json')).toEqual([]);
  });

  test('reads the realistic fixture', () => {
    const flows = parseHubbleFlows(fs.readFileSync('test/fixtures/hubble/observe.json', 'utf8'), 'observe.json');
    expect(flows).toHaveLength(13);
    expect(flows.filter((f) => f.verdict === 'DROPPED' && f.dropReason === 'POLICY_DENIED')).toHaveLength(8);
    expect(flows.find((f) => f.destination.reserved.includes('world'))?.destinationNames).toEqual(['api.github.com']);
    expect(flows[0].source.serviceAccount).toBe('wiki');
  });

  test.each([
    ['a line is not JSON', '{"flow": {\n', /^f\.json:1: not JSON/],
    ['a line is not an object', '[1]\n', /^f\.json:1: expected a JSON object, got an array/],
    ['a port is not a number', `${hubbleLine(pod('a/b'), world('1.1.1.1'))}\n${hubbleLine(pod('a/b'), world('1.1.1.1')).replace('"destination_port":8080', '"destination_port":"8080"')}`,
      /^f\.json:2: field "l4\.TCP\.destination_port" is "8080", expected an integer\./],
    ['labels are not strings', '{"verdict":"DROPPED","source":{"labels":"k8s:app=x"}}', /^f\.json:1: field "source\.labels" is "k8s:app=x", expected a list of strings\./],
  ])('fails when %s, naming file, line and field', (_name, text, message) => {
    expect(() => parseHubbleFlows(text, 'f.json')).toThrow(message);
  });
});
