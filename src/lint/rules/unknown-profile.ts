import { PROFILE_LABEL } from '../../model/labels';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';
import { knownProfiles, selectedNamespaceLabels } from '../../manifests/selector-vocabulary';

const ID = 'unknown-profile';

/**
 * A Namespace whose profile is not one any policy of the input selects on, so the label does
 * nothing (typically a typo, or a profile whose CCNP is not deployed). Runs only when the
 * input holds policies: a directory of Namespaces alone says nothing about which profiles exist.
 * `isolated` is always known: it is the baselines alone (no ingress, DNS only), so the
 * renderer emits no policy selecting it.
 */
export const unknownProfile = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Namespace profile that no policy selects on.',
  help: 'Use a profile the policies select on, or add the profile.',
  check(context: LintContext, report: Report): void {
    if (context.policies.length === 0) return;
    const values = knownProfiles(selectedNamespaceLabels(context.policies));
    if (values === 'any') return;
    for (const manifest of context.namespaces) {
      const profile = manifest.object.metadata.labels?.[PROFILE_LABEL];
      if (profile === undefined || values.includes(profile)) continue;
      report(manifest, {
        field: `metadata.labels["${PROFILE_LABEL}"]`,
        message: `profile "${profile}" is not selected by any policy, so it does nothing. Known profiles: ${values.length > 0 ? values.join(', ') : 'none'}.`,
        fix: context.platformContract !== undefined
          ? `Set \`${PROFILE_LABEL}\` to one of ${values.join(', ')} (\`profile:\` on the AppNamespace), or ask the platform repo to add profile "${profile}" and update ${context.platformContract}.`
          : values.some((v) => v !== 'isolated')
            ? `Set \`${PROFILE_LABEL}\` to one of ${values.join(', ')} (\`profile:\` on the AppNamespace), or add a Profile for "${profile}".`
            : `Add the profile CCNPs to the manifests (an app repo: check against its platform with --platform-contract <platform.json>), or remove the label.`,
      });
    }
  },
});
