/*
 * The as-is fallback of `netpol import`: any policy no recognizer claims is kept exactly as the
 * input wrote it, as a `CiliumPolicy` (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) or a
 * `KubernetesPolicy` (NetworkPolicy), never dropped. Where the spec trips a guardrail of the
 * library, the item opts in with a visible `imported: ...` reason (`acceptRisks`,
 * `hardCodedIpReason`) and lists a finding, so the import synthesizes and a person knows what to
 * review.
 */
import { CiliumPolicy } from '../constructs/cilium-policy';
import { Renderer } from '../constructs/cluster-settings';
import { KubernetesPolicy } from '../constructs/kubernetes-policy';
import type { RiskKind, SpecRisk } from '../constructs/accepted-risks';
import { InputError } from '../cli/input-error';
import { describeSource, type Manifest } from '../manifests/manifest';
import { compareText } from '../model/compare';
import { jsonCode, type CodeValue, type ImportFinding, type ImportItem } from './code-model';

/** The namespace a namespaced policy without `metadata.namespace` lands in (as `kubectl apply` without `-n`). */
export const DEFAULT_NAMESPACE = 'default';

/** What the as-is fallback needs besides the manifest. */
export interface AsIsOptions {
  /** The renderer of the generated cluster. */
  readonly renderer: Renderer;
  /** Why the policy is kept as-is, for the `// imported as-is: <why>` comment. */
  readonly why: string;
  /** Construct ids taken so far in the cluster; the item's ids are added. */
  readonly ids: Set<string>;
}

