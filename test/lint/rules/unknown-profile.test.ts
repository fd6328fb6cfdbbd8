import { describe, expect, test } from 'vitest';
import { unknownProfile } from '../../../src/lint/rules/unknown-profile';
import { ccnp, check, endpoints, fields, namespace, np } from '../builders';

const PROFILE = 'network-policy.homelab/profile';
const profileCcnp = (value: string) => ccnp(`profile-${value}`, { endpointSelector: endpoints({ [`io.cilium.k8s.namespace.labels.${PROFILE}`]: value }), egress: [{}] });

describe('unknown-profile', () => {
  test('reports a profile no policy selects on, naming the known ones', () => {
    const findings = check(unknownProfile, [profileCcnp('standard'), profileCcnp('internal'), namespace('shop', { [PROFILE]: 'standrad' })]);
    expect(fields(findings)).toEqual([`Namespace shop metadata.labels["${PROFILE}"]`]);
    expect(findings[0].message).toBe('profile "standrad" is not selected by any policy, so it does nothing. Known profiles: internal, isolated, standard.');
    expect(findings[0].fix).toMatch(/one of internal, isolated, standard/);
  });

  test('knows profiles selected by a NetworkPolicy namespaceSelector', () => {
    const policy = np('gw', 'in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: PROFILE, operator: 'In', values: ['internal'] }] } }] }] });
    expect(check(unknownProfile, [policy, namespace('a', { [PROFILE]: 'internal' })])).toEqual([]);
  });

  test.each([
    ['a known profile', [profileCcnp('standard'), namespace('shop', { [PROFILE]: 'standard' })]],
    ['isolated, which no policy selects by design', [profileCcnp('standard'), namespace('shop', { [PROFILE]: 'isolated' })]],
    ['input without policies', [namespace('shop', { [PROFILE]: 'anything' })]],
    ['a policy selecting the key with Exists', [ccnp('any', { endpointSelector: { matchExpressions: [{ key: `io.cilium.k8s.namespace.labels.${PROFILE}`, operator: 'Exists' }] } }), namespace('shop', { [PROFILE]: 'x' })]],
  ])('ignores %s', (_name, manifests) => {
    expect(check(unknownProfile, manifests)).toEqual([]);
  });
});
