import { describe, expect, test } from 'vitest';
import type { LintOptions } from '../../../src/lint/lint-context';
import type { Manifest } from '../../../src/manifests/manifest';
import { policyNamespaceMissing } from '../../../src/lint/rules/policy-namespace-missing';
import { ccnp, check, cnp, fields, manifest, namespace, np } from '../builders';

describe('policy-namespace-missing', () => {
  test('reports namespaced policies for namespaces without a manifest', () => {
    const findings = check(policyNamespaceMissing, [namespace('shop'), cnp('billing', 'a', { endpointSelector: {} }), np('crm', 'b', { podSelector: {} }), cnp('shop', 'c', { endpointSelector: {} })]);
    expect(fields(findings)).toEqual(['CiliumNetworkPolicy billing/a metadata.namespace', 'NetworkPolicy crm/b metadata.namespace']);
    expect(findings[0].message).toBe('namespace "billing" has no Namespace manifest; known namespaces: shop.');
  });

  test('reports a multi-spec CNP once', () => {
    const m = cnp('billing', 'a', { endpointSelector: {} });
    (m.object as Record<string, unknown>).specs = [{ endpointSelector: {} }];
    expect(check(policyNamespaceMissing, [namespace('shop'), m])).toHaveLength(1);
  });

  test('names the closest namespace when the input declares many', () => {
    const many = Array.from({ length: 11 }, (_, i) => namespace(`team-${i}`));
    const findings = check(policyNamespaceMissing, [...many, namespace('harbor'), cnp('harbour', 'a', { endpointSelector: {} })]);
    expect(findings[0].message).toBe('namespace "harbour" has no Namespace manifest; did you mean "harbor"? (12 namespaces known).');
  });

  // Tsuguya/home-cluster (CC0): kyverno's CNPs live next to an Argo CD Application that creates
  // the namespace (apps/kyverno.yaml, syncOptions CreateNamespace=true); see test/fixtures/lint/real.
  const argoApp = (ns: string, options: string[]) => manifest({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: ns, namespace: 'argocd' },
    spec: { destination: { server: 'https://kubernetes.default.svc', namespace: ns }, syncPolicy: { syncOptions: options } } });
  const helmRelease = (ns: string, spec: Record<string, unknown>) => manifest({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'r', namespace: ns }, spec });

  test('reports a namespace an Argo CD Application deploys to without creating it', () => {
    expect(check(policyNamespaceMissing, [namespace('shop'), argoApp('kyverno', ['ServerSideApply=true']), cnp('kyverno', 'a', { endpointSelector: {} })])).toHaveLength(1);
  });

  test.each([
    ['input without Namespace manifests', [cnp('billing', 'a', { endpointSelector: {} })]],
    ['a namespace bootstrap creates (flux-system, well-known)', [namespace('shop'), cnp('flux-system', 'a', { endpointSelector: {} }), np('kube-system', 'b', { podSelector: {} })]],
    ['a namespace named by --platform', [namespace('shop'), cnp('longhorn-system', 'a', { endpointSelector: {} })], { platformNamespaces: ['longhorn-system'] }],
    ['a namespace an Argo CD Application creates (CreateNamespace=true)', [namespace('shop'), argoApp('kyverno', ['CreateNamespace=true']), cnp('kyverno', 'a', { endpointSelector: {} })]],
    ['a namespace a Flux HelmRelease creates (install.createNamespace)', [namespace('shop'), helmRelease('flux-system', { targetNamespace: 'traefik', install: { createNamespace: true } }), cnp('traefik', 'a', { endpointSelector: {} })]],
    ['CCNPs (cluster-scoped)', [namespace('shop'), ccnp('x', { endpointSelector: {} })]],
  ] as [string, Manifest[], LintOptions?][])('ignores %s', (_name, manifests, options = {}) => {
    expect(check(policyNamespaceMissing, manifests, options)).toEqual([]);
  });
});
