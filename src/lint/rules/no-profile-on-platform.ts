import { PROFILE_LABEL } from '../../model/labels';
import { finding, type Finding } from '../finding';
import type { LintContext } from '../lint-context';
import type { LintRule } from '../lint-rule';

const ID = 'no-profile-on-platform';

/**
 * A profile label on a platform namespace. Platform namespaces (labelled
 * `network-policy.homelab/platform: "true"`, the well-known list, or `--platform`) each get
 * their own CNP; a profile would add the profile's rules on top, e.g. gateway ingress into
 * kube-system.
 */
export const noProfileOnPlatform: LintRule = {
  id: ID,
  severity: 'error',
  summary: 'Profile label on a platform namespace.',
  help: `Remove the \`${PROFILE_LABEL}\` label; give the platform namespace its own rules (a PlatformNamespace construct).`,
  check(context: LintContext): Finding[] {
    return context.namespaces.flatMap((manifest) => {
      const { name, labels = {} } = manifest.object.metadata;
      const profile = labels[PROFILE_LABEL];
      if (profile === undefined || !context.isPlatform(name, labels)) return [];
      return [finding(ID, 'error', manifest, {
        field: `metadata.labels["${PROFILE_LABEL}"]`,
        message: `platform namespace "${name}" has profile "${profile}"; platform namespaces never get a profile.`,
        fix: `Remove the \`${PROFILE_LABEL}\` label from namespace ${name}, and add what it needs to its platform construct instead.`,
      })];
    });
  },
};
