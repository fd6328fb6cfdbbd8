/*
 * What a policy allows, as a comparable value: its subject and the set of (direction, peer,
 * port) atoms its rules allow. Two sets of policies whose shapes, grouped by subject, are equal
 * allow exactly the same flows: policies selecting the same endpoints add up (allows are unions),
 * and an endpoint is default-deny in a direction as soon as one of them has rules there
 * (docs.cilium.io, Policy Enforcement Modes; kubernetes.io, Network Policies, "isolated pods").
 *
 * Only what can be compared with certainty gets a shape: anything else (deny rules, host
 * policies, `toServices`, `fromRequires`, L7 rules other than DNS, empty sections, rules with
 * two kinds of peers, which Cilium refuses) gives `undefined`, and the manifest stays unclaimed.
 */
import type { KubeObject } from '../../manifests/manifest';
import { MANAGED_BY_LABELS } from '../../render/rendered-object';

/** The comparable form of one policy. */
export interface PolicyShape {
  /** The endpoints selected: `<kind family>|<namespace>|<canonical selector>`. */
  readonly subject: string;
  /** The directions in which the policy makes its subject default-deny. */
  readonly directions: readonly ('ingress' | 'egress')[];
  /** The allowed (direction, peer, port, L7) combinations, one string each. */
  readonly atoms: readonly string[];
}

const CILIUM_KINDS = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);
const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const EVERY_PROTOCOL = ['TCP', 'UDP', 'SCTP'];

/** True for the policy kinds `policyShape` reads. */
export function isPolicyObject(object: KubeObject): boolean {
  return CILIUM_KINDS.has(object.kind) || (object.kind === 'NetworkPolicy' && object.apiVersion === 'networking.k8s.io/v1');
}

/**
 * The shape of a policy object, or `undefined` when it holds anything not compared with
 * certainty (see the module comment).
 *
 * @param object a CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or NetworkPolicy
 */
export function policyShape(object: KubeObject): PolicyShape | undefined {
  if (SHAPES.has(object)) return SHAPES.get(object);
  const json = plain(object) as KubeObject;
  const shape = CILIUM_KINDS.has(json.kind) ? ciliumShape(json) : json.kind === 'NetworkPolicy' ? networkPolicyShape(json) : undefined;
  SHAPES.set(object, shape);
  return shape;
}

/** Shapes already computed: objects are read-only, and recognizers compare the same input many times. */
const SHAPES = new WeakMap<KubeObject, PolicyShape | undefined>();

/**
 * The labels of a Namespace that decide flows, as a comparable string: every label but the
 * library's `app.kubernetes.io/managed-by` (which no policy selects on).
 *
 * @param object a Namespace
 */
