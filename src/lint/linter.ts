import type { Manifest } from '../manifests/manifest';
import { compareFindings, type Finding } from './finding';
import { LintContext, type LintOptions } from './lint-context';
import type { LintRule } from './lint-rule';
import { LINT_RULES } from './rules';

/**
 * Lints manifests: runs every rule and returns the findings in canonical order (file,
 * document, rule, field), without duplicates.
 *
 * @param manifests the manifests, as `loadManifests` reads them
 * @param options `--platform` namespaces
 * @param rules the rules to run; every rule of `LINT_RULES` when omitted
 */
export function lint(manifests: readonly Manifest[], options: LintOptions = {}, rules: readonly LintRule[] = LINT_RULES): Finding[] {
  const context = new LintContext(manifests, options);
  const seen = new Set<string>();
  return rules.flatMap((rule) => rule.check(context)).sort(compareFindings).filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
