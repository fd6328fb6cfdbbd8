import { describe, expect, test } from 'vitest';
import { unknownAccessLabel } from '../../../src/lint/rules/unknown-access-label';
import { check, cnp, endpoints, fields, namespace, np } from '../builders';

const access = (svc: string) => `access.network-policy.homelab/${svc}`;
const service = (svc: string) => cnp('database', svc, {
  endpointSelector: endpoints({ app: svc }),
  ingress: [{ fromEndpoints: [endpoints({ [`io.cilium.k8s.namespace.labels.${access(svc)}`]: 'true' })] }],
});

describe('unknown-access-label', () => {
  test('reports an access label no policy selects on, naming the known ones', () => {
    const findings = check(unknownAccessLabel, [service('postgres'), service('dragonfly'), namespace('shop', { [access('redis')]: 'true' })]);
    expect(fields(findings)).toEqual([`Namespace shop metadata.labels["${access('redis')}"]`]);
    expect(findings[0].message).toMatch(/is not selected by any policy, so it grants nothing\. Known access labels: dragonfly, postgres\./);
    expect(findings[0].fix).toMatch(/add a SharedService "redis"/);
  });

  test('reports a known access label with a value policies do not select', () => {
    const findings = check(unknownAccessLabel, [service('postgres'), namespace('shop', { [access('postgres')]: 'yes' })]);
    expect(findings[0].message).toBe(`access label "${access('postgres')}" has value "yes", but policies select only "true".`);
  });

  test('reports a label whose access-<service> copy sits in another namespace', () => {
    const findings = check(unknownAccessLabel, [np('other', 'access-kube-api', { podSelector: {} }), namespace('shop', { [access('kube-api')]: 'true' })]);
    expect(findings).toHaveLength(1);
  });

  test.each([
    ['a known access label', [service('postgres'), namespace('shop', { [access('postgres')]: 'true' })]],
    ['input without policies', [namespace('shop', { [access('redis')]: 'true' })]],
    // dist/edge (Renderer.KUBERNETES): the kube-api grant is copied into the namespace, nothing selects on the label.
    ['a label the NetworkPolicy rendering resolved into an access-<service> copy', [np('shop', 'access-kube-api', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.20.0.10/32' } }] }] }), namespace('shop', { [access('kube-api')]: 'true' })]],
    ['labels outside the access prefix', [service('postgres'), namespace('shop', { team: 'a' })]],
  ])('ignores %s', (_name, manifests) => {
    expect(check(unknownAccessLabel, manifests)).toEqual([]);
  });
});
