/*
 * Recognizes the namespaces and their rules: a namespace with a profile the cluster declares
 * becomes an `AppNamespace` (profile, access, mesh, the escape hatch), a platform namespace whose
 * policy carries the platform template (DNS through the proxy, health and probe ingress,
 * Prometheus scrapes) a `PlatformNamespace`, any other a `DeclaredNamespace`; the rules of their
 * policies become `allowIngress`/`allowEgress` (`allowWithinNamespace` for traffic among the
 * same pods), with `pods` for policies selecting some pods. A rule between pods of two declared
 * namespaces whose other side the input writes too is written once, both ends by default; a
 * rule whose other side is not there is `oneSided`. The HBONE rules of meshed namespaces
 * (tcp/15008) are the library's to add, so they are read off.
 */
import type { Manifest } from '../../manifests/manifest';
import { ACCESS_LABEL_PREFIX, AMBIENT_LABEL, AMBIENT_MODE, ENFORCEMENT_DISABLED, ENFORCEMENT_LABEL, ENFORCEMENT_REASON_ANNOTATION, LABEL_DOMAIN, NAMESPACE_NAME_LABEL, PLATFORM_LABEL, PROFILE_LABEL, WELL_KNOWN_PLATFORM_NAMESPACES } from '../../model/labels';
import { MANAGED_BY_LABELS } from '../../render/rendered-object';
import { labelSlug } from '../../model/subject';
import { lint } from '../../lint/linter';
import { oneSidedFlow } from '../../lint/rules/one-sided-flow';
import type { CodeObject, CodeStatement, CodeValue, ImportFinding, ImportItem } from '../code-model';
import { claimFor } from './claim';
import { call, codeKey, labels, method, newConstruct, object, ref } from './code-values';
import { gatewayOf } from './connections';
import { readCiliumRule, type ReadRule } from './read-cilium-rule';
import type { ImportContext, Recognizer } from './recognizer';
import { valueProblems } from './scratch-cluster';

type Kind = 'app' | 'platform' | 'declared';
const HBONE = codeKey(ref('Port.HBONE'));
const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const AMBIENT_PROBE_SOURCE = '169.254.7.127/32';

/** One rule of a namespace's policies, as read. */
interface NamespaceRule {
  readonly direction: 'ingress' | 'egress';
  readonly peer: CodeValue;
  readonly ports: readonly CodeValue[];
  /** The pods of the namespace the policy selects (empty: every pod). */
  readonly pods: Readonly<Record<string, string>>;
  /** The input policy's name. */
  readonly policy: string;
  readonly findings: readonly ImportFinding[];
}

/** A namespace of the input as read: its labels and the rules of its policies. */
interface NamespaceReading {
  readonly name: string;
  readonly manifest?: Manifest;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly rules: readonly NamespaceRule[];
  /** The template rules (DNS through the proxy, health, probes, scrape) found in an every-pod policy. */
  readonly template: boolean;
  /** The kinds to try, best first. */
  readonly kinds: readonly Kind[];
}

/** Namespaces (application, platform or declared) and their rules. */
export const namespacesRecognizer: Recognizer = {
  name: 'namespaces',
  recognize(remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
    const declared = declaredNames(context);
    const deadRules = oneSidedPolicies([...(context.earlier ?? []).flatMap((item) => item.covers), ...remaining]);
    const readable = remaining.filter((m) => !deadRules.has(m));
    const readings = [...context.namespaces.keys()].map((name) => readNamespace(name, readable, context, declared))
      .filter((r): r is NamespaceReading => r !== undefined);
    let kinds = new Map(readings.map((r) => [r.name, r.kinds[0]]));
    for (let round = 0; round < 4 && kinds.size > 0; round++) {
      const batch = readings.filter((r) => kinds.has(r.name));
      const items = batch.map((r) => namespaceItem(r, kinds.get(r.name)!, new Set(kinds.keys()), readings, context));
      const claim = claimFor(items, remaining, context);
      if (claim.ok) return splitCovers(items, batch, claim.covers);
      // Each on its own (rules to other namespaces one-sided), in the first kind that passes.
      const passing = new Map<string, Kind>();
      for (const reading of batch) {
        for (const kind of reading.kinds) {
          const alone = namespaceItem(reading, kind, new Set([reading.name]), readings, context);
          if (claimFor([alone], remaining, context).ok) {
            passing.set(reading.name, kind);
            break;
          }
        }
      }
      if (passing.size === 0) return [];
      if (passing.size === kinds.size && [...passing].every(([n, k]) => kinds.get(n) === k)) {
        // Each passes alone but not together: keep every rule one-sided.
        const alone = batch.map((r) => namespaceItem(r, kinds.get(r.name)!, new Set([r.name]), readings, context));
        const together = claimFor(alone, remaining, context);
        return together.ok ? splitCovers(alone, batch, together.covers) : [];
      }
      kinds = passing;
    }
    return [];
  },
};

