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
  // Rules pick "the first" object in places (e.g. which Namespace manifest to report on), so
  // read the input in canonical order: findings never depend on the order of the input.
  const context = new LintContext([...manifests].sort(compareManifests), options);
  const seen = new Set<string>();
  return rules.flatMap((rule) => rule.check(context)).sort(compareFindings).filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compareManifests(a: Manifest, b: Manifest): number {
  const key = (m: Manifest): string[] => [m.source.file, String(m.source.document).padStart(8, '0'), m.object.kind,
    m.object.metadata.namespace ?? '', m.object.metadata.name];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
