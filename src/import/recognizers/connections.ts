/*
 * Recognizes connections: a pair of namespaced policies `<name>-egress` (the sending pods, one
 * egress peer) and `<name>-ingress` (the receiving pods, admitting the sender), each in its
 * pods' namespace, written as `new Connection(cluster, '<name>', { from, to, ports })`; or one
 * side alone when the other end is outside the pods (an entity, a DNS name, a CIDR). The HBONE
 * rules of meshed ends (tcp/15008) are the library's to add, so they are read off the ports.
 */
import type { Manifest } from '../../manifests/manifest';
import type { CodeObject, CodeValue, ImportFinding, ImportItem } from '../code-model';
import { claimEach } from './claim';
import { call, codeKey, labels, newConstruct, object, ref } from './code-values';
import { readCiliumRule } from './read-cilium-rule';
import type { ImportContext, Recognizer } from './recognizer';

const HBONE = codeKey(ref('Port.HBONE'));

/** One side of a connection as read: the namespace and pods it selects, its one peer, its ports. */
interface Side {
  readonly manifest: Manifest;
  readonly pods: CodeValue;
  readonly peer: CodeValue;
  readonly ports: readonly CodeValue[];
  readonly findings: readonly ImportFinding[];
}

/** Connections from `<name>-egress`/`<name>-ingress` policies. */
export const connectionsRecognizer: Recognizer = {
  name: 'connections',
  recognize(remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
    const egress = new Map<string, Side>();
    const ingress = new Map<string, Side>();
    for (const manifest of remaining) {
      const name = manifest.object.metadata.name;
      const direction = name.endsWith('-egress') ? 'egress' : name.endsWith('-ingress') ? 'ingress' : undefined;
      if (direction === undefined || manifest.object.kind !== 'CiliumNetworkPolicy') continue;
      const side = readSide(manifest, direction);
      if (side !== undefined) (direction === 'egress' ? egress : ingress).set(name.slice(0, -`-${direction}`.length), side);
    }
    const candidates: ImportItem[] = [];
    for (const name of [...new Set([...egress.keys(), ...ingress.keys()])].sort()) {
      const item = connectionItem(name, egress.get(name), ingress.get(name), context);
      if (item !== undefined) candidates.push(item);
    }
    return claimEach(candidates, remaining, context);
  },
};

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A side: a policy with rules in one direction only, all to one peer. */
function readSide(manifest: Manifest, direction: 'ingress' | 'egress'): Side | undefined {
  const { object: o } = manifest;
  const namespace = o.metadata.namespace;
  const spec = o.spec;
  if (namespace === undefined || !isRecord(spec) || Object.keys(spec).some((k) => !['description', 'endpointSelector', direction].includes(k))) return undefined;
  const selector = spec.endpointSelector;
  if (!isRecord(selector) || selector.matchExpressions !== undefined || (selector.matchLabels !== undefined && !isRecord(selector.matchLabels))) return undefined;
  const podLabels = Object.fromEntries(Object.entries((selector.matchLabels ?? {}) as Json).map(([k, v]) => [k, String(v)]));
  const rules = spec[direction];
  if (!Array.isArray(rules) || rules.length === 0) return undefined;
  let peer: CodeValue | undefined;
  const ports: CodeValue[] = [];
  const findings: ImportFinding[] = [];
  for (const [i, rule] of rules.entries()) {
    const read = readCiliumRule(direction, rule, namespace, `spec.${direction}[${i}]`);
    if (read === undefined || read.peers.length !== 1 || read.dns || read.icmps !== undefined) return undefined;
    if (peer !== undefined && codeKey(peer) !== codeKey(read.peers[0])) return undefined;
    peer = read.peers[0];
    ports.push(...read.ports.filter((p) => !ports.some((q) => codeKey(q) === codeKey(p))));
    findings.push(...read.findings.map((f) => ({ ...f, object: `${o.kind} ${namespace}/${o.metadata.name}`, file: manifest.source.file })));
  }
  const pods = Object.keys(podLabels).length === 0 ? call('Peer.namespace', namespace) : call('Peer.pods', namespace, labels(podLabels));
  return { manifest, pods, peer: peer!, ports, findings };
}

/** The Connection of a pair (or of one side whose peer is not pods); undefined when the sides disagree. */
function connectionItem(name: string, egress: Side | undefined, ingress: Side | undefined, context: ImportContext): ImportItem | undefined {
  if (egress !== undefined && ingress !== undefined) {
    if (codeKey(egress.peer) !== codeKey(ingress.pods) || codeKey(ingress.peer) !== codeKey(egress.pods)) return undefined;
  } else if (egress !== undefined) {
    if (isPods(egress.peer)) return undefined;
  } else if (ingress !== undefined) {
    if (isPods(ingress.peer)) return undefined;
  } else {
    return undefined;
  }
  const from = egress?.pods ?? ingress!.peer;
  const to = ingress?.pods ?? egress!.peer;
  const sides = [egress, ingress].filter((s): s is Side => s !== undefined);
  // HBONE twins are the library's: keep tcp/15008 only when it is the only port.
  const all = sides.flatMap((s) => s.ports);
  const ports = all.filter((p, i) => all.findIndex((q) => codeKey(q) === codeKey(p)) === i);
  const withoutHbone = ports.filter((p) => codeKey(p) !== HBONE);
  return {
    statements: [newConstruct('Connection', name, object([['from', gatewayOf(from, context)], ['to', gatewayOf(to, context)], ['ports', withoutHbone.length > 0 ? withoutHbone : ports]]))],
    file: `namespaces/${namespaceOf(ingress?.manifest ?? egress!.manifest)}`,
    covers: [],
    findings: sides.flatMap((s) => s.findings),
  };
}

function isObject(value: CodeValue | undefined): value is CodeObject {
  return typeof value === 'object' && !Array.isArray(value) && (value as { kind: string }).kind === 'object';
}

function namespaceOf(manifest: Manifest): string {
  return manifest.object.metadata.namespace ?? '';
}

function isPods(peer: CodeValue): boolean {
  return typeof peer === 'object' && !Array.isArray(peer) && (peer as { kind?: string }).kind === 'call'
    && ['Peer.pods', 'Peer.namespace', 'Peer.allPods', 'Peer.namespacesLabelled', 'Peer.accessLabel'].includes((peer as { callee: string }).callee);
}

/**
 * `Peer.gateway('<name>')` when the peer is the pods of one of the cluster's gateways (the
 * defaults, or those an earlier item set in `clusterProps`), else the peer.
 *
 * @param peer a peer as code
 * @param context the earlier items
 */
export function gatewayOf(peer: CodeValue, context: ImportContext): CodeValue {
  const set = (context.earlier ?? []).flatMap((item) => item.clusterProps ?? []).filter(([key]) => key === 'gateways').pop()?.[1];
  const gateways: (readonly [string, CodeValue])[] = isObject(set)
    ? [...set.entries]
    : ['external', 'internal'].map((g) => [g, call('Peer.pods', 'istio-gateway', labels({ 'gateway.networking.k8s.io/gateway-name': g }))]);
  const found = gateways.find(([, value]) => codeKey(value) === codeKey(peer));
  return found === undefined ? peer : call('Peer.gateway', found[0]);
}
