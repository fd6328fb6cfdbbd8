import { closest } from '../../model/names';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'policy-namespace-missing';

/**
 * Namespaced policies (NetworkPolicy, CNP) for a namespace that has no Namespace manifest.
 * Runs only when the input contains Namespace manifests at all, i.e. when it is meant to be
 * the whole picture; policies without `metadata.namespace` are skipped (where they land
 * depends on `kubectl -n`). Namespaces that exist without a manifest are not reported: the
 * platform namespaces (kube-system, flux-system, argocd, ... and `--platform`), which the
 * cluster or its bootstrap creates, and those an Argo CD Application (`CreateNamespace=true`)
 * or a Flux HelmRelease (`install.createNamespace`) of the input creates.
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
      if (namespace === undefined || context.namespaceExists(namespace) || seen.has(policy.manifest)) continue;
      seen.add(policy.manifest);
      report(policy.manifest, {
        field: 'metadata.namespace',
        message: `namespace "${namespace}" has no Namespace manifest${hint(namespace, [...known].sort())}.`,
        fix: `Add a Namespace "${namespace}" to the manifests (an AppNamespace or PlatformNamespace; or have the Argo CD Application create it, CreateNamespace=true), or move the policy to an existing namespace.`,
      });
    }
  },
});

/** Names the namespace the policy probably meant, or lists the known ones when they are few. */
function hint(namespace: string, known: readonly string[]): string {
  if (known.length <= 10) return `; known namespaces: ${known.join(', ')}`;
  const near = closest(namespace, known);
  return near !== undefined ? `; did you mean "${near}"? (${known.length} namespaces known)` : ` (${known.length} namespaces known, none alike)`;
}
