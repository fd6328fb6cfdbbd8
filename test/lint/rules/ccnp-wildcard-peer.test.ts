import { describe, expect, test } from 'vitest';
import { ccnpWildcardPeer } from '../../../src/lint/rules/ccnp-wildcard-peer';
import { ccnp, check, cnp, endpoints, fields, manifest } from '../builders';

// "Allow traffic within each namespace" written as a CCNP: in a CNP `{}` is the own namespace,
// in a CCNP it is every namespace (cilium/cilium#12890).
describe('ccnp-wildcard-peer', () => {
  test.each([
    ['its name', ccnp('allow-same-namespace', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] }), 'spec.ingress[0].fromEndpoints[0]', 'same-namespace'],
    ['its description', ccnp('intra', { description: 'Pods talk to pods within the namespace', endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ app: 'x' }), {}] }] }), 'spec.egress[0].toEndpoints[1]', 'within the namespace'],
  ])('reports {} in a CCNP that says namespace-local in %s', (_where, m, field, words) => {
    const findings = check(ccnpWildcardPeer, [m]);
    expect(fields(findings)).toEqual([`${findings[0].object} ${field}`]);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].message).toBe(`peer {} in a CCNP selects every pod of every namespace, but the policy says it is namespace-local ("${words}").`);
  });

  test('reads the description annotation too', () => {
    const m = manifest({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'x', annotations: { description: 'namespace-local traffic' } },
      spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: {} }] }] } });
    expect(check(ccnpWildcardPeer, [m])).toHaveLength(1);
  });

  test.each([
    ['a CNP, where {} is the own namespace', cnp('shop', 'allow-same-namespace', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] })],
    ['a CCNP that does not claim to be namespace-local', ccnp('allow-all-pods', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] })],
    ['a namespace-local CCNP whose peers carry labels', ccnp('same-namespace-dns', { endpointSelector: {}, egress: [{ toEndpoints: [endpoints({ 'k8s-app': 'kube-dns' })] }] })],
    ['"namespace" inside another word', ccnp('allow-admin-namespace', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] })],
  ])('ignores %s', (_name, m) => {
    expect(check(ccnpWildcardPeer, [m])).toEqual([]);
  });
});
