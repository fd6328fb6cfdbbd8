/*
 * Reads one rule of an input Cilium policy as the library's values, written as code: the peer
 * (`Peer.pods('db', {...})`, `Peer.world()`, ...) and the ports (`Port.tcp(5432)`, ...). It
 * proposes; the scratch rendering (`claim.ts`) decides, so a reading that is not exactly the
 * input's never reaches the output.
 */
import type { CodeValue, ImportFinding } from '../code-model';
import { ACCESS_LABEL_PREFIX } from '../../model/labels';
import { call, labels, object, ref } from './code-values';

const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';

/** A rule read as code. */
export interface ReadRule {
  readonly direction: 'ingress' | 'egress';
  /** One peer per selector, entity, CIDR or name of the rule. */
  readonly peers: readonly CodeValue[];
  /** The ports; `[Port.any(...)]` for a rule without `toPorts`. */
  readonly ports: readonly CodeValue[];
  /** The rule's ports go through the DNS proxy (`rules.dns`). */
  readonly dns: boolean;
  /** The ICMP fields of an `icmps` rule. */
  readonly icmps?: readonly { readonly family: string; readonly type: number }[];
  /** The opt-ins the reading wrote (CIDRs, any port). */
  readonly findings: readonly Omit<ImportFinding, 'object' | 'file'>[];
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The entities with a shorthand of their own. */
const ENTITY_SHORTHANDS: Readonly<Record<string, string>> = {
  world: 'Peer.world', health: 'Peer.health', 'kube-apiserver': 'Peer.kubeApiServer', host: 'Peer.host', 'remote-node': 'Peer.remoteNode',
};
const ENTITY_MEMBERS: Readonly<Record<string, string>> = {
  ingress: 'INGRESS', cluster: 'CLUSTER', init: 'INIT', unmanaged: 'UNMANAGED', all: 'ALL',
};

/** Ports the library names. */
const PORT_CONSTANTS: Readonly<Record<string, string>> = {
  'UDP/53': 'DNS_UDP', 'TCP/53': 'DNS_TCP', 'TCP/80': 'HTTP', 'TCP/443': 'HTTPS', 'TCP/15008': 'HBONE',
  'TCP/5432': 'POSTGRES', 'TCP/6379': 'REDIS', 'TCP/3900': 'GARAGE_S3', 'TCP/6443': 'KUBE_API',
};

/**
 * Reads a rule of `spec.ingress`/`spec.egress`, or `undefined` when the library cannot say it.
 *
 * @param direction the section
 * @param rule the rule as parsed
 * @param namespace the policy's namespace (CiliumNetworkPolicy), undefined for cluster-wide
 * @param field the rule's path, e.g. `spec.egress[0]`, for findings
 */
export function readCiliumRule(direction: 'ingress' | 'egress', rule: unknown, namespace: string | undefined, field: string): ReadRule | undefined {
  if (!isRecord(rule)) return undefined;
  const prefix = direction === 'ingress' ? 'from' : 'to';
  const findings: Omit<ImportFinding, 'object' | 'file'>[] = [];
  const peerFields = Object.keys(rule).filter((k) => k !== 'toPorts' && k !== 'icmps');
  if (peerFields.length !== 1 || !Array.isArray(rule[peerFields[0]])) return undefined;
  const kind = peerFields[0].slice(prefix.length);
  if (!peerFields[0].startsWith(prefix)) return undefined;
  const peers: CodeValue[] = [];
  for (const item of rule[peerFields[0]] as unknown[]) {
    const peer = readPeer(kind, item, namespace, `${field}.${peerFields[0]}`, findings);
    if (peer === undefined) return undefined;
    peers.push(peer);
  }
  if (peers.length === 0) return undefined;
  if (rule.icmps !== undefined) {
    const icmps = readIcmps(rule.icmps);
    return icmps === undefined || rule.toPorts !== undefined ? undefined : { direction, peers, ports: [], dns: false, icmps, findings };
  }
  if (rule.toPorts === undefined) {
    findings.push({ kind: 'opt-in', field, message: 'the rule has no toPorts, so it allows every port: imported as Port.any with a reason to review' });
    return { direction, peers, ports: [anyPort('the input rule has no toPorts (every port)')], dns: false, findings };
  }
  const read = readToPorts(rule.toPorts);
  return read === undefined ? undefined : { direction, peers, ports: read.ports, dns: read.dns, findings };
}

/** A Flux post-build variable as `Var.flux('<name>')` when the text is one (`${NAME}`), else the text. */
function variableOr(text: string): CodeValue {
  const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text)?.[1];
  return name === undefined ? text : call('Var.flux', name);
}