/**
 * The policies of the input with a rule whose every flow the other end denies (lint's
 * `one-sided-flow`). Every namespace is declared in the generated cluster, and synthesis refuses
 * such a rule between declared namespaces unless the policy accepts it (`acceptRisks`), which
 * only the as-is fallback writes: these policies stay as-is.
 *
 * @param all every input manifest
 */
function oneSidedPolicies(all: readonly Manifest[]): Set<Manifest> {
  const bySource = new Map(all.map((m) => [`${m.source.file}#${m.source.document}`, m]));
  try {
    return new Set(lint(all, {}, [oneSidedFlow]).flatMap((f) => bySource.get(`${f.file}#${f.document}`) ?? []));
  } catch {
    return new Set(); // a malformed lint-ignore annotation: the proof and the build still decide
  }
}

/** The profiles and shared services the earlier items declare. */
function declaredNames(context: ImportContext): { profiles: Set<string>; services: Set<string>; baseline: boolean } {
  const profiles = new Set<string>();
  const services = new Set<string>();
  let baseline = false;
  const builtinProfiles: Record<string, string[]> = {
    'Profile.builtins': ['isolated', 'internal', 'internal-egress', 'standard'], 'Profile.isolated': ['isolated'],
    'Profile.internal': ['internal'], 'Profile.internalEgress': ['internal-egress'], 'Profile.standard': ['standard'],
    'SharedService.builtins': ['postgres', 'dragonfly', 'garage-s3', 'kube-api'], 'SharedService.postgres': ['postgres'],
    'SharedService.dragonfly': ['dragonfly'], 'SharedService.garageS3': ['garage-s3'], 'SharedService.kubeApi': ['kube-api'],
  };
  for (const statement of (context.earlier ?? []).flatMap((item) => item.statements)) {
    if (statement.kind === 'call' && builtinProfiles[statement.callee] !== undefined) {
      for (const name of builtinProfiles[statement.callee]) (statement.callee.startsWith('Profile') ? profiles : services).add(name);
    } else if (statement.kind === 'new') {
      const props = statement.props !== undefined && typeof statement.props === 'object' && !Array.isArray(statement.props) && (statement.props as { kind: string }).kind === 'object'
        ? (statement.props as { entries: readonly (readonly [string, CodeValue])[] }).entries : [];
      const name = props.find(([key]) => key === 'name')?.[1];
      const id = typeof name === 'string' ? name : statement.id;
      if (statement.construct === 'Profile') profiles.add(id);
      if (statement.construct === 'SharedService') services.add(id);
      if (statement.construct === 'ClusterBaseline') baseline = true;
    }
  }
  return { profiles, services, baseline };
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a namespace: its Namespace (when still unclaimed) and its unclaimed policies. */
function readNamespace(name: string, remaining: readonly Manifest[], context: ImportContext, declared: ReturnType<typeof declaredNames>): NamespaceReading | undefined {
  const manifest = context.namespaces.get(name);
  if (manifest !== undefined && !remaining.includes(manifest)) return undefined;
  const nsLabels = Object.fromEntries(Object.entries(manifest?.object.metadata.labels ?? {}).filter(([k]) => k !== NAMESPACE_NAME_LABEL && !(k in MANAGED_BY_LABELS)));
  const rules: NamespaceRule[] = [];
  let template = false;
  const settings = settingsOf(context);
  for (const policy of remaining) {
    const { object: o } = policy;
    if (o.kind !== 'CiliumNetworkPolicy' || o.metadata.namespace !== name || !isRecord(o.spec)) continue;
    const spec = o.spec;
    if (Object.keys(spec).some((k) => !['description', 'endpointSelector', 'ingress', 'egress'].includes(k))) continue;
    const pods = podsOf(spec.endpointSelector);
    if (pods === undefined) continue;
    const read: { direction: 'ingress' | 'egress'; rule: ReadRule; raw: Json }[] = [];
    let readable = true;
    for (const direction of ['ingress', 'egress'] as const) {
      const list = spec[direction];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) { readable = false; break; }
      for (const [i, raw] of list.entries()) {
        const rule = readCiliumRule(direction, raw, name, `spec.${direction}[${i}]`);
        if (rule === undefined || rule.icmps !== undefined || !isRecord(raw)) { readable = false; break; }
        read.push({ direction, rule, raw });
      }
    }
    if (!readable) continue;
    const everyPod = Object.keys(pods).length === 0;
    const objectName = `${o.kind} ${name}/${o.metadata.name}`;
    // A policy is read whole or not at all: a rule the library cannot say leaves it as-is.
    const own: NamespaceRule[] = [];
    let hasTemplate = false;
    for (const { direction, rule, raw } of read) {
      if (everyPod && isTemplateRule(direction, rule, raw, settings)) {
        hasTemplate = true;
        continue;
      }
      if (rule.dns || rule.peers.some((peer) => valueProblems(peer).length > 0) || rule.ports.some((port) => valueProblems(port).length > 0)) {
        readable = false;
        break;
      }
      for (const peer of rule.peers) {
        own.push({ direction, peer, ports: rule.ports, pods, policy: o.metadata.name, findings: rule.findings.map((f) => ({ ...f, object: objectName, file: policy.source.file })) });
      }
    }
    if (!readable) continue;
    template ||= hasTemplate;
    rules.push(...own);
  }
  const profile = nsLabels[PROFILE_LABEL];
  const access = Object.keys(nsLabels).filter((k) => k.startsWith(ACCESS_LABEL_PREFIX)).map((k) => k.slice(ACCESS_LABEL_PREFIX.length));
  const kinds: Kind[] = [];
  const platform = nsLabels[PLATFORM_LABEL] === 'true' || (profile === undefined && (WELL_KNOWN_PLATFORM_NAMESPACES as readonly string[]).includes(name));
  if (profile !== undefined && declared.baseline && declared.profiles.has(profile) && access.every((a) => declared.services.has(a)) && !(WELL_KNOWN_PLATFORM_NAMESPACES as readonly string[]).includes(name)) kinds.push('app');
  if (platform && profile === undefined && template) kinds.push('platform');
  kinds.push('declared');
  return {
    name, ...(manifest !== undefined ? { manifest } : {}), labels: nsLabels, annotations: manifest?.object.metadata.annotations ?? {},
    rules: withoutHboneTwins(rules), template, kinds,
  };
}

