/*
 * How `netpol import` declares a namespace no recognizer declared: a `DeclaredNamespace` (no
 * template policy, no profile: it adds no flow of its own) carrying the input Namespace's labels,
 * or, for a namespace the policies only name, `manageNamespace: false` (the repository does not
 * create it, so the import must not start to).
 */
import { Renderer } from '../constructs/cluster-settings';
import { ACCESS_LABEL_PREFIX, AMBIENT_LABEL, AMBIENT_MODE, ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL, ENFORCEMENT_REASON_ANNOTATION, LABEL_DOMAIN, NAMESPACE_NAME_LABEL } from '../model/labels';
import { describeSource, type Manifest } from '../manifests/manifest';
import { MANAGED_BY_LABELS } from '../render/rendered-object';
import { compareText } from '../model/compare';
import type { CodeValue, ImportFinding, ImportItem } from './code-model';
import { objectLabel } from './as-is';

/** What `namespaceItem` needs besides the namespace. */
export interface NamespaceItemOptions {
  /** The renderer of the generated cluster. */
  readonly renderer: Renderer;
  /**
   * Whether the input isolates every pod of the namespace in both directions itself (a
   * NetworkPolicy selecting every pod with both policy types): then the NetworkPolicy renderer's
   * own `default-deny` changes nothing and is kept; otherwise the namespace opts out of it.
   */
  readonly isolated: boolean;
  /** The construct id of the namespace. */
  readonly id: string;
}

/**
 * The item declaring one namespace as the input has it.
 *
 * - Labels are kept: the design's (`network-policy.homelab/*`, `access.network-policy.homelab/*`)
 *   through `designLabels` with an `imported:` reason (an opt-in finding), the escape hatch's
 *   through `disableEnforcement` with the input's reason annotation (or an `imported:` one), the
 *   ambient mesh label as `mesh: true`, and the labels the library or the API server sets
 *   (`app.kubernetes.io/managed-by: cdk8s-netpol`, `kubernetes.io/metadata.name`) left to them.
 * - Without a Namespace object: `manageNamespace: false`.
 * - On the NetworkPolicy renderer, `noDefaultDeny` unless the input isolates the namespace itself.
 *
 * @param name the namespace
 * @param manifest its Namespace object, or undefined when policies only name it
 * @param options the renderer, whether the input isolates it, the construct id
 */
export function namespaceItem(name: string, manifest: Manifest | undefined, options: NamespaceItemOptions): ImportItem {
  const entries: [string, CodeValue][] = [];
  const findings: ImportFinding[] = [];
  if (options.id !== name) entries.push(['name', name]);
  const labels: [string, CodeValue][] = [];
  const design: [string, CodeValue][] = [];
  const object = manifest === undefined ? undefined : objectLabel(manifest);
  const file = manifest === undefined ? undefined : describeSource(manifest.source);
  for (const [key, value] of Object.entries(manifest?.object.metadata.labels ?? {}).sort(([a], [b]) => compareText(a, b))) {
    if (MANAGED_BY_LABELS[key] === value || (key === NAMESPACE_NAME_LABEL && value === name)) continue;
    if (key === AMBIENT_LABEL && value === AMBIENT_MODE) {
      entries.push(['mesh', true]);
    } else if (key === ENFORCEMENT_LABEL && value === ENFORCEMENT_DISABLED) {
      const written = manifest?.object.metadata.annotations?.[ENFORCEMENT_REASON_ANNOTATION]?.trim();
      const reason = written ? written : 'imported: enforcement was disabled in the repository, with no reason written';
      entries.push(['disableEnforcement', { kind: 'object', entries: [['reason', reason]] }]);
      findings.push({ kind: 'opt-in', object: object!, file, field: `metadata.labels.${key}`, message: `enforcement is disabled in the namespace (the escape hatch), kept with disableEnforcement: ${reason}` });
    } else if (key.startsWith(`${LABEL_DOMAIN}/`) || key.startsWith(ACCESS_LABEL_PREFIX)) {
      design.push([key, value]);
    } else {
      labels.push([key, value]);
    }
  }
  if (labels.length > 0) entries.push(['labels', { kind: 'object', entries: labels }]);
  if (design.length > 0) {
    entries.push(['designLabels', { kind: 'object', entries: [['labels', { kind: 'object', entries: design }], ['reason', 'imported: the policies these labels select are kept as-is']] }]);
    findings.push({
      kind: 'opt-in', object: object!, file, field: 'metadata.labels',
      message: `the design's labels ${design.map(([k, v]) => `${k}=${String(v)}`).join(', ')} kept with designLabels (the policies selecting them are not Profile/SharedService constructs)`,
    });
  }
  if (manifest === undefined) entries.push(['manageNamespace', false]);
  if (options.renderer === Renderer.KUBERNETES && !options.isolated) {
    entries.push(['noDefaultDeny', { kind: 'object', entries: [['reason', 'imported: the repository did not isolate this namespace; its own policies decide']] }]);
  }
  return {
    statements: [{ kind: 'new', construct: 'DeclaredNamespace', scope: 'cluster', id: options.id, ...(entries.length > 0 ? { props: { kind: 'object', entries } } : {}) }],
    file: `namespaces/${name}`,
    comment: manifest === undefined ? 'imported: named by the policies; no Namespace object in the input, so another tool creates it' : undefined,
    covers: manifest === undefined ? [] : [manifest],
    findings,
  };
}
