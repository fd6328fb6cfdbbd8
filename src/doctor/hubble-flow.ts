import { InputError } from '../cli/input-error';
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../model/kubernetes-syntax';

/** One side of a Hubble flow, read from its `source` or `destination` Endpoint. */
export interface HubbleEndpoint {
  /**
   * The pod's namespace.
   * @default - none: a reserved identity (world, host...) or a flow without Kubernetes metadata
   */
  readonly namespace?: string;
  /**
   * The pod name.
   * @default - none: a reserved identity, or the flow names no pod
   */
  readonly podName?: string;
  /**
   * The numeric security identity.
   * @default - none: the flow carries no identity
   */
  readonly identity?: number;
  /** The pod's own labels (`k8s:` labels other than namespace and policy labels). */
  readonly labels: Readonly<Record<string, string>>;
  /** The namespace's labels (`k8s:io.cilium.k8s.namespace.labels.*`). */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /**
   * The service account (`k8s:io.cilium.k8s.policy.serviceaccount`).
   * @default - none: the endpoint has no such label (not a pod, or Hubble omitted it)
   */
  readonly serviceAccount?: string;
  /** The reserved identities (`reserved:world`, `reserved:host`...), without the prefix, sorted; `world-ipv4`/`world-ipv6` read as `world`. */
  readonly reserved: readonly string[];
}

/** A Hubble flow with the fields `netpol doctor` uses. */
export interface HubbleFlow {
  /** The 1-based line of the flow in its input. */
  readonly line: number;
  /** `FORWARDED`, `DROPPED`, `ERROR`, `AUDIT`, ... */
  readonly verdict: string;
  /**
   * `drop_reason_desc`, e.g. `POLICY_DENIED`.
   * @default - none: the flow was not dropped, or Hubble gave no reason
   */
  readonly dropReason?: string;
  /**
   * `INGRESS` or `EGRESS` (`traffic_direction`): where the policy verdict was taken.
   * @default - none: Hubble gave no direction
   */
  readonly direction?: string;
  /** Whether the packet is a reply of an established connection. */
  readonly isReply: boolean;
  /** The initiating side. */
  readonly source: HubbleEndpoint;
  /** The receiving side. */
  readonly destination: HubbleEndpoint;
  /**
   * `IP.source`.
   * @default - none: the flow has no IP layer
   */
  readonly sourceIp?: string;
  /**
   * `IP.destination`.
   * @default - none: the flow has no IP layer
   */
  readonly destinationIp?: string;
  /**
   * The layer-4 protocol, when TCP, UDP or SCTP.
   * @default - none: another protocol (e.g. ICMP) or no layer 4; doctor skips the flow
   */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /**
   * The destination port, when the protocol has ports.
   * @default - none: a protocol without ports; doctor skips the flow
   */
  readonly port?: number;
  /** `destination_names`: DNS names the destination IP was resolved from (needs the DNS proxy). */
  readonly destinationNames: readonly string[];
}

/**
 * Parses `hubble observe -o json` output: one JSON object per line, each a bare Flow or the
 * `{"flow": {...}, "node_name": ..., "time": ...}` envelope Hubble prints (GetFlowsResponse).
 * Field names follow cilium/cilium api/v1/flow/flow.proto as protojson prints them:
 * `verdict`, `drop_reason_desc`, `traffic_direction`, `is_reply`, `IP`, `l4.TCP|UDP|SCTP`,
 * `source`/`destination` {`namespace`, `pod_name`, `labels`, `identity`}, `destination_names`.
 * Blank lines are skipped; lines that are not flows (agent or debug events) are skipped too.
 *
 * @param text the output
 * @param file the file name (`-` for stdin), for messages
 * @throws InputError naming the file, line and field when a line is not JSON or a field has the wrong type
 */
export function parseHubbleFlows(text: string, file: string): HubbleFlow[] {
  const flows: HubbleFlow[] = [];
  // A byte-order mark (Windows editors, PowerShell redirection) is not part of the first line.
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`${file}:${line}: not JSON (${(error as Error).message}). Give \`hubble observe -o json\` output, one flow per line.`);
    }
    if (!isRecord(value)) throw new InputError(`${file}:${line}: expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}.`);
    const flow = isRecord(value.flow) ? value.flow : 'verdict' in value ? value : undefined;
    if (!flow) return;
    flows.push(readFlow(flow, file, line));
  });
  return flows;
}

