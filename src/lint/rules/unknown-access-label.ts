import { ACCESS_LABEL_PREFIX } from '../../model/labels';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';
import { selectedNamespaceLabels } from '../../manifests/selector-vocabulary';

const ID = 'unknown-access-label';

/**
 * A Namespace with an access label (`access.network-policy.homelab/<svc>`) that no policy of
 * the input selects on, or whose value is not one a policy selects on (the design selects
 * `"true"`), so the label grants nothing. Runs only when the input holds policies.
 *
 * On plain NetworkPolicy the library resolves access labels at synth: it copies the grant into
 * each labelled namespace as a NetworkPolicy `access-<service>` (`Renderer.KUBERNETES`), and no
 * policy selects on the label. A label with that copy in its namespace grants what it says.
 */
export const unknownAccessLabel = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Namespace access label that no policy selects on.',
  help: 'Use an access label a shared service selects on, with the value "true".',
  check(context: LintContext, report: Report): void {
    if (context.policies.length === 0) return;
    const selected = selectedNamespaceLabels(context.policies);
    const known = [...selected.keys()].filter((k) => k.startsWith(ACCESS_LABEL_PREFIX)).sort();
    const services = known.map((k) => k.slice(ACCESS_LABEL_PREFIX.length));
    for (const manifest of context.namespaces) {
      const labels = manifest.object.metadata.labels ?? {};
      for (const key of Object.keys(labels).filter((k) => k.startsWith(ACCESS_LABEL_PREFIX)).sort()) {
        const values = selected.get(key);
        const value = labels[key];
        if (values === 'any' || values?.has(value)) continue;
        const field = `metadata.labels["${key}"]`;
        if (values !== undefined) {
          const allowed = [...values].sort();
          report(manifest, {
            field,
            message: `access label "${key}" has value "${value}", but policies select only ${allowed.map((v) => `"${v}"`).join(', ')}.`,
            fix: `Set it to ${allowed.map((v) => `"${v}"`).join(' or ')}.`,
          });
          continue;
        }
        const service = key.slice(ACCESS_LABEL_PREFIX.length);
        if (values === undefined && grantedInNamespace(context, manifest.object.metadata.name, service)) continue;
        report(manifest, {
          field,
          message: `access label "${key}" is not selected by any policy, so it grants nothing. Known access labels: ${services.length > 0 ? services.join(', ') : 'none'}.`,
          fix: context.platformContract !== undefined
            ? `Use one of ${services.join(', ')} (\`access:\` on the AppNamespace), or ask the platform repo to add shared service "${service}" and update ${context.platformContract}.`
            : services.length > 0
              ? `Use one of ${services.join(', ')} (\`access:\` on the AppNamespace), or add a SharedService "${service}".`
              : `Add the shared service's policies to the manifests (an app repo: check against its platform with --platform-contract <platform.json>), or remove the label.`,
        });
      }
    }
  },
});

/** Whether the namespace holds the NetworkPolicy rendering of the grant: `access-<service>`. */
function grantedInNamespace(context: LintContext, namespace: string, service: string): boolean {
  return context.policies.some((p) => p.kind === 'NetworkPolicy' && p.namespace === namespace && p.manifest.object.metadata.name === `access-${service}`);
}
