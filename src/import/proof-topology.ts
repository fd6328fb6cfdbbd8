/*
 * The topology the import's proof decides flows on: what a rule can tell apart must be in it,
 * or a changed rule would go unseen. Built from the manifests of both sides:
 * - every namespace with a pod per label set some policy selects in it, and the label sets a
 *   workload may carry together (`representativeTopology` with `combine`);
 * - in every namespace, a pod no selector names (`unlabelled`): what a namespace-wide rule or
 *   default-deny covers beyond the selected pods;
 * - for every namespace label set a selector names (`namespaceSelector.matchLabels`,
 *   `io.cilium.k8s.namespace.labels.*`), a namespace carrying it (`labelled-<n>`) with a bare pod
 *   and the pods the same peer selects;
 * - on every pod, every named port a policy names (`http` as TCP 32000, ...), so named-port rules
 *   match something;
 * - for every address block a policy names (CIDR, except), an address outside the cluster in it.
 */
import { representativeTopology } from '../flows/representative-topology';
import type { Manifest } from '../manifests/manifest';
import { compareText } from '../model/compare';
import { parseCidr, type Cidr } from '../model/cidr-range';
import type { Topology, TopologyExternal, TopologyNamespace, TopologyPod, TopologyPort } from '../probe/topology';

/** The port numbers named ports get, counting up. */
const NAMED_PORT_BASE = 32000;

const NAMESPACE_LABEL_PREFIX = 'io.cilium.k8s.namespace.labels.';

type Json = Record<string, unknown>;

/**
 * The proof's topology for the given manifests (see the module comment).
 *
 * @param manifests both sides' manifests
 */
export function proofTopology(manifests: readonly Manifest[]): Topology {
  const base = representativeTopology(manifests, { combine: true });
  const found = scan(manifests);
  const ports: TopologyPort[] = [...found.portNames].sort(compareText).map((name, i) => ({ name, port: NAMED_PORT_BASE + i, protocol: 'TCP' }));
  const withPorts = (pod: TopologyPod): TopologyPod => (ports.length === 0 ? pod : { ...pod, ports });
  const namespaces = new Map<string, TopologyNamespace>();
  for (const [name, ns] of base.namespaces) {
    const pods = new Map<string, TopologyPod>();
    for (const [pod, value] of ns.pods) pods.set(pod, withPorts(value));
    if (![...ns.pods.values()].some((p) => Object.keys(p.labels).length === 0)) pods.set(unique('unlabelled', pods), withPorts({ labels: {} }));
    namespaces.set(name, { labels: ns.labels, pods });
  }
  let n = 0;
  for (const [key, podSets] of [...found.namespaceSets].sort(([a], [b]) => compareText(a, b))) {
    const labels = JSON.parse(key) as Record<string, string>;
    const pods = new Map<string, TopologyPod>([['pod', withPorts({ labels: {} })]]);
    for (const podKey of [...podSets].sort(compareText)) pods.set(unique('selected', pods), withPorts({ labels: JSON.parse(podKey) as Record<string, string> }));
    let name: string;
    do name = `labelled-${++n}`; while (namespaces.has(name));
    namespaces.set(name, { labels, pods });
  }
  const externals = new Map<string, TopologyExternal>(base.externals);
  [...found.addresses].sort(compareText).forEach((ip, i) => { externals.set(`address-${i + 1}`, { ip }); });
  return { namespaces, externals };
}

function unique(name: string, taken: ReadonlyMap<string, unknown>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}-${i}`;
  return candidate;
}

interface Scan {
  readonly portNames: Set<string>;
  /** Namespace label set (sorted JSON) to the pod label sets selected with it. */
  readonly namespaceSets: Map<string, Set<string>>;
  /** An address in each CIDR and except named. */
  readonly addresses: Set<string>;
}

function scan(manifests: readonly Manifest[]): Scan {
  const result: Scan = { portNames: new Set(), namespaceSets: new Map(), addresses: new Set() };
  const addNamespaceSet = (labels: Record<string, string>, pods: Record<string, string>): void => {
    if (Object.keys(labels).length === 0) return;
    const key = sortedJson(labels);
    const sets = result.namespaceSets.get(key) ?? new Set<string>();
    if (Object.keys(pods).length > 0) sets.add(sortedJson(pods));
    result.namespaceSets.set(key, sets);
  };
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
      return;
    }
    if (typeof value === 'string') {
      if ((key === 'cidr' || key === 'except' || key === 'toCIDR' || key === 'fromCIDR') && !value.includes('${')) {
        const cidr = parseCidr(value);
        if (cidr !== undefined) result.addresses.add(addressIn(cidr));
      }
      if (key === 'port' && !/^\d+$/.test(value) && !value.includes('${')) result.portNames.add(value);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Json;
    // NetworkPolicy peer: namespaceSelector (+ podSelector).
    if (isRecord(record.namespaceSelector)) addNamespaceSet(matchLabels(record.namespaceSelector), isRecord(record.podSelector) ? matchLabels(record.podSelector) : {});
    // Cilium selector: namespace labels among its labels.
    if (isRecord(record.matchLabels)) {
      const namespace: Record<string, string> = {};
      const pod: Record<string, string> = {};
      for (const [raw, v] of Object.entries(matchLabels(record))) {
        const k = raw.replace(/^(k8s|any):/, '');
        if (k.startsWith(NAMESPACE_LABEL_PREFIX)) namespace[k.slice(NAMESPACE_LABEL_PREFIX.length)] = v;
        else if (!k.startsWith('io.kubernetes.') && !k.startsWith('io.cilium.') && !raw.startsWith('reserved:')) pod[k] = v;
      }
      addNamespaceSet(namespace, pod);
    }
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  for (const manifest of manifests) {
    const { kind } = manifest.object;
    if (kind !== 'NetworkPolicy' && kind !== 'CiliumNetworkPolicy' && kind !== 'CiliumClusterwideNetworkPolicy') continue;
    const object = manifest.object as Json;
    visit(object.spec, 'spec');
    visit(object.specs, 'specs');
  }
  return result;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchLabels(selector: Json): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isRecord(selector.matchLabels)) for (const [k, v] of Object.entries(selector.matchLabels)) if (typeof v === 'string') labels[k] = v;
  return labels;
}

function sortedJson(labels: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => compareText(a, b))));
}

/** An address inside the block: the network address plus one when the block holds more than one. */
function addressIn(cidr: Cidr): string {
  const width = cidr.version === 4 ? 32 : 128;
  const value = cidr.bits < width ? cidr.network + 1n : cidr.network;
  if (cidr.version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}
