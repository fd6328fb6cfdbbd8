import { ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL, ENFORCEMENT_REASON_ANNOTATION } from '../../model/labels';
import { reasonProblem } from '../../model/reason';
import { defineRule, type Report } from '../define-rule';
import type { LintContext } from '../lint-context';

const ID = 'escape-hatch-without-reason';

/**
 * A Namespace carrying the escape hatch's label, `network-policy.homelab/enforcement=disabled`,
 * without a visible reason in its `network-policy.homelab/enforcement-reason` annotation: lifting
 * enforcement is allowed only on purpose and on the record (the library writes the annotation for
 * `disableEnforcement: { reason }` and refuses the raw label). A reason that is blank or holds
 * zero-width or bidirectional-control characters counts as none.
 */
export const escapeHatchWithoutReason = defineRule({
  id: ID,
  severity: 'error',
  summary: 'Namespace with enforcement disabled but no visible reason.',
  help: `Say why in the annotation \`${ENFORCEMENT_REASON_ANNOTATION}\` (the library writes it for \`disableEnforcement: { reason }\`), or remove the label \`${ENFORCEMENT_LABEL}\`.`,
  check(context: LintContext, report: Report): void {
    for (const namespace of context.namespaces) {
      const { labels, annotations } = namespace.object.metadata;
      if (labels?.[ENFORCEMENT_LABEL] !== ENFORCEMENT_DISABLED) continue;
      const reason = annotations?.[ENFORCEMENT_REASON_ANNOTATION];
      const problem = reasonProblem(reason);
      if (problem === undefined) continue;
      report(namespace, {
        field: reason === undefined ? `metadata.labels["${ENFORCEMENT_LABEL}"]` : `metadata.annotations["${ENFORCEMENT_REASON_ANNOTATION}"]`,
        message: `enforcement is disabled (every flow of the namespace allowed) and the reason ${problem}.`,
        fix: `Write why in the annotation \`${ENFORCEMENT_REASON_ANNOTATION}: "INC-42: debugging dropped traffic"\` (\`disableEnforcement: { reason }\` in the library), or remove the label to enforce the policies again.`,
      });
    }
  },
});
