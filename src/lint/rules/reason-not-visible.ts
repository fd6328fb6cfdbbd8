import { reasonProblem } from '../../model/reason';
import { ADDRESS_REASONS_ANNOTATION } from '../../render/rendered-object';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'reason-not-visible';

/**
 * A `network-policy.homelab/address-reasons` line whose reason cannot be read: only zero-width
 * spaces, a bidirectional override, a Hangul filler, punctuation. `no-hard-coded-ip` accepts the
 * addresses the annotation lists; a reason nobody can see in review is no opt-in.
 */
export const reasonNotVisible = defineRule({
  id: ID,
  severity: 'error',
  summary: 'A stated reason that is invisible or holds characters hiding text.',
  help: 'Write the reason in words: at least one letter or digit, and no control or format characters (zero-width spaces, joiners, bidirectional overrides).',
  check(context: LintContext, report: Report): void {
    const seen = new Set<unknown>();
    for (const policy of context.policies) {
      if (seen.has(policy.manifest)) continue; // a Cilium `specs` list: one object, one annotation
      seen.add(policy.manifest);
      const value = policy.manifest.object.metadata.annotations?.[ADDRESS_REASONS_ANNOTATION];
      if (typeof value !== 'string') continue;
      value.split('\n').forEach((line) => {
        const match = /^\s*(\S+?):\s+(.*)$/.exec(line);
        if (!match) return;
        const problem = reasonProblem(match[2]);
        if (problem === undefined) return;
        report(policy.manifest, {
          field: `metadata.annotations["${ADDRESS_REASONS_ANNOTATION}"]`,
          message: `the reason stated for address ${match[1]} ${problem}, so the address is hard-coded without a reason anyone can read.`,
          fix: `Write why the address is needed in words: "${match[1]}: the NAS has no DNS name".`,
        });
      });
    }
  },
});