function readFlow(flow: Record<string, unknown>, file: string, line: number): HubbleFlow {
  const at = (field: string): string => `${file}:${line}: field "${field}"`;
  const verdict = str(flow.verdict, at('verdict')) ?? 'VERDICT_UNKNOWN';
  const l4 = isRecord(flow.l4) ? flow.l4 : {};
  let protocol: HubbleFlow['protocol'];
  let port: number | undefined;
  for (const name of ['TCP', 'UDP', 'SCTP'] as const) {
    const layer = l4[name];
    if (!isRecord(layer)) continue;
    protocol = name;
    port = num(layer.destination_port, at(`l4.${name}.destination_port`));
    if (port !== undefined && (port < 1 || port > 65535)) throw new InputError(`${at(`l4.${name}.destination_port`)} is ${port}, not a port number 1-65535.`);
  }
  const ip = isRecord(flow.IP) ? flow.IP : {};
  return {
    line,
    verdict,
    dropReason: str(flow.drop_reason_desc, at('drop_reason_desc')),
    direction: str(flow.traffic_direction, at('traffic_direction')),
    isReply: flow.is_reply === true,
    source: endpoint(flow.source, 'source', at),
    destination: endpoint(flow.destination, 'destination', at),
    sourceIp: str(ip.source, at('IP.source')),
    destinationIp: str(ip.destination, at('IP.destination')),
    protocol,
    port,
    destinationNames: strings(flow.destination_names, at('destination_names')),
  };
}

function endpoint(value: unknown, name: string, at: (field: string) => string): HubbleEndpoint {
  if (value === undefined || value === null) return { labels: {}, namespaceLabels: {}, reserved: [] };
  if (!isRecord(value)) throw new InputError(`${at(name)} is not an object.`);
  // Maps, turned into records with fromEntries at the end: a label key such as `__proto__` stays a key.
  const labels = new Map<string, string>();
  const namespaceLabels = new Map<string, string>();
  const reserved: string[] = [];
  let serviceAccount: string | undefined;
  for (const label of strings(value.labels, at(`${name}.labels`))) {
    const colon = label.indexOf(':');
    const source = colon >= 0 ? label.slice(0, colon) : '';
    const rest = colon >= 0 ? label.slice(colon + 1) : label;
    const eq = rest.indexOf('=');
    const key = eq >= 0 ? rest.slice(0, eq) : rest;
    const val = eq >= 0 ? rest.slice(eq + 1) : '';
    if (source === 'reserved') reserved.push(key.replace(/-ipv[46]$/, ''));
    else if (source !== 'k8s' && source !== '') continue;
    else if (key.startsWith('io.cilium.k8s.namespace.labels.')) namespaceLabels.set(key.slice('io.cilium.k8s.namespace.labels.'.length), val);
    else if (key === 'io.cilium.k8s.policy.serviceaccount') serviceAccount = val;
    else if (key === 'io.kubernetes.pod.namespace' || key.startsWith('io.cilium.k8s.policy.')) continue;
    else labels.set(key, val);
  }
  const namespace = str(value.namespace, at(`${name}.namespace`)) || undefined;
  const problem = namespace === undefined ? undefined : dns1123LabelProblem(namespace);
  if (problem) throw new InputError(`${at(`${name}.namespace`)} is ${JSON.stringify(namespace)}, which ${problem}.`);
  const podName = str(value.pod_name, at(`${name}.pod_name`)) || undefined;
  const podProblem = podName === undefined ? undefined : dns1123SubdomainProblem(podName);
  if (podProblem) throw new InputError(`${at(`${name}.pod_name`)} is ${JSON.stringify(podName)}, which ${podProblem}.`);
  return {
    namespace,
    podName,
    identity: num(value.identity, at(`${name}.identity`)),
    labels: Object.fromEntries(labels),
    namespaceLabels: Object.fromEntries(namespaceLabels),
    serviceAccount,
    reserved: [...new Set(reserved)].sort(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InputError(`${where} is ${JSON.stringify(value)}, expected a string.`);
  return value;
}

function num(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new InputError(`${where} is ${JSON.stringify(value)}, expected an integer.`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new InputError(`${where} is ${JSON.stringify(value)}, expected a list of strings.`);
  return value as string[];
}
