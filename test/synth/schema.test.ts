import { describe, expect, test } from 'vitest';
import { validateObjects, type RenderedObject } from '../../src';

function rendered(object: Record<string, unknown>): RenderedObject {
  return { file: 'x', constructPath: 'c/thing', object: object as RenderedObject['object'] };
}

describe('validateObjects', () => {
  test('accepts valid objects of every kind the library emits', async () => {
    expect(await validateObjects([
      rendered({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }),
      rendered({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a', namespace: 'a' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
      rendered({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'a', namespace: 'a' }, spec: { endpointSelector: {}, ingress: [{ fromEntities: ['health'] }] } }),
      rendered({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'a' }, spec: { endpointSelector: {}, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] } }),
    ])).toEqual([]);
  });

  test('fails when an object breaks its schema, naming construct, object and field', async () => {
    const errors = await validateObjects([rendered({
      apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'a' },
      spec: { endpointSelector: {}, ingress: [{ fromEntities: ['everything'] }] },
    })]);
    expect(errors).toEqual(['[c/thing] CiliumNetworkPolicy a/p: does not match the cilium.io/v2/CiliumNetworkPolicy schema: data/spec/ingress/0/fromEntities/0 must be equal to one of the allowed values']);
  });

  test('fails when a Cilium policy has no rules at all (the CRD requires one direction)', async () => {
    const errors = await validateObjects([rendered({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'empty' }, spec: { endpointSelector: {} } })]);
    expect(errors[0]).toMatch(/CiliumClusterwideNetworkPolicy empty: does not match .*must have required property ingress/);
  });

  test('fails when the kind has no schema', async () => {
    const errors = await validateObjects([rendered({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' } })]);
    expect(errors[0]).toMatch(/\[c\/thing\] Thing t: no schema for example.com\/v1\/Thing/);
  });
});
