import { describe, expect, test } from 'vitest';
import { checkCiliumSpec, CiliumPolicy, synthesizeFiles } from '../../src';
import { synthObject, testCluster, expectRefused } from '../helpers';

const HTTPS = { toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] };

describe('CiliumPolicy', () => {
  test('passes a hand-written L7 policy through, schema-checked', async () => {
    const { app, cluster } = testCluster();
    const spec = {
      endpointSelector: { matchLabels: { app: 'api' } },
      ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/public/.*' }] } }] }],
    };
    new CiliumPolicy(cluster, 'api-l7', { namespace: 'shop', spec });
    const policy = await synthObject(app, 'CiliumNetworkPolicy shop/api-l7');
    expect(policy.spec).toEqual(spec);
  });

  test('states the reason for its hard-coded addresses in the address-reasons annotation', async () => {
    const { app, cluster } = testCluster();
    new CiliumPolicy(cluster, 'nas', {
      namespace: 'backup', hardCodedIpReason: 'the NAS has no DNS name',
      spec: { endpointSelector: {}, egress: [{ toCIDRSet: [{ cidr: '192.168.1.20/32' }], toPorts: [{ ports: [{ port: '2049', protocol: 'TCP' }] }] }] },
    });
    const policy = await synthObject(app, 'CiliumNetworkPolicy backup/nas');
    expect(policy.metadata.annotations['network-policy.homelab/address-reasons']).toBe('192.168.1.20/32: the NAS has no DNS name');
  });

  test('fails when it is an explicit default-deny, pointing to the baselines', async () => {
    const { app, cluster } = testCluster();
    new CiliumPolicy(cluster, 'deny-all', { spec: { endpointSelector: {}, ingressDeny: [{ fromEntities: ['all'] }] } });
    await expectRefused(app, /\[test\/deny-all\] CiliumPolicy deny-all is refused: spec\.ingressDeny\[0\] is an explicit default-deny .* remove it and rely on the baselines/);
  });

  test('fails when the schema rejects the spec, naming the field', async () => {
    const { app, cluster } = testCluster();
    new CiliumPolicy(cluster, 'bad', { namespace: 'a', spec: { endpointSelector: {}, egress: [{ toEntities: ['everywhere'], ...HTTPS }] } });
    await expect(synthesizeFiles(app)).rejects.toThrow(/\[test\/bad\] CiliumNetworkPolicy a\/bad: does not match the cilium\.io\/v2\/CiliumNetworkPolicy schema: data\/spec\/egress\/0\/toEntities\/0/);
  });
});

describe('checkCiliumSpec', () => {
  test.each([
    ['an empty rule list', { ingress: [] }, /spec\.ingress is an empty list, which Cilium ignores/],
    ['an empty rule', { egress: [{}] }, /spec\.egress\[0\] is an empty rule \{\}/],
    ['a deny of every endpoint', { egressDeny: [{ toEndpoints: [{}] }] }, /spec\.egressDeny\[0\] is an explicit default-deny/],
    ['a deny with no peer', { ingressDeny: [{ fromEndpoints: undefined }] }, /explicit default-deny/],
    ['an any-port allow', { egress: [{ toEntities: ['world'] }] }, /spec\.egress\[0\] allows any port: add toPorts/],
    ['a hard-coded address', { egress: [{ toCIDR: ['10.0.0.5/32'], ...HTTPS }] }, /spec\.egress\[0\]\.toCIDR hard-codes addresses/],
  ])('fails on %s', (_, spec, message) => {
    expect(checkCiliumSpec(spec, { cidrAllowed: false }).join('\n')).toMatch(message);
  });

  test('accepts a port-scoped deny, and CIDRs with the opt-in', () => {
    expect(checkCiliumSpec({ egressDeny: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '25', protocol: 'TCP' }] }] }] }, { cidrAllowed: false })).toEqual([]);
    expect(checkCiliumSpec({ egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8' }], ...HTTPS }] }, { cidrAllowed: true })).toEqual([]);
  });
});
