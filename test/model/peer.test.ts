import { describe, expect, test } from 'vitest';
import { Entity, Peer , assertValid } from '../../src';

describe('Peer', () => {
  test.each([
    [Peer.namespace('database'), 'ns:database'],
    [Peer.pods('database', { 'app.kubernetes.io/name': 'postgresql' }), 'pods:database{app.kubernetes.io/name=postgresql}'],
    [Peer.sameNamespace(), 'ns:.'],
    [Peer.accessLabel('postgres'), 'access:postgres'],
    [Peer.namespacesLabelled({ team: 'a' }, { app: 'x' }), 'pods:namespaces{team=a}{app=x}'],
    [Peer.allPods(), 'ns:*'],
    [Peer.world(), 'entity:world'],
    [Peer.entity(Entity.KUBE_APISERVER), 'entity:kube-apiserver'],
    [Peer.fqdn('api.github.com'), 'fqdn:api.github.com'],
    [Peer.fqdnPattern('*.github.com'), 'fqdn:*.github.com'],
    [Peer.cidr('10.0.0.0/8', { reason: 'NAS', except: ['10.0.1.0/24'] }), 'cidr:10.0.0.0/8 except 10.0.1.0/24'],
  ])('%s reads %s', (peer, text) => {
    expect(peer.toString()).toBe(text);
  });

  test('pod labels are sorted, so equal selectors read the same', () => {
    expect(Peer.pods('x', { b: '1', a: '2' }).toString()).toBe(Peer.pods('x', { a: '2', b: '1' }).toString());
  });

  test('inNamespace resolves the same namespace and leaves other peers alone', () => {
    expect(Peer.sameNamespace({ app: 'x' }).inNamespace('blog').toString()).toBe('pods:blog{app=x}');
    expect(Peer.namespace('db').inNamespace('blog').toString()).toBe('ns:db');
    expect(Peer.allPods().inNamespace('blog').toString()).toBe('ns:*');
  });

  test('fails when a CIDR has no reason, naming the alternatives', () => {
    expect(() => assertValid(Peer.cidr('10.0.0.0/8', { reason: ' ' }))).toThrow(/Hard-coded address "10.0.0.0\/8" without a reason \(the reason given is blank\): use a selector/);
  });

  test('fails when a CIDR has no mask, suggesting /32', () => {
    expect(() => assertValid(Peer.cidr('10.0.0.1', { reason: 'x' }))).toThrow(/mask missing\. Did you mean "10\.0\.0\.1\/32"\?/);
  });

  test('fails when a namespace name is no DNS label, suggesting one', () => {
    expect(() => assertValid(Peer.namespace('My_Apps'))).toThrow(/Invalid namespace name "My_Apps".*Did you mean "my-apps"\?/);
  });

  test('fails when an exact DNS name has a wildcard, pointing to fqdnPattern', () => {
    expect(() => assertValid(Peer.fqdn('*.github.com'))).toThrow(/Peer\.fqdnPattern\('\*\.github\.com'\)/);
  });

  test('fails when a label value is invalid', () => {
    expect(() => assertValid(Peer.pods('db', { app: 'has space' }))).toThrow(/Invalid value "has space" of label "app"/);
  });

  test('fails when namespacesLabelled gets no label', () => {
    expect(() => assertValid(Peer.namespacesLabelled({}))).toThrow(/needs at least one namespace label/);
  });

  test('fails when an entity is unknown', () => {
    expect(() => assertValid(Peer.entity('everything' as Entity))).toThrow(/Unknown entity "everything": use one of host, remote-node/);
  });
});
