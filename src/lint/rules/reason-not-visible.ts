import { reasonProblem } from '../../model/reason';
import { ADDRESS_REASONS_ANNOTATION, ANY_PORT_REASONS_ANNOTATION } from '../../render/rendered-object';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'reason-not-visible';

/**
 * A `network-policy.homelab/address-reasons` or `network-policy.homelab/any-port-reasons` line
 * whose reason cannot be read: only zero-width spaces, a bidirectional override, a Hangul filler,
 * punctuation. `no-hard-coded-ip` and `no-any-port` accept what these annotations list; a reason
 * nobody can see in review is no opt-in.
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
      for (const annotation of [ADDRESS_REASONS_ANNOTATION, ANY_PORT_REASONS_ANNOTATION]) {
        const value = policy.manifest.object.metadata.annotations?.[annotation];
        if (typeof value !== 'string') continue;
        const what = annotation === ADDRESS_REASONS_ANNOTATION ? 'address' : 'every-port rule';
        for (const line of value.split('\n')) {
          // `: ` ends the key: IPv6 addresses hold colons themselves.
          const match = /^\s*(\S+?):\s+(.*)$/.exec(line);
          const problem = match ? reasonProblem(match[2]) : undefined;
          if (!match || problem === undefined) continue;
          report(policy.manifest, {
            field: `metadata.annotations["${annotation}"]`,
            message: `the reason stated for the ${what} ${match[1]} ${problem}, so it stands without a reason anyone can read.`,
            fix: `Write the reason in words: "${match[1]}: ${what === 'address' ? 'the NAS has no DNS name' : 'Longhorn replicas use dynamic ports'}".`,
          });
        }
      }
    }
  },
});
