import type { Manifest } from '../manifests/manifest';
import { compareFindings, type Finding } from './finding';
import { LintContext, type LintOptions } from './lint-context';
import type { LintRule } from './lint-rule';
import { lintIgnores, type SuppressedFinding } from './suppression';
import { LINT_RULES } from './rules';

/** What a lint run found: the findings to report and those objects' annotations silence. */
export interface LintReport {
  /** The findings, in canonical order (file, document, rule, field), without duplicates. */
  readonly findings: readonly Finding[];
  /** The findings an object's `network-policy.homelab/lint-ignore` annotation silences, in the same order. */
  readonly suppressed: readonly SuppressedFinding[];
}

/**
 * Lints manifests: runs every rule and returns the findings in canonical order (file,
 * document, rule, field), without duplicates and without those an object's
 * `network-policy.homelab/lint-ignore` annotation silences.
 *
 * @param manifests the manifests, as `loadManifests` reads them
 * @param options `--platform` namespaces and the rule settings
 * @param rules the rules to run; every rule of `LINT_RULES` when omitted
 * @throws InputError when a lint-ignore annotation is malformed or names no rule
 */
export function lint(manifests: readonly Manifest[], options: LintOptions = {}, rules: readonly LintRule[] = LINT_RULES): Finding[] {
  return [...lintReport(manifests, options, rules).findings];
}

/**
 * Lints manifests, as `lint`, and also returns the findings annotations silence (with their
 * reasons), for the summary and SARIF suppressions.
 *
 * @param manifests the manifests, as `loadManifests` reads them
 * @param options `--platform` namespaces and the rule settings (`off` rules do not run; a
 *   severity replaces the rule's)
 * @param rules the rules to run; every rule of `LINT_RULES` when omitted
 * @throws InputError when a lint-ignore annotation is malformed or names no rule
 */
export function lintReport(manifests: readonly Manifest[], options: LintOptions = {}, rules: readonly LintRule[] = LINT_RULES): LintReport {
  // Rules pick "the first" object in places (e.g. which Namespace manifest to report on), so
  // read the input in canonical order: findings never depend on the order of the input.
  const platform = options.platformContract?.manifests ?? [];
  const sorted = [...manifests, ...platform].sort(compareManifests);
  const context = new LintContext(sorted, options);
  // The platform's objects inform the rules; findings on them belong to the platform repo.
  const elsewhere = new Set(platform.map((m) => sourceKey(m.source.file, m.source.document)));
  const settings = options.rules ?? {};
  const ids = LINT_RULES.map((r) => r.id);
  const ignores = new Map<string, Map<string, string>>();
  for (const m of sorted) {
    const found = lintIgnores(m, ids);
    if (found.size > 0) ignores.set(sourceKey(m.source.file, m.source.document), found);
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const all = rules.filter((rule) => settings[rule.id] !== 'off').flatMap((rule) => {
    const setting = settings[rule.id];
    return rule.check(context).map((f) => (setting === undefined || setting === 'off' ? f : { ...f, severity: setting }));
  });
  for (const f of all.sort(compareFindings)) {
    if (elsewhere.has(sourceKey(f.file, f.document))) continue;
    const key = JSON.stringify(f);
    if (seen.has(key)) continue;
    seen.add(key);
    const reason = ignores.get(sourceKey(f.file, f.document))?.get(f.rule);
    if (reason === undefined) findings.push(f);
    else suppressed.push({ ...f, reason });
  }
  return { findings, suppressed };
}

function sourceKey(file: string, document: number): string {
  return `${document}:${file}`;
}

function compareManifests(a: Manifest, b: Manifest): number {
  const key = (m: Manifest): string[] => [m.source.file, String(m.source.document).padStart(8, '0'), m.object.kind,
    m.object.metadata.namespace ?? '', m.object.metadata.name];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
