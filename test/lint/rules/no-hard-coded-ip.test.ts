import { describe, expect, test } from 'vitest';
import { noHardCodedIp } from '../../../src/lint/rules/no-hard-coded-ip';
import { parseManifests } from '../../../src/manifests/load';
import { check, cnp, fields, manifest, np, toPorts } from '../builders';

const allPrivate = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

describe('no-hard-coded-ip', () => {
  test.each([
    ['toCIDR', { egress: [{ toCIDR: ['192.168.1.10/32'], toPorts: toPorts([443, 'TCP']) }] }, 'spec.egress[0].toCIDR[0]', /hard-coded address "192\.168\.1\.10\/32"/],
    ['fromCIDRSet', { ingress: [{ fromCIDRSet: [{ cidr: '10.1.0.0/16' }] }] }, 'spec.ingress[0].fromCIDRSet[0]', /hard-coded address "10\.1\.0\.0\/16"/],
    ['toCIDR 0.0.0.0/0 on Cilium', { egress: [{ toCIDR: ['0.0.0.0/0'] }] }, 'spec.egress[0].toCIDR[0]', /names as an entity/],
  ])('reports Cilium %s', (_name, spec, field, message) => {
    const findings = check(noHardCodedIp, [cnp('shop', 'p', { endpointSelector: {}, ...spec })]);
    expect(fields(findings)).toEqual([`CiliumNetworkPolicy shop/p ${field}`]);
    expect(findings[0].message).toMatch(message);
  });

  test('suggests the world entity for 0.0.0.0/0 on Cilium', () => {
    const [f] = check(noHardCodedIp, [cnp('shop', 'p', { endpointSelector: {}, egress: [{ toCIDR: ['0.0.0.0/0'] }] })]);
    expect(f.fix).toBe('Replace it with `toEntities: [world]`.');
  });

  test.each([
    ['an address', { cidr: '10.0.0.5/32' }, 'spec.egress[0].to[0].ipBlock', /hard-coded address/],
    ['0.0.0.0/0 without excepts', { cidr: '0.0.0.0/0' }, 'spec.egress[0].to[0].ipBlock.except', /does not except 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16/],
    ['0.0.0.0/0 missing one private range', { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] }, 'spec.egress[0].to[0].ipBlock.except', /does not except 192\.168\.0\.0\/16,? /],
    ['::/0 without excepts', { cidr: '::/0' }, 'spec.egress[0].to[0].ipBlock.except', /does not except fc00::\/7/],
  ])('reports NetworkPolicy ipBlock with %s', (_name, ipBlock, field, message) => {
    const findings = check(noHardCodedIp, [np('shop', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock }], ports: [{ port: 443 }] }] })]);
    expect(fields(findings)).toEqual([`NetworkPolicy shop/p ${field}`]);
    expect(findings[0].message).toMatch(message);
  });

  test.each([
    ['internet egress excepting the private ranges', np('shop', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: allPrivate } }] }] })],
    ['IPv6 internet egress excepting fc00::/7', np('shop', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '::/0', except: ['fc00::/7'] } }] }] })],
    ['excepts wider than the private ranges', np('shop', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['0.0.0.0/1', '128.0.0.0/1'] } }] }] })],
    ['the kubelet probe address', cnp('shop', 'p', { endpointSelector: {}, ingress: [{ fromCIDR: ['169.254.7.127/32'] }] })],
  ])('allows %s', (_name, m) => {
    expect(check(noHardCodedIp, [m])).toEqual([]);
  });

  test('accepts an address the object states a reason for in its address-reasons annotation, and only that one', () => {
    // GIVEN a NetworkPolicy naming two addresses, one explained in the annotation the library writes
    const policy = manifest({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'shop', annotations: { 'network-policy.homelab/address-reasons': '10.20.0.10/32: the API server' } },
      spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.20.0.10/32' } }, { ipBlock: { cidr: '10.0.0.5/32' } }], ports: [{ port: 6443 }] }] },
    });
    // WHEN linted THEN only the unexplained address is reported, and the fix names the annotation
    const findings = check(noHardCodedIp, [policy]);
    expect(fields(findings)).toEqual(['NetworkPolicy shop/p spec.egress[0].to[1].ipBlock']);
    expect(findings[0].fix).toMatch(/network-policy\.homelab\/address-reasons \("10\.0\.0\.5\/32: <reason>"\)/);
  });

  test('hand-written YAML states its reasons in the annotation: IPv6 addresses, ranges covering an address, lines without a reason', () => {
    // GIVEN a hand-written CNP (after Tsuguya/home-cluster, CC0, manifests/nfs-provisioner: NFS on a NAS)
    const [policy] = parseManifests([
      'apiVersion: cilium.io/v2',
      'kind: CiliumNetworkPolicy',
      'metadata:',
      '  name: nfs-provisioner',
      '  namespace: nfs-provisioner',
      '  annotations:',
      '    network-policy.homelab/address-reasons: |',
      '      192.168.5.0/24: the storage VLAN; the NAS is not a pod',
      '      fd00:5::/64: the storage VLAN over IPv6',
      '      10.9.9.9/32:',
      'spec:',
      '  endpointSelector: {}',
      '  egress:',
      '    - toCIDR: ["192.168.5.240/32", "fd00:5::240/128", "10.9.9.9/32"]',
      '      toPorts: [{ports: [{port: "2049", protocol: TCP}]}]',
    ].join('\n'), 'nfs.yaml');
    // WHEN linted THEN only the address whose line gives no reason is reported
    expect(fields(check(noHardCodedIp, [policy]))).toEqual(['CiliumNetworkPolicy nfs-provisioner/nfs-provisioner spec.egress[0].toCIDR[2]']);
  });
});