export function namespaceShape(object: KubeObject): string {
  const labels = Object.entries(object.metadata.labels ?? {}).filter(([key]) => !(key in MANAGED_BY_LABELS));
  return JSON.stringify(labels.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** JSON values only (rendered objects may hold values with `toJSON`, such as unquoted variables). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function only(record: Json, keys: readonly string[]): boolean {
  return Object.keys(record).every((key) => keys.includes(key));
}

// ---- selectors ----

/** A label key without Cilium's source prefix (`k8s:`, `any:`): the same label of a pod. */
function bareKey(key: string): string {
  return key.replace(/^(k8s|any):/, '');
}

/**
 * A label selector as a sorted list of requirements; `matchLabels` entries read as `In` with one
 * value, so both spellings compare equal. `undefined` when it is not a valid selector.
 */
function requirements(selector: unknown): string[] | undefined {
  if (selector === undefined || selector === null) return [];
  if (!isRecord(selector) || !only(selector, ['matchLabels', 'matchExpressions'])) return undefined;
  const out: string[] = [];
  const labels = selector.matchLabels ?? {};
  if (!isRecord(labels)) return undefined;
  for (const [key, value] of Object.entries(labels)) out.push(`${bareKey(key)} In ${JSON.stringify([String(value)])}`);
  const expressions = selector.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return undefined;
  for (const e of expressions) {
    if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
    const values = Array.isArray(e.values) ? [...new Set(e.values.map(String))].sort() : [];
    out.push(`${bareKey(e.key)} ${e.operator}${e.operator === 'Exists' || e.operator === 'DoesNotExist' ? '' : ` ${JSON.stringify(values)}`}`);
  }
  return [...new Set(out)].sort();
}

const mentionsNamespace = (reqs: readonly string[]): boolean => reqs.some((r) => r.startsWith(`${POD_NAMESPACE} `));

/**
 * A Cilium peer selector as Cilium reads it: without a namespace requirement it means the
 * policy's own namespace in a CiliumNetworkPolicy and any namespace (`Exists`) in a cluster-wide
 * one (cilium/cilium pkg/k8s/apis/cilium.io/utils/utils.go, getEndpointSelector); selectors of
 * reserved identities are left alone.
 */
function ciliumPeerSelector(selector: unknown, namespace: string | undefined): string | undefined {
  const reqs = requirements(selector);
  if (reqs === undefined) return undefined;
  if (!mentionsNamespace(reqs) && !reqs.some((r) => r.startsWith('reserved:'))) {
    reqs.push(namespace === undefined ? `${POD_NAMESPACE} Exists` : `${POD_NAMESPACE} In ${JSON.stringify([namespace])}`);
    reqs.sort();
  }
  return reqs.join(', ');
}

// ---- Cilium ----

const CILIUM_SPEC_KEYS = ['description', 'endpointSelector', 'ingress', 'egress'];
const PEER_FIELDS = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs'],
} as const;

function ciliumShape(object: KubeObject): PolicyShape | undefined {
  const spec = object.spec;
  if (!isRecord(spec) || !only(spec, CILIUM_SPEC_KEYS)) return undefined;
  const namespaced = object.kind === 'CiliumNetworkPolicy';
  const namespace = namespaced ? object.metadata.namespace : undefined;
  if (namespaced && namespace === undefined) return undefined;
  const subject = requirements(spec.endpointSelector);
  if (subject === undefined) return undefined;
  const atoms: string[] = [];
  const directions: ('ingress' | 'egress')[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = spec[direction];
    if (rules === undefined) continue;
    // An empty list is ignored by Cilium (no default-deny), unlike NetworkPolicy: left to as-is.
    if (!Array.isArray(rules) || rules.length === 0) return undefined;
    directions.push(direction);
    for (const rule of rules) {
      const found = ciliumRuleAtoms(direction, rule, namespace);
      if (found === undefined) return undefined;
      atoms.push(...found);
    }
  }
  return { subject: `${object.kind}|${namespace ?? ''}|${subject.join(', ')}`, directions, atoms: [...new Set(atoms)].sort() };
}

function ciliumRuleAtoms(direction: 'ingress' | 'egress', rule: unknown, namespace: string | undefined): string[] | undefined {
  const fields = PEER_FIELDS[direction];
  if (!isRecord(rule) || !only(rule, [...fields, 'toPorts', 'icmps'])) return undefined;
  const present = fields.filter((f) => rule[f] !== undefined);
  // Cilium refuses two kinds of peers in one rule (pkg/policy/api/rule_validation.go); a rule
  // with none selects every peer on its ports: neither is compared.
  if (present.length !== 1) return undefined;
  const peers = ciliumPeers(present[0], rule[present[0]], namespace);
  if (peers === undefined || peers.length === 0) return undefined;
  let ports: string[] | undefined;
  if (rule.icmps !== undefined) {
    if (rule.toPorts !== undefined) return undefined;
    ports = icmpAtoms(rule.icmps);
  } else if (rule.toPorts === undefined) {
    ports = ['any'];
  } else {
    ports = ciliumPortAtoms(rule.toPorts);
  }
  if (ports === undefined || ports.length === 0) return undefined;
  return peers.flatMap((peer) => ports.map((port) => `${direction} ${peer} ${port}`));
}

function ciliumPeers(field: string, value: unknown, namespace: string | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value) {
    if (field.endsWith('Endpoints')) {
      const selector = ciliumPeerSelector(item, namespace);
      if (selector === undefined) return undefined;
      out.push(`endpoints{${selector}}`);
    } else if (field.endsWith('Entities')) {
      if (typeof item !== 'string') return undefined;
      out.push(`entity:${item}`);
    } else if (field.endsWith('CIDR')) {
      if (typeof item !== 'string') return undefined;
      out.push(`cidr:${item}`);
    } else if (field.endsWith('CIDRSet')) {
      if (!isRecord(item) || typeof item.cidr !== 'string' || !only(item, ['cidr', 'except'])) return undefined;
      const except = Array.isArray(item.except) ? [...item.except.map(String)].sort() : [];
      out.push(`cidr:${item.cidr}${except.length > 0 ? ` except ${except.join(',')}` : ''}`);
    } else if (field === 'toFQDNs') {
      if (!isRecord(item) || !only(item, ['matchName', 'matchPattern'])) return undefined;
      if (typeof item.matchName === 'string' && item.matchPattern === undefined) out.push(`fqdn:${item.matchName.toLowerCase()}`);
      else if (typeof item.matchPattern === 'string' && item.matchName === undefined) out.push(`fqdn-pattern:${item.matchPattern.toLowerCase()}`);
      else return undefined;
    }
  }
  return out;
}

