import { describe, expect, test } from 'vitest';
import { policyNamespaceMissing } from '../../../src/lint/rules/policy-namespace-missing';
import { ccnp, check, cnp, fields, namespace, np } from '../builders';

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

  test.each([
    ['input without Namespace manifests', [cnp('billing', 'a', { endpointSelector: {} })]],
    ['CCNPs (cluster-scoped)', [namespace('shop'), ccnp('x', { endpointSelector: {} })]],
  ])('ignores %s', (_name, manifests) => {
    expect(check(policyNamespaceMissing, manifests)).toEqual([]);
  });
});
