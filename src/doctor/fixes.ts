import { ACCESS_LABEL_PREFIX, PROFILE_LABEL } from '../model/labels';
import type { Flow } from '../probe';

/** Pod label keys that name a workload, in order of preference, for `Peer.pods(...)` in fixes. */
const WORKLOAD_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'];

/**
 * The fix for a missing access label.
 *
 * @param namespace the namespace to label
 * @param key the access label key
 * @param value the value policies select on
 */
export function accessLabelFix(namespace: string, key: string, value: string): string {
  const service = key.slice(ACCESS_LABEL_PREFIX.length);
  return `add label \`${key}: "${value}"\` to namespace ${namespace} (\`access: ['${service}']\` on its AppNamespace)`;
}

/**
 * The fix for a profile that lacks a rule.
 *
 * @param namespace the namespace
 * @param profile the profile that makes the flows allowed
 * @param current the namespace's profile now, if any
 */
export function profileFix(namespace: string, profile: string, current: string | undefined): string {
  return `switch namespace ${namespace} to profile ${profile} (\`${PROFILE_LABEL}: ${profile}\`, i.e. \`profile: '${profile}'\` on its AppNamespace; now ${current ?? 'no profile'})`;
}

/** The baselines of the design, by what they allow. */
export const BASELINE_FIXES = {
  dns: 'deploy the DNS baseline: `new ClusterBaseline(cluster, ...)` renders CCNP baseline-dns (egress to kube-system k8s-app=kube-dns on 53/UDP and 53/TCP) and baseline-dns-server; check it is in the manifests and applied',
  health: 'deploy the health baseline: `new ClusterBaseline(cluster, ...)` renders the ingress from the `health` entity and 169.254.7.127/32 (kubelet probes under Istio ambient)',
  prometheus: 'deploy the Prometheus baseline: `new ClusterBaseline(cluster, ...)` renders baseline-prometheus-scrape (ingress from monitoring app.kubernetes.io/name=prometheus on the metrics ports)',
} as const;

/**
 * The construct call that adds a rule to a platform namespace, in `platform/<namespace>.ts`.
 *
 * @param direction `ingress` to admit the peer into the platform namespace, `egress` to let the platform namespace reach it
 * @param platform the platform namespace
 * @param peer the other side: `ns/pod` with its labels, or an entity/external
 * @param subjectLabels the labels of the platform pods the rule is for
 * @param flow the flow, for the port
 * @param source the file defining the platform namespace; `platform/<namespace>.ts` when not known
 */
export function platformRuleFix(direction: 'ingress' | 'egress', platform: string, peer: PeerDescription, subjectLabels: Readonly<Record<string, string>>, flow: Flow,
  source = `platform/${platform}.ts`): string {
  const method = direction === 'ingress' ? 'allowIngress' : 'allowEgress';
  const pods = workloadLabels(subjectLabels);
  const options = pods ? `, { pods: ${literal(pods)} }` : '';
  return `add \`.${method}(${peerCall(peer)}, [${portCall(flow)}]${options})\` to PlatformNamespace ${platform} in ${source}`;
}

/**
 * The construct call that adds an ingress rule to an app namespace.
 *
 * @param namespace the app namespace
 * @param peer the source
 * @param flow the flow, for the port
 */
export function appIngressFix(namespace: string, peer: PeerDescription, flow: Flow): string {
  return `add \`.allowIngress(${peerCall(peer)}, [${portCall(flow)}])\` to AppNamespace ${namespace}`;
}

/**
 * The construct call that adds an egress rule to an app namespace.
 *
 * @param namespace the app namespace
 * @param peer the destination
 * @param flow the flow, for the port
 */
export function appEgressFix(namespace: string, peer: PeerDescription, flow: Flow): string {
  return `add \`.allowEgress(${peerCall(peer)}, [${portCall(flow)}])\` to AppNamespace ${namespace}`;
}

/** A flow's peer as fixes name it. */
export interface PeerDescription {
  /**
   * The namespace of a pod peer.
   * @default - none: the peer is outside the cluster (an external or an entity)
   */
  readonly namespace?: string;
  /**
   * The pod's labels; fixes name its workload labels (`Peer.pods`).
   * @default - none: fixes name the whole namespace (`Peer.namespace`)
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** The simulator peer (`ns/pod`, `external:<name>`, `entity:<name>`). */
  readonly ref: string;
  /**
   * The DNS name of an outside peer.
   * @default - none: fixes name the entity of `ref` (`Peer.entity`), or `world`
   */
  readonly fqdn?: string;
}

function peerCall(peer: PeerDescription): string {
  if (peer.namespace) {
    const pods = workloadLabels(peer.labels ?? {});
    return pods ? `Peer.pods('${peer.namespace}', ${literal(pods)})` : `Peer.namespace('${peer.namespace}')`;
  }
  if (peer.fqdn) return `Peer.fqdn('${peer.fqdn}')`;
  const entity = peer.ref.startsWith('entity:') ? peer.ref.slice('entity:'.length) : 'world';
  const calls: Record<string, string> = { world: 'Peer.world()', health: 'Peer.health()', 'kube-apiserver': 'Peer.kubeApiServer()', host: 'Peer.host()', 'remote-node': 'Peer.remoteNode()' };
  return calls[entity] ?? `Peer.entity('${entity}')`;
}

function portCall(flow: Flow): string {
  return `Port.${flow.protocol.toLowerCase()}(${flow.port})`;
}

function workloadLabels(labels: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const key = WORKLOAD_KEYS.find((k) => labels[k] !== undefined);
  if (key === undefined) return undefined;
  const chosen: Record<string, string> = { [key]: labels[key] };
  const gateway = 'gateway.networking.k8s.io/gateway-name';
  if (labels[gateway] !== undefined) chosen[gateway] = labels[gateway];
  return chosen;
}

function literal(labels: Readonly<Record<string, string>>): string {
  return `{ ${Object.entries(labels).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: '${v}'`).join(', ')} }`;
}
