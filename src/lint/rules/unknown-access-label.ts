import { ACCESS_LABEL_PREFIX } from '../../model/labels';
import { finding, type Finding } from '../finding';
import type { LintContext } from '../lint-context';
import type { LintRule } from '../lint-rule';
import { selectedNamespaceLabels } from '../selector-vocabulary';

const ID = 'unknown-access-label';

/**
 * A Namespace with an access label (`access.network-policy.homelab/<svc>`) that no policy of
 * the input selects on, or whose value is not one a policy selects on (the design selects
 * `"true"`), so the label grants nothing. Runs only when the input holds policies.
 */
export const unknownAccessLabel: LintRule = {
  id: ID,
  severity: 'error',
  summary: 'Namespace access label that no policy selects on.',
  help: 'Use an access label a shared service selects on, with the value "true".',
  check(context: LintContext): Finding[] {
    if (context.policies.length === 0) return [];
    const selected = selectedNamespaceLabels(context.policies);
    const known = [...selected.keys()].filter((k) => k.startsWith(ACCESS_LABEL_PREFIX)).sort();
    const services = known.map((k) => k.slice(ACCESS_LABEL_PREFIX.length));
    return context.namespaces.flatMap((manifest) => {
      const labels = manifest.object.metadata.labels ?? {};
      return Object.keys(labels).filter((key) => key.startsWith(ACCESS_LABEL_PREFIX)).sort().flatMap((key) => {
        const values = selected.get(key);
        const value = labels[key];
        if (values === 'any' || values?.has(value)) return [];
        const field = `metadata.labels["${key}"]`;
        if (values !== undefined) {
          const allowed = [...values].sort();
          return [finding(ID, 'error', manifest, {
            field,
            message: `access label "${key}" has value "${value}", but policies select only ${allowed.map((v) => `"${v}"`).join(', ')}.`,
            fix: `Set it to ${allowed.map((v) => `"${v}"`).join(' or ')}.`,
          })];
        }
        const service = key.slice(ACCESS_LABEL_PREFIX.length);
        return [finding(ID, 'error', manifest, {
          field,
          message: `access label "${key}" is not selected by any policy, so it grants nothing. Known access labels: ${services.length > 0 ? services.join(', ') : 'none'}.`,
          fix: services.length > 0
            ? `Use one of ${services.join(', ')} (\`access:\` on the AppNamespace), or add a SharedService "${service}".`
            : `Add the shared service's policies to the manifests, or remove the label.`,
        })];
      });
    });
  },
};
