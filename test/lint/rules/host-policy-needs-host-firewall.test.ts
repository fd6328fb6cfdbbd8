import { describe, expect, test } from 'vitest';
import { hostPolicyNeedsHostFirewall } from '../../../src/lint/rules/host-policy-needs-host-firewall';
import { ccnp, check, endpoints, fields, manifest } from '../builders';

// After a real host policy (gist dgiebert/6f67aa334c6837bfb649216b715a224c, "CiliumClusterwideNetworkPolicy
// for RKE2": master-node-lock-down), which says to enable the host firewall in a comment only.
const lockDown = () => ccnp('master-node-lock-down', {
  description: 'Allow a minimum set of required ports on ingress of master nodes',
  nodeSelector: endpoints({ 'node-role.kubernetes.io/master': 'true' }),
  ingress: [{ fromEntities: ['health'] }, { fromNodes: [endpoints({ 'node-role.kubernetes.io/worker': 'true' })], toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }] }],
});

describe('host-policy-needs-host-firewall', () => {
  test('reports a host policy when nothing shows the host firewall enabled', () => {
    const findings = check(hostPolicyNeedsHostFirewall, [lockDown()]);
    expect(fields(findings)).toEqual(['CiliumClusterwideNetworkPolicy master-node-lock-down spec.nodeSelector']);
    expect(findings[0].severity).toBe('warning');
    expect(findings[0].fix).toMatch(/hostFirewall\.enabled: true/);
  });

  const helmRelease = (values: Record<string, unknown>) => manifest({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'cilium', namespace: 'kube-system' }, spec: { chart: { spec: { chart: 'cilium' } }, values } });
  test.each([
    ['the cilium-config ConfigMap enables it', manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data: { 'enable-host-firewall': 'true' } })],
    ['a Flux HelmRelease enables it', helmRelease({ hostFirewall: { enabled: true } })],
    ['an Argo CD Application of the cilium chart enables it', manifest({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'cilium' },
      spec: { sources: [{ chart: 'cilium', repoURL: 'https://helm.cilium.io/', helm: { valuesObject: { hostFirewall: { enabled: true } } } }] } })],
  ])('ignores host policies when %s', (_name, m) => {
    expect(check(hostPolicyNeedsHostFirewall, [lockDown(), m])).toEqual([]);
  });

  test('still reports when the HelmRelease leaves it off', () => {
    expect(check(hostPolicyNeedsHostFirewall, [lockDown(), helmRelease({ hostFirewall: { enabled: false } })])).toHaveLength(1);
  });

  test('ignores endpoint policies', () => {
    expect(check(hostPolicyNeedsHostFirewall, [ccnp('x', { endpointSelector: {}, ingress: [{}] })])).toEqual([]);
  });
});