/** The cluster settings the templates use, from the earlier items' `clusterProps` or the defaults. */
function settingsOf(context: ImportContext): { dnsServer: string; prometheus: string; metricsPorts: string } {
  const props = new Map((context.earlier ?? []).flatMap((item) => item.clusterProps ?? []));
  return {
    dnsServer: codeKey(props.get('dnsServer') ?? call('Peer.pods', 'kube-system', labels({ 'k8s-app': 'kube-dns' }))),
    prometheus: codeKey(props.get('prometheus') ?? call('Peer.pods', 'monitoring', labels({ 'app.kubernetes.io/name': 'prometheus' }))),
    metricsPorts: codeKey(props.get('metricsPorts') ?? [call('Port.tcp', 9090)]),
  };
}

/** A rule of the platform template: DNS through the proxy, the health entity, the ambient probe source, the scrape. */
function isTemplateRule(direction: 'ingress' | 'egress', rule: ReadRule, raw: Json, settings: ReturnType<typeof settingsOf>): boolean {
  if (rule.peers.length !== 1) return false;
  const peer = codeKey(rule.peers[0]);
  if (direction === 'egress') return rule.dns && peer === settings.dnsServer;
  if (raw.toPorts === undefined) {
    return peer === codeKey(call('Peer.health')) || (JSON.stringify(raw.fromCIDRSet ?? raw.fromCIDR) ?? "").includes(`"${AMBIENT_PROBE_SOURCE}"`);
  }
  return peer === settings.prometheus && codeKey(rule.ports) === settings.metricsPorts;
}