/** `Port.any({ reason: 'imported: ...' })`. */
export function anyPort(why: string): CodeValue {
  return call('Port.any', object([['reason', `imported: ${why}`]]));
}

function readPeer(kind: string, item: unknown, namespace: string | undefined, field: string, findings: Omit<ImportFinding, 'object' | 'file'>[]): CodeValue | undefined {
  switch (kind) {
    case 'Endpoints': return readEndpoints(item, namespace);
    case 'Entities': {
      if (typeof item !== 'string') return undefined;
      if (ENTITY_SHORTHANDS[item] !== undefined) return call(ENTITY_SHORTHANDS[item]);
      return ENTITY_MEMBERS[item] === undefined ? undefined : call('Peer.entity', ref(`Entity.${ENTITY_MEMBERS[item]}`));
    }
    case 'CIDR':
    case 'CIDRSet': {
      const cidr = typeof item === 'string' ? item : isRecord(item) && typeof item.cidr === 'string' ? item.cidr : undefined;
      if (cidr === undefined || (isRecord(item) && Object.keys(item).some((k) => k !== 'cidr' && k !== 'except'))) return undefined;
      const except = isRecord(item) && Array.isArray(item.except) ? item.except.map(String) : [];
      findings.push({ kind: 'opt-in', field, message: `hard-coded address ${cidr} kept with an imported: reason to review` });
      return call('Peer.cidr', variableOr(cidr), object([['reason', 'imported: a hard-coded address of the input'], ['except', except.length > 0 ? except.map(variableOr) : undefined]]));
    }
    case 'FQDNs': {
      if (!isRecord(item)) return undefined;
      if (typeof item.matchName === 'string' && Object.keys(item).length === 1) return call('Peer.fqdn', item.matchName);
      if (typeof item.matchPattern === 'string' && Object.keys(item).length === 1) return call('Peer.fqdnPattern', item.matchPattern);
      return undefined;
    }
    default: return undefined;
  }
}

/** A pods selector: namespace by name or by labels (Cilium's prefix), pod labels; no expressions beyond namespace Exists. */
function readEndpoints(item: unknown, namespace: string | undefined): CodeValue | undefined {
  if (!isRecord(item) || Object.keys(item).some((k) => k !== 'matchLabels' && k !== 'matchExpressions')) return undefined;
  const matchLabels = item.matchLabels ?? {};
  if (!isRecord(matchLabels)) return undefined;
  let ns: string | undefined;
  let anyNamespace = false;
  const podLabels: Record<string, string> = {};
  const namespaceLabels: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(matchLabels)) {
    const key = rawKey.replace(/^k8s:/, '');
    if (key.startsWith('reserved:')) return undefined;
    if (key === POD_NAMESPACE) ns = String(value);
    else if (key.startsWith(NAMESPACE_LABELS)) namespaceLabels[key.slice(NAMESPACE_LABELS.length)] = String(value);
    else podLabels[key] = String(value);
  }
  const expressions = item.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return undefined;
  for (const e of expressions) {
    if (isRecord(e) && String(e.key).replace(/^k8s:/, '') === POD_NAMESPACE && e.operator === 'Exists') anyNamespace = true;
    else return undefined;
  }
  const hasNamespaceLabels = Object.keys(namespaceLabels).length > 0;
  if (ns !== undefined && (anyNamespace || hasNamespaceLabels)) return undefined;
  if (ns === undefined && !anyNamespace && !hasNamespaceLabels) {
    // Cilium: no namespace means the policy's own in a CiliumNetworkPolicy, any in a cluster-wide one.
    if (namespace !== undefined) ns = namespace;
    else anyNamespace = true;
  }
  if (ns !== undefined) return Object.keys(podLabels).length === 0 ? call('Peer.namespace', ns) : call('Peer.pods', ns, labels(podLabels));
  if (hasNamespaceLabels) {
    const keys = Object.keys(namespaceLabels);
    if (keys.length === 1 && keys[0].startsWith(ACCESS_LABEL_PREFIX) && namespaceLabels[keys[0]] === 'true' && Object.keys(podLabels).length === 0) {
      return call('Peer.accessLabel', keys[0].slice(ACCESS_LABEL_PREFIX.length));
    }
    return Object.keys(podLabels).length === 0 ? call('Peer.namespacesLabelled', labels(namespaceLabels)) : call('Peer.namespacesLabelled', labels(namespaceLabels), labels(podLabels));
  }
  return Object.keys(podLabels).length === 0 ? call('Peer.allPods') : call('Peer.allPods', labels(podLabels));
}