function icmpAtoms(icmps: unknown): string[] | undefined {
  if (!Array.isArray(icmps)) return undefined;
  const out: string[] = [];
  for (const entry of icmps) {
    if (!isRecord(entry) || !only(entry, ['fields']) || !Array.isArray(entry.fields)) return undefined;
    for (const field of entry.fields) {
      if (!isRecord(field) || field.type === undefined) return undefined;
      out.push(`icmp:${String(field.family ?? 'IPv4')}/${String(field.type)}`);
    }
  }
  return out;
}

function ciliumPortAtoms(toPorts: unknown): string[] | undefined {
  if (!Array.isArray(toPorts)) return undefined;
  const out: string[] = [];
  for (const entry of toPorts) {
    if (!isRecord(entry) || !only(entry, ['ports', 'rules'])) return undefined;
    let l7 = '';
    if (entry.rules !== undefined) {
      // Only the DNS proxy rules (what toFQDNs needs) are compared; other L7 rules stay as-is.
      if (!isRecord(entry.rules) || !only(entry.rules, ['dns'])) return undefined;
      l7 = ` dns=${JSON.stringify(entry.rules.dns)}`;
    }
    // A toPorts entry without ports means every port to Cilium: not compared.
    if (!Array.isArray(entry.ports) || entry.ports.length === 0) return undefined;
    for (const port of entry.ports) {
      const atoms = portAtoms(port, EVERY_PROTOCOL);
      if (atoms === undefined) return undefined;
      out.push(...atoms.map((a) => a + l7));
    }
  }
  return out;
}

/**
 * A port entry (`{ port, protocol, endPort }`) as one atom per protocol. No protocol means every
 * protocol to Cilium (`ANY`: TCP, UDP and SCTP) and TCP to NetworkPolicy (`defaultProtocols`).
 * Port `0` or no port (every port of the protocol) is not compared.
 */
function portAtoms(port: unknown, defaultProtocols: readonly string[]): string[] | undefined {
  if (!isRecord(port) || !only(port, ['port', 'protocol', 'endPort'])) return undefined;
  if (port.port === undefined || port.port === null) return undefined;
  const value = String(port.port);
  if (value === '0' || value === '') return undefined;
  const protocol = port.protocol === undefined ? undefined : String(port.protocol).toUpperCase();
  const protocols = protocol === undefined || protocol === 'ANY' ? defaultProtocols : [protocol];
  const numeric = /^\d+$/.test(value) ? Number(value) : undefined;
  const end = port.endPort === undefined ? undefined : Number(port.endPort);
  const range = end === undefined || end === numeric ? `${numeric ?? value}` : `${numeric ?? value}-${end}`;
  return protocols.map((p) => `${p}/${range}`);
}

