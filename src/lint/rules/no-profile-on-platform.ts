import { PROFILE_LABEL } from '../../model/labels';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'no-profile-on-platform';

/**
 * A profile label on a platform namespace. Platform namespaces (labelled
 * `network-policy.homelab/platform: "true"`, the well-known list, or `--platform`) each get
 * their own CNP; a profile would add the profile's rules on top, e.g. gateway ingress into
 * kube-system.
 */
export const noProfileOnPlatform = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Profile label on a platform namespace.',
  help: `Remove the \`${PROFILE_LABEL}\` label; give the platform namespace its own rules (a PlatformNamespace construct).`,
  check(context: LintContext, report: Report): void {
    for (const manifest of context.namespaces) {
      const { name, labels = {} } = manifest.object.metadata;
      const profile = labels[PROFILE_LABEL];
      if (profile === undefined || !context.isPlatform(name, labels)) continue;
      report(manifest, {
        field: `metadata.labels["${PROFILE_LABEL}"]`,
        message: `platform namespace "${name}" has profile "${profile}"; platform namespaces never get a profile.`,
        fix: `Remove the \`${PROFILE_LABEL}\` label from namespace ${name}, and add what it needs to its platform construct instead.`,
      });
    }
  },
});
