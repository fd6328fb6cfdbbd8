import { InputError } from '../cli/input-error';
import { describeManifest, type Manifest } from '../manifests/manifest';
import { closest } from '../model/names';
import { LABEL_DOMAIN } from '../model/labels';
import type { Finding } from './finding';

/**
 * The annotation that silences lint rules on one object, one `<rule>: <reason>` per line:
 *
 * ```yaml
 * metadata:
 *   annotations:
 *     network-policy.homelab/lint-ignore: |
 *       no-hard-coded-ip: the BMC subnet has no selector
 * ```
 *
 * `netpol.homelab/lint-ignore` (`NETPOL_LINT_IGNORE_ANNOTATION`) is read the same way.
 * The reason is required: a suppression says why, like eslint's `-- reason` and SARIF's
 * `justification`.
 */
export const LINT_IGNORE_ANNOTATION = `${LABEL_DOMAIN}/lint-ignore`;

/**
 * The same annotation under the linter's own domain, `netpol.homelab/lint-ignore`: read exactly
 * like `LINT_IGNORE_ANNOTATION` (an object may carry either, or both).
 */
export const NETPOL_LINT_IGNORE_ANNOTATION = 'netpol.homelab/lint-ignore';

/** A finding an object's `LINT_IGNORE_ANNOTATION` silences, with the reason it gives. */
export interface SuppressedFinding extends Finding {
  /** Why the object's owner accepts it. */
  readonly reason: string;
}

/**
 * The rules an object's annotation silences, with their reasons.
 *
 * @param manifest the object
 * @param ruleIds every rule id (to catch typos)
 * @returns rule id to reason; empty without the annotation
 * @throws InputError naming the file, the object and the annotation when a line is not
 *   `<rule>: <reason>` or names no rule
 */
export function lintIgnores(manifest: Manifest, ruleIds: readonly string[]): Map<string, string> {
  const ignores = new Map<string, string>();
  for (const key of [LINT_IGNORE_ANNOTATION, NETPOL_LINT_IGNORE_ANNOTATION]) {
    const value = manifest.object.metadata.annotations?.[key];
    if (value !== undefined) readIgnores(value, `${describeManifest(manifest)}: metadata.annotations["${key}"]`, ruleIds, ignores);
  }
  return ignores;
}

function readIgnores(value: string, where: string, ruleIds: readonly string[], ignores: Map<string, string>): void {
  for (const line of value.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
    const match = /^([a-z0-9-]+)\s*:\s*(\S.*)$/.exec(line);
    if (!match) {
      throw new InputError(`${where}: "${line}" is not "<rule>: <reason>"; a suppression needs the rule id and why, e.g. "no-hard-coded-ip: the BMC subnet has no selector".`);
    }
    const [, rule, reason] = match;
    if (!ruleIds.includes(rule)) {
      const near = closest(rule, ruleIds);
      throw new InputError(`${where}: unknown rule "${rule}".${near ? ` Did you mean "${near}"?` : ''} Rules: ${ruleIds.join(', ')}.`);
    }
    ignores.set(rule, reason);
  }
}