/** The pod labels of an `endpointSelector` (matchLabels only), or undefined. */
function podsOf(selector: unknown): Record<string, string> | undefined {
  if (selector === undefined) return {};
  if (!isRecord(selector) || selector.matchExpressions !== undefined) return undefined;
  const labelsOf = selector.matchLabels ?? {};
  if (!isRecord(labelsOf)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labelsOf)) {
    const bare = key.replace(/^k8s:/, '');
    if (bare === POD_NAMESPACE || bare.startsWith('io.cilium.') || bare.startsWith('reserved:')) return undefined;
    out[bare] = String(value);
  }
  return out;
}

/** Drops tcp/15008 from a rule whose peer has other rules in the same policy: the HBONE twins are the library's. */
function withoutHboneTwins(rules: readonly NamespaceRule[]): NamespaceRule[] {
  const key = (r: NamespaceRule): string => `${r.policy}|${r.direction}|${codeKey(r.peer)}`;
  return rules.flatMap((rule) => {
    if (!rule.ports.some((p) => codeKey(p) === HBONE)) return [rule];
    const ports = rule.ports.filter((p) => codeKey(p) !== HBONE);
    const elsewhere = rules.some((r) => r !== rule && key(r) === key(rule) && r.ports.some((p) => codeKey(p) !== HBONE));
    if (ports.length > 0) return [{ ...rule, ports }];
    return elsewhere ? [] : [rule];
  });
}

/** The namespace a pods peer names and its pod labels (`pods`: as a code key); undefined for other peers. */
function podsPeer(peer: CodeValue): { namespace: string; labels: Record<string, string>; pods: string } | undefined {
  if (typeof peer !== 'object' || Array.isArray(peer) || (peer as { kind: string }).kind !== 'call') return undefined;
  const { callee, args } = peer as { callee: string; args: readonly CodeValue[] };
  if (typeof args[0] !== 'string' || (callee !== 'Peer.namespace' && callee !== 'Peer.pods')) return undefined;
  const entries = callee === 'Peer.pods' ? (args[1] as CodeObject).entries : [];
  const record = Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
  return { namespace: args[0], labels: record, pods: codeKey(labels(record)) };
}

const samePorts = (a: readonly CodeValue[], b: readonly CodeValue[]): boolean =>
  codeKey([...a].map(codeKey).sort()) === codeKey([...b].map(codeKey).sort());

/**
 * The code of one namespace. A rule whose peer is pods of a namespace in `together` is written
 * both ends by default when that namespace's input has the opposite rule (which is then not
 * written again), else `oneSided`.
 */
function namespaceItem(reading: NamespaceReading, kind: Kind, together: ReadonlySet<string>, all: readonly NamespaceReading[], context: ImportContext): ImportItem {
  const binding = bindingOf(reading.name);
  const statements: CodeStatement[] = [];
  const findings: ImportFinding[] = [];
  const skip = generatedSides(reading, together, all);
  const within = new Set<NamespaceRule>();
  for (const rule of reading.rules) {
    if (skip.has(rule) || within.has(rule)) continue;
    const self = podsPeer(rule.peer);
    // Traffic among the same pods, both directions: allowWithinNamespace.
    if (self?.namespace === reading.name && self.pods === codeKey(labels(rule.pods))) {
      const twin = reading.rules.find((r) => r !== rule && r.policy === rule.policy && r.direction !== rule.direction && codeKey(r.peer) === codeKey(rule.peer) && samePorts(r.ports, rule.ports));
      if (twin !== undefined) {
        within.add(twin);
        statements.push(method(binding, 'allowWithinNamespace', [...rule.ports], ...optionsOf(rule, undefined, kind)));
        findings.push(...rule.findings);
        continue;
      }
    }
    const peerNamespace = podsPeer(rule.peer)?.namespace;
    const bothEnds = peerNamespace !== undefined && together.has(peerNamespace) && oppositeOf(rule, reading, all) !== undefined && !slugClash(rule, all);
    const oneSided = peerNamespace !== undefined && !bothEnds ? true : undefined;
    statements.push(method(binding, rule.direction === 'ingress' ? 'allowIngress' : 'allowEgress', gatewayOf(rule.peer, context), [...rule.ports], ...optionsOf(rule, oneSided, kind)));
    findings.push(...rule.findings);
  }
  const construct = kind === 'app' ? 'AppNamespace' : kind === 'platform' ? 'PlatformNamespace' : 'DeclaredNamespace';
  const head = newConstruct(construct, reading.name, propsOf(reading, kind), statements.length > 0 ? binding : undefined);
  return { statements: [head, ...statements], file: `namespaces/${reading.name}`, covers: [], findings };
}

