import { lint } from '../lint/linter';
import { oneSidedFlow } from '../lint/rules/one-sided-flow';
import type { Manifest } from '../manifests/manifest';
import type { RenderedObject } from '../render/rendered-object';
import { withStandIns } from './flux-variables';

/**
 * The flows of one cluster that only one end allows, found with the flow simulator (the
 * `one-sided-flow` lint rule run on the rendered objects): pods of two declared endpoints where
 * one side's policy allows the traffic and the other side's denies it. Such a rule never carries
 * traffic. Rules are two-sided by default, so these come from `{ oneSided: true }` rules whose
 * other side was not written, or from hand-written policies.
 *
 * @param cluster the cluster name, for the file names in messages
 * @param objects the cluster's rendered objects
 * @param declared the namespaces the cluster declares (`AppNamespace`, `PlatformNamespace`): only
 *   flows between two of them are refused; elsewhere the other end may have policies of its own
 * @returns one `[construct path] message` line per one-sided flow, naming both ends and the fix
 */
export function oneSidedProblems(cluster: string, objects: readonly RenderedObject[], declared: ReadonlySet<string>): string[] {
  const manifests: Manifest[] = objects.map((rendered, document) => ({
    object: JSON.parse(JSON.stringify(withStandIns(rendered).object)) as Manifest['object'],
    source: { file: `${cluster}/${rendered.file}.yaml`, document },
  }));
  const between = (finding: { object: string; message: string }): boolean => {
    // The finding names the flows the rule allows and the other end refuses: `a/pod -> b/pod 80/TCP`.
    const own = /^\S+ ([^/\s]+)\//.exec(finding.object)?.[1];
    const flow = /([^\s(/]+)\/\S+ -> ([^\s/]+)\/\S+ \d+\//.exec(finding.message);
    return own !== undefined && flow !== null && declared.has(own) && declared.has(flow[1]) && declared.has(flow[2]);
  };
  return lint(manifests, {}, [oneSidedFlow]).filter(between).map((finding) => {
    const where = objects[finding.document]?.constructPath;
    return `${where ? `[${where}] ` : ''}One-sided flow: ${finding.object}: ${finding.message} `
      + `Fix: let the library write the other side (drop { oneSided: true }), or allow it on the other end yourself.`;
  });
}