function readIcmps(icmps: unknown): { family: string; type: number }[] | undefined {
  if (!Array.isArray(icmps)) return undefined;
  const out: { family: string; type: number }[] = [];
  for (const entry of icmps) {
    if (!isRecord(entry) || !Array.isArray(entry.fields)) return undefined;
    for (const f of entry.fields) {
      if (!isRecord(f) || typeof f.type !== 'number') return undefined;
      out.push({ family: String(f.family ?? 'IPv4'), type: f.type });
    }
  }
  return out;
}

function readToPorts(toPorts: unknown): { ports: CodeValue[]; dns: boolean } | undefined {
  if (!Array.isArray(toPorts)) return undefined;
  const ports: CodeValue[] = [];
  let dns: boolean | undefined;
  for (const entry of toPorts) {
    if (!isRecord(entry) || !Array.isArray(entry.ports) || entry.ports.length === 0) return undefined;
    const hasDns = entry.rules !== undefined;
    if (hasDns && JSON.stringify(entry.rules) !== JSON.stringify({ dns: [{ matchPattern: '*' }] })) return undefined;
    if (dns !== undefined && dns !== hasDns) return undefined;
    dns = hasDns;
    for (const port of entry.ports) {
      const read = readPort(port);
      if (read === undefined) return undefined;
      ports.push(...read);
    }
  }
  return dns === undefined ? undefined : { ports, dns };
}

/**
 * One input port as the library's ports. No protocol (or `ANY`) is every protocol to Cilium,
 * so it becomes TCP, UDP and SCTP: writing only `Port.tcp` would close the other two.
 *
 * @param port `{ port, protocol, endPort }`
 * @param defaultProtocols what no protocol means (`['TCP']` for NetworkPolicy)
 */
export function readPort(port: unknown, defaultProtocols: readonly string[] = ['TCP', 'UDP', 'SCTP']): CodeValue[] | undefined {
  if (!isRecord(port) || Object.keys(port).some((k) => k !== 'port' && k !== 'protocol' && k !== 'endPort')) return undefined;
  const text = port.port === undefined ? '' : String(port.port);
  const variable = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text)?.[1];
  const number = /^\d+$/.test(text) ? Number(text) : undefined;
  if ((number === undefined || number === 0) && variable === undefined) return undefined;
  const protocol = port.protocol === undefined ? 'ANY' : String(port.protocol).toUpperCase();
  const protocols = protocol === 'ANY' ? defaultProtocols : [protocol];
  const end = port.endPort === undefined ? undefined : Number(port.endPort);
  const out: CodeValue[] = [];
  for (const p of protocols) {
    if (p !== 'TCP' && p !== 'UDP' && p !== 'SCTP') return undefined;
    const factory = p.toLowerCase();
    if (variable !== undefined) {
      if (end !== undefined) return undefined;
      out.push(call(`Port.${factory}`, call('Var.flux', variable)));
    } else if (end !== undefined && end !== number) {
      if (p === 'SCTP') return undefined;
      out.push(call(`Port.${factory}Range`, number!, end));
    } else {
      const constant = PORT_CONSTANTS[`${p}/${number}`];
      out.push(constant !== undefined ? ref(`Port.${constant}`) : call(`Port.${factory}`, number!));
    }
  }
  return out;
}