/** The rules of `reading` that other namespaces' rules (processed first, both ends) write for it. */
function generatedSides(reading: NamespaceReading, together: ReadonlySet<string>, all: readonly NamespaceReading[]): Set<NamespaceRule> {
  const skip = new Set<NamespaceRule>();
  for (const other of all) {
    if (!together.has(other.name) || !together.has(reading.name)) continue;
    // Rules are written by the namespace sorting first; within one namespace by the rule first in order.
    for (const rule of other.rules) {
      const peerNamespace = podsPeer(rule.peer)?.namespace;
      if (peerNamespace !== reading.name) continue;
      const opposite = oppositeOf(rule, other, all);
      if (opposite === undefined || slugClash(rule, all)) continue;
      const writer = other.name < reading.name || (other.name === reading.name && other.rules.indexOf(rule) < reading.rules.indexOf(opposite));
      if (writer && !skip.has(rule)) skip.add(opposite);
    }
  }
  return skip;
}

/**
 * True when the other side of `rule` would land in a policy whose generated name
 * (`<prefix>-<label values>`) another pod selector of the peer namespace shares: the library
 * keeps one selector per policy name, so that side is written by hand (one-sided) instead.
 */
function slugClash(rule: NamespaceRule, all: readonly NamespaceReading[]): boolean {
  const peer = podsPeer(rule.peer);
  if (peer === undefined) return false;
  // Every pod selector of the peer namespace: its policies' subjects and what rules name there.
  const selectors = new Map<string, Set<string>>();
  const add = (pods: Readonly<Record<string, string>>): void => {
    const slug = labelSlug(pods);
    selectors.set(slug, (selectors.get(slug) ?? new Set()).add(codeKey(labels(pods))));
  };
  for (const reading of all) {
    for (const r of reading.rules) {
      if (reading.name === peer.namespace) add(r.pods);
      const named = podsPeer(r.peer);
      if (named?.namespace === peer.namespace) add(named.labels);
    }
  }
  return (selectors.get(labelSlug(peer.labels))?.size ?? 0) > 1;
}

/** The rule the library writes on the peer's side of `rule` (both ends by default), if the input has it. */
function oppositeOf(rule: NamespaceRule, owner: NamespaceReading, all: readonly NamespaceReading[]): NamespaceRule | undefined {
  const peer = podsPeer(rule.peer);
  if (peer === undefined) return undefined;
  const target = all.find((r) => r.name === peer.namespace);
  const back = Object.keys(rule.pods).length === 0 ? codeKey(call('Peer.namespace', owner.name)) : codeKey(call('Peer.pods', owner.name, labels(rule.pods)));
  return target?.rules.find((r) => r !== rule && r.direction !== rule.direction && codeKey(labels(r.pods)) === peer.pods
    && codeKey(r.peer) === back && samePorts(r.ports, rule.ports));
}