/** Whether a manifest is a policy the as-is fallback keeps: NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy. */
export function isPolicyManifest(manifest: Manifest): boolean {
  const { apiVersion, kind } = manifest.object;
  const group = apiVersion.split('/')[0];
  return (kind === 'NetworkPolicy' && group === 'networking.k8s.io')
    || ((kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy') && group === 'cilium.io');
}

/**
 * Names a manifest as the report does: `CiliumNetworkPolicy media/allow-sonarr`.
 *
 * @param manifest the manifest
 */
export function objectLabel(manifest: Manifest): string {
  const { kind, metadata } = manifest.object;
  return `${kind} ${metadata.namespace === undefined ? '' : `${metadata.namespace}/`}${metadata.name}`;
}

/**
 * A construct id not taken yet: `wanted`, else `wanted-2`, `wanted-3`, ...
 *
 * @param wanted the id wanted
 * @param ids the ids taken; the returned id is added
 */
export function uniqueId(wanted: string, ids: Set<string>): string {
  let id = wanted;
  for (let i = 2; ids.has(id); i++) id = `${wanted}-${i}`;
  ids.add(id);
  return id;
}

/** The opt-in reason written for each guardrail, after `imported: `. */
const RISK_REASONS: Readonly<Record<RiskKind, string>> = {
  explicitDeny: 'the explicit deny is kept as the repository wrote it',
  emptyRules: 'the empty rule or list is kept as the repository wrote it',
  anyPort: 'every port is allowed as the repository wrote it',
  outsideToEveryNamespace: 'outside peers into every namespace, as the repository wrote it',
  privateRanges: 'the address block is kept as the repository wrote it',
  oneSidedFlows: 'the other end is kept as the repository wrote it',
};

/** The reason for hard-coded addresses. */
const ADDRESS_REASON = 'imported: the addresses are kept as the repository wrote them';

/**
 * The items that keep one policy exactly as written: a `CiliumPolicy` with the `spec` or the
 * `specs` of a Cilium policy (one with both becomes two: `<name>` and `<name>-specs`), a
 * `KubernetesPolicy` for a NetworkPolicy, in the file of its namespace (`namespaces/<ns>`), or
 * `cluster` for a cluster-wide policy. Every guardrail the spec trips is accepted with an
 * `imported: ...` reason and listed as an `opt-in` finding.
 *
 * @param manifest a policy (`isPolicyManifest`)
 * @param options the renderer, why, and the ids taken
 * @throws InputError for a Cilium policy on the NetworkPolicy renderer, which cannot carry it
 */
export function asIsItems(manifest: Manifest, options: AsIsOptions): ImportItem[] {
  const { kind, metadata } = manifest.object;
  const object = manifest.object as Record<string, unknown>;
  const findings: ImportFinding[] = [];
  const label = objectLabel(manifest);
  const file = describeSource(manifest.source);
  const namespaced = kind !== 'CiliumClusterwideNetworkPolicy';
  // As the simulator reads it (and `kubectl apply` without -n); input-notices.ts reports it (missing-namespace).
  const namespace = metadata.namespace ?? (namespaced ? DEFAULT_NAMESPACE : undefined);
  if (kind === 'NetworkPolicy') {
    const spec = record(object.spec);
    const risks = KubernetesPolicy.risksOf(spec, { renderer: options.renderer });
    return [policyItem(manifest, 'KubernetesPolicy', metadata.name, namespace, ['spec', spec], risks, findings, options)];
  }
  if (options.renderer === Renderer.KUBERNETES) {
    throw new InputError(`${file}: ${label}: a Cilium policy cannot be rendered as NetworkPolicy (--renderer kubernetes): import with --renderer cilium, or leave the Cilium policies out.`);
  }
  // `spec` and `specs` as written; a policy with both (Cilium takes both) becomes two, `<name>` and `<name>-specs`.
  const bodies: Body[] = [];
  if (object.spec !== undefined) bodies.push(['spec', record(object.spec)]);
  if (Array.isArray(object.specs)) bodies.push(['specs', object.specs.map(record)]);
  return bodies.map((body, i) => {
    const name = i === 0 ? metadata.name : `${metadata.name}-specs`;
    const risks = CiliumPolicy.risksOf(body[1], namespaced ? { namespace } : {});
    return policyItem(manifest, 'CiliumPolicy', name, namespaced ? namespace : undefined, body, risks, i === 0 ? findings : [], options);
  });
}

/** A policy's `spec`, or a Cilium policy's `specs`. */
type Body = ['spec', Record<string, unknown>] | ['specs', Record<string, unknown>[]];

function policyItem(
  manifest: Manifest, construct: 'CiliumPolicy' | 'KubernetesPolicy', name: string, namespace: string | undefined,
  body: Body, risks: readonly SpecRisk[], findings: ImportFinding[], options: AsIsOptions,
): ImportItem {
  const [field, spec] = body;
  const label = objectLabel(manifest);
  const file = describeSource(manifest.source);
  const accepted = new Map<RiskKind, string>();
  let addresses = false;
  for (const risk of risks) {
    const where = /^(?:specs\[\d+\]|spec)(?:\.[A-Za-z]+|\[\d+\])*/.exec(risk.message)?.[0] ?? field;
    if (risk.risk === 'hardCodedIp') {
      addresses = true;
      findings.push({ kind: 'opt-in', object: label, file, field: where, message: `${riskText(risk.message)}; kept with hardCodedIpReason` });
    } else if (risk.risk === 'invalid') {
      findings.push({ kind: 'input', object: label, file, field: where, message: risk.message });
    } else {
      accepted.set(risk.risk, `imported: ${RISK_REASONS[risk.risk]}`);
      findings.push({ kind: 'opt-in', object: label, file, field: where, message: `${riskText(risk.message)}; kept with acceptRisks.${risk.risk}` });
    }
  }
  const id = uniqueId(namespace === undefined ? name : `${namespace}.${name}`, options.ids);
  const entries: [string, CodeValue][] = [];
  if (id !== name) entries.push(['name', name]);
  if (namespace !== undefined) entries.push(['namespace', namespace]);
  entries.push([field, jsonCode(spec)]);
  if (addresses) entries.push(['hardCodedIpReason', ADDRESS_REASON]);
  if (accepted.size > 0) {
    entries.push(['acceptRisks', { kind: 'object', entries: [...accepted.entries()].sort(([a], [b]) => compareText(a, b)) }]);
  }
  return {
    statements: [{ kind: 'new', construct, scope: 'cluster', id, props: { kind: 'object', entries } }],
    file: namespace === undefined ? 'cluster' : `namespaces/${namespace}`,
    comment: `imported as-is: ${label}${name === manifest.object.metadata.name ? '' : ` (its specs, as ${name})`}: ${options.why}`,
    covers: [manifest],
    findings,
  };
}

/**
 * The as-is item accepting one-sided flows too (`acceptRisks.oneSidedFlows`), with a finding:
 * synthesis refuses flows one end allows and the other denies between declared namespaces, and
 * the repository's other end is kept as it was written.
 *
 * @param item an item of `asIsItems`
 * @returns the item with the opt-in, or the item itself when it has it already or is no policy
 */
export function acceptOneSided(item: ImportItem): ImportItem {
  const statement = item.statements[0];
  if (item.statements.length !== 1 || statement.kind !== 'new' || (statement.construct !== 'CiliumPolicy' && statement.construct !== 'KubernetesPolicy')) return item;
  const props = statement.props as Extract<CodeValue, { kind: 'object' }>;
  const risks = props.entries.find(([key]) => key === 'acceptRisks')?.[1] as Extract<CodeValue, { kind: 'object' }> | undefined;
  if (risks?.entries.some(([key]) => key === 'oneSidedFlows')) return item;
  const accepted: Extract<CodeValue, { kind: 'object' }> = {
    kind: 'object',
    entries: [...(risks?.entries ?? []), ['oneSidedFlows', `imported: ${RISK_REASONS.oneSidedFlows}`] as const].sort(([a], [b]) => compareText(a, b)),
  };
  const entries = risks === undefined ? [...props.entries, ['acceptRisks', accepted] as const] : props.entries.map(([key, value]) => [key, key === 'acceptRisks' ? accepted : value] as const);
  const label = item.covers.length > 0 ? objectLabel(item.covers[0]) : statement.id;
  return {
    ...item,
    statements: [{ ...statement, props: { kind: 'object', entries } }],
    findings: [...item.findings, {
      kind: 'opt-in', object: label, ...(item.covers.length > 0 ? { file: describeSource(item.covers[0].source) } : {}),
      message: 'kept with acceptRisks.oneSidedFlows: it allows flows the other end denies (such a rule carries no traffic; the other end is as the repository wrote it)',
    }],
  };
}

/**
 * What a guardrail's refusal says is wrong, without the field (the finding names it) and the fix
 * (the import keeps the spec): `spec.ingress[0] allows any port: add toPorts ...` gives
 * `allows any port`.
 */
function riskText(message: string): string {
  const text = message.replace(/^(?:specs\[\d+\]|spec)(?:\.[A-Za-z]+|\[\d+\])*\s*/, '');
  const end = text.search(/: |\. [A-Z]/);
  return end > 0 ? text.slice(0, end) : text.replace(/\.$/, '');
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
