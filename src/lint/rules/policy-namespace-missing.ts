import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'policy-namespace-missing';

/**
 * Namespaced policies (NetworkPolicy, CNP) for a namespace that has no Namespace manifest.
 * Runs only when the input contains Namespace manifests at all, i.e. when it is meant to be
 * the whole picture; policies without `metadata.namespace` are skipped (where they land
 * depends on `kubectl -n`).
 */
export const policyNamespaceMissing = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Namespaced policy for a namespace without a Namespace manifest.',
  help: 'Add the Namespace manifest (an AppNamespace or PlatformNamespace), or fix the policy\'s namespace.',
  check(context: LintContext, report: Report): void {
    if (context.namespaces.length === 0) return;
    const known = new Set(context.namespaces.map((m) => m.object.metadata.name));
    const seen = new Set<unknown>();
    for (const policy of context.policies) {
      const namespace = policy.manifest.object.metadata.namespace;
      if (namespace === undefined || known.has(namespace) || seen.has(policy.manifest)) continue;
      seen.add(policy.manifest);
      report(policy.manifest, {
        field: 'metadata.namespace',
        message: `namespace "${namespace}" has no Namespace manifest; known namespaces: ${[...known].sort().join(', ')}.`,
        fix: `Add a Namespace "${namespace}" to the manifests (an AppNamespace or PlatformNamespace), or move the policy to an existing namespace.`,
      });
    }
  },
});