// ---- NetworkPolicy ----

function networkPolicyShape(object: KubeObject): PolicyShape | undefined {
  const spec = object.spec;
  const namespace = object.metadata.namespace;
  if (!isRecord(spec) || namespace === undefined || !only(spec, ['podSelector', 'policyTypes', 'ingress', 'egress'])) return undefined;
  const subject = requirements(spec.podSelector ?? {});
  if (subject === undefined) return undefined;
  const types = spec.policyTypes === undefined
    ? ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])]
    : spec.policyTypes;
  if (!Array.isArray(types)) return undefined;
  const directions = (['ingress', 'egress'] as const).filter((d) => types.includes(d === 'ingress' ? 'Ingress' : 'Egress'));
  const atoms: string[] = [];
  for (const direction of directions) {
    const rules = spec[direction] ?? [];
    if (!Array.isArray(rules)) return undefined;
    for (const rule of rules) {
      const found = networkPolicyRuleAtoms(direction, rule, namespace);
      if (found === undefined) return undefined;
      atoms.push(...found);
    }
  }
  // Rules of a direction the policy types leave out are ignored by the API server's semantics.
  return { subject: `NetworkPolicy|${namespace}|${subject.join(', ')}`, directions, atoms: [...new Set(atoms)].sort() };
}

function networkPolicyRuleAtoms(direction: 'ingress' | 'egress', rule: unknown, namespace: string): string[] | undefined {
  const field = direction === 'ingress' ? 'from' : 'to';
  if (!isRecord(rule) || !only(rule, [field, 'ports'])) return undefined;
  const list = rule[field];
  let peers: string[] | undefined;
  if (list === undefined || (Array.isArray(list) && list.length === 0)) peers = ['everything'];
  else if (Array.isArray(list)) peers = list.map((peer) => networkPolicyPeer(peer, namespace)).every((p) => p !== undefined) ? list.map((peer) => networkPolicyPeer(peer, namespace)!) : undefined;
  if (peers === undefined) return undefined;
  let ports: string[] | undefined = ['any'];
  if (rule.ports !== undefined && !(Array.isArray(rule.ports) && rule.ports.length === 0)) {
    if (!Array.isArray(rule.ports)) return undefined;
    ports = [];
    for (const port of rule.ports) {
      const atoms = portAtoms(port, ['TCP']);
      if (atoms === undefined) return undefined;
      ports.push(...atoms);
    }
  }
  return peers.flatMap((peer) => ports.map((port) => `${direction} ${peer} ${port}`));
}

function networkPolicyPeer(peer: unknown, namespace: string): string | undefined {
  if (!isRecord(peer) || !only(peer, ['podSelector', 'namespaceSelector', 'ipBlock'])) return undefined;
  if (peer.ipBlock !== undefined) {
    const block = peer.ipBlock;
    if (peer.podSelector !== undefined || peer.namespaceSelector !== undefined || !isRecord(block) || typeof block.cidr !== 'string') return undefined;
    const except = Array.isArray(block.except) ? [...block.except.map(String)].sort() : [];
    return `cidr:${block.cidr}${except.length > 0 ? ` except ${except.join(',')}` : ''}`;
  }
  const pods = requirements(peer.podSelector ?? {});
  const namespaces = peer.namespaceSelector === undefined ? undefined : requirements(peer.namespaceSelector);
  if (pods === undefined || (peer.namespaceSelector !== undefined && namespaces === undefined)) return undefined;
  // Only a pod selector: pods of the policy's own namespace.
  const where = namespaces === undefined ? `kubernetes.io/metadata.name In ${JSON.stringify([namespace])}` : namespaces.join(', ');
  return `pods{${pods.join(', ')}} in{${where}}`;
}