function optionsOf(rule: NamespaceRule, oneSided: true | undefined, kind: Kind): CodeValue[] {
  const prefix = kind === 'platform' ? 'platform' : 'app';
  const everyPod = Object.keys(rule.pods).length === 0;
  const slug = Object.keys(rule.pods).sort().map((k) => rule.pods[k]).join('-');
  const standard = everyPod ? prefix : `${prefix}-${slug}`;
  const options = object([
    ['pods', everyPod ? undefined : labels(rule.pods)],
    ['policyName', rule.policy === standard || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(rule.policy) || (everyPod && kind === 'platform') ? undefined : rule.policy],
    ['oneSided', oneSided],
  ]);
  return options.entries.length > 0 ? [options] : [];
}

function propsOf(reading: NamespaceReading, kind: Kind) {
  const design = (key: string): boolean => key === PROFILE_LABEL || key === PLATFORM_LABEL || key.startsWith(ACCESS_LABEL_PREFIX) || key.startsWith(`${LABEL_DOMAIN}/`);
  const own = Object.fromEntries(Object.entries(reading.labels).filter(([k]) => !design(k) && k !== AMBIENT_LABEL && k !== ENFORCEMENT_LABEL));
  const mesh = reading.labels[AMBIENT_LABEL] === AMBIENT_MODE;
  if (reading.labels[AMBIENT_LABEL] !== undefined && !mesh) own[AMBIENT_LABEL] = reading.labels[AMBIENT_LABEL];
  const disabled = reading.labels[ENFORCEMENT_LABEL] === ENFORCEMENT_DISABLED;
  const reason = reading.annotations[ENFORCEMENT_REASON_ANNOTATION] ?? 'imported: the namespace had network-policy.homelab/enforcement=disabled';
  const access = Object.keys(reading.labels).filter((k) => k.startsWith(ACCESS_LABEL_PREFIX)).map((k) => k.slice(ACCESS_LABEL_PREFIX.length)).sort();
  const designLabels = Object.fromEntries(Object.entries(reading.labels).filter(([k]) => design(k) && k !== ENFORCEMENT_LABEL && !(kind === 'platform' && k === PLATFORM_LABEL)));
  return object([
    ['profile', kind === 'app' ? reading.labels[PROFILE_LABEL] : undefined],
    ['access', kind === 'app' && access.length > 0 ? access : undefined],
    ['mesh', mesh ? true : undefined],
    ['labels', Object.keys(own).length > 0 ? labels(own) : undefined],
    ['designLabels', kind === 'declared' && Object.keys(designLabels).length > 0
      ? object([['labels', labels(designLabels)], ['reason', 'imported: the design labels of the input namespace']]) : undefined],
    ['disableEnforcement', disabled ? object([['reason', reason]]) : undefined],
    ['manageNamespace', reading.manifest === undefined ? false : undefined],
  ]);
}

const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await',
  'cluster', 'app', 'Peer', 'Port', 'Var', 'Entity', 'Profile', 'SharedService', 'Connection', 'undefined', 'NaN', 'Infinity', 'arguments', 'eval']);

/**
 * The variable of a namespace in generated code: its name in camelCase (`kube-system` ->
 * `kubeSystem`), with `Ns` after reserved words and names the generated code uses.
 *
 * @param namespace the namespace name
 */
export function bindingOf(namespace: string): string {
  const camel = namespace.replace(/[-.]+([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
  const safe = /^[0-9]/.test(camel) ? `ns${camel}` : camel;
  return RESERVED.has(safe) ? `${safe}Ns` : safe;
}

/**
 * Each namespace's item covers its own manifests (the Namespace and the policies in it); the rest
 * goes to the first. An item that covers nothing and writes no rule (a namespace the input only
 * names) is left out: the importer declares such namespaces itself.
 */
function splitCovers(items: readonly ImportItem[], batch: readonly NamespaceReading[], covers: readonly Manifest[]): ImportItem[] {
  const byName = new Map(batch.map((r, i) => [r.name, i]));
  const own: Manifest[][] = items.map(() => []);
  for (const manifest of covers) {
    const ns = manifest.object.kind === 'Namespace' ? manifest.object.metadata.name : manifest.object.metadata.namespace;
    own[(ns !== undefined ? byName.get(ns) : undefined) ?? 0].push(manifest);
  }
  return items.map((item, i) => ({ ...item, covers: own[i] })).filter((item) => item.covers.length > 0 || item.statements.length > 1);
}
