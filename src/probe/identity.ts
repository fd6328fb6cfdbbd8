import { NAMESPACE_NAME_LABEL } from '../model/labels';
import { cidrContains, parseIp, type Cidr, type IpAddress } from './cidr';
import { CLUSTER_LABEL, NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL, SERVICE_ACCOUNT_LABEL } from './cilium-labels';
import type { LabelLookup } from './selector';
import type { Topology, TopologyPort } from './topology';
import { compareText } from '../model/compare';

/**
 * A group of pods that every policy treats alike, the way Cilium groups endpoints into security
 * identities (pkg/identity): same namespace, pod labels, namespace labels and service account.
 * The simulator also keeps apart pods whose container ports differ (named ports) and, when
 * ipBlocks match pod IPs (`--cni kubernetes`), pods on different sides of any policy CIDR.
 */
export interface Identity {
  /** Position in `Identities.list`. */
  readonly index: number;
  /** The namespace. */
  readonly namespace: string;
  /** The pods' labels. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The namespace's labels, `kubernetes.io/metadata.name` included. */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** The container ports (for named ports). */
  readonly ports: readonly TopologyPort[];
  /**
   * The IP of the first pod, standing for all (they agree on every policy CIDR).
   *
   * @default - no IP: CIDR rules never match the identity
   */
  readonly ip?: IpAddress;
  /** The pods, as `ns/pod`, sorted. */
  readonly pods: string[];
  /** Reads a label the way Cilium sees the endpoint (pod labels plus namespace, namespace labels, service account). */
  readonly ciliumLabel: LabelLookup;
}

/** Every identity of a topology, with indexes. */
export interface Identities {
  /** All identities, in a deterministic order (sorted by first pod). */
  readonly list: readonly Identity[];
  /** The identity of each pod (`ns/pod`). */
  readonly byPod: ReadonlyMap<string, Identity>;
  /** The identities of each namespace. */
  readonly byNamespace: ReadonlyMap<string, readonly Identity[]>;
}

/**
 * Groups the pods of a topology into identities.
 *
 * @param topology the topology (namespace labels already merged)
 * @param podCidrs the CIDR blocks that can match pod IPs (empty under Cilium)
 */
export function buildIdentities(topology: Topology, podCidrs: readonly Cidr[]): Identities {
  const groups = new Map<string, { namespace: string; podLabels: Record<string, string>; serviceAccount: string; ports: TopologyPort[]; ip?: IpAddress; pods: string[] }>();
  for (const ns of [...topology.namespaces.keys()].sort()) {
    const namespace = topology.namespaces.get(ns)!;
    for (const podName of [...namespace.pods.keys()].sort()) {
      const pod = namespace.pods.get(podName)!;
      const ip = pod.ip === undefined ? undefined : parseIp(pod.ip);
      const ports = [...(pod.ports ?? [])].sort((a, b) => compareText(a.name, b.name) || a.port - b.port);
      const serviceAccount = pod.serviceAccount ?? 'default';
      const cidrSignature = podCidrs.map((c) => (ip && cidrContains(c, ip) ? '1' : '0')).join('');
      const key = JSON.stringify([ns, Object.entries(pod.labels).sort(), serviceAccount, ports, cidrSignature]);
      const group = groups.get(key);
      if (group) group.pods.push(`${ns}/${podName}`);
      else groups.set(key, { namespace: ns, podLabels: pod.labels, serviceAccount, ports, ...(ip ? { ip } : {}), pods: [`${ns}/${podName}`] });
    }
  }
  const list: Identity[] = [...groups.values()].map((g, index) => {
    const namespaceLabels = { ...topology.namespaces.get(g.namespace)!.labels, [NAMESPACE_NAME_LABEL]: g.namespace };
    return { index, namespace: g.namespace, podLabels: g.podLabels, namespaceLabels, ports: g.ports, ...(g.ip ? { ip: g.ip } : {}), pods: g.pods, ciliumLabel: ciliumLookup(g.namespace, g.podLabels, namespaceLabels, g.serviceAccount) };
  });
  const byPod = new Map<string, Identity>();
  const byNamespace = new Map<string, Identity[]>();
  for (const identity of list) {
    for (const pod of identity.pods) byPod.set(pod, identity);
    byNamespace.set(identity.namespace, [...(byNamespace.get(identity.namespace) ?? []), identity]);
  }
  return { list, byPod, byNamespace };
}

function ciliumLookup(namespace: string, podLabels: Readonly<Record<string, string>>, namespaceLabels: Readonly<Record<string, string>>, serviceAccount: string): LabelLookup {
  const labels = new Map<string, string>(Object.entries(podLabels));
  for (const [key, value] of Object.entries(namespaceLabels)) labels.set(`${NAMESPACE_LABELS_PREFIX}${key}`, value);
  labels.set(POD_NAMESPACE_LABEL, namespace);
  labels.set(SERVICE_ACCOUNT_LABEL, serviceAccount);
  labels.set(CLUSTER_LABEL, 'default');
  return (key) => labels.get(key);
}
