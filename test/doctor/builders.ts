/** A side of a Hubble flow for tests: a pod (`ns/pod` with labels) or a reserved identity. */
export interface Side {
  readonly ref: string;
  readonly labels?: Record<string, string>;
  readonly namespaceLabels?: Record<string, string>;
  readonly ip?: string;
}

/** A pod side. */
export function pod(ref: string, labels: Record<string, string> = {}, namespaceLabels: Record<string, string> = {}): Side {
  return { ref, labels, namespaceLabels };
}

/** The world, at an IP. */
export function world(ip: string): Side {
  return { ref: 'reserved:world', ip };
}

/** Options of a Hubble flow line. */
export interface LineOptions {
  readonly port?: number;
  readonly protocol?: 'TCP' | 'UDP';
  readonly verdict?: string;
  readonly reason?: string;
  readonly reply?: boolean;
  readonly names?: string[];
  readonly envelope?: boolean;
}

/** One line of `hubble observe -o json` output, as Hubble prints it. */
export function hubbleLine(from: Side, to: Side, options: LineOptions = {}): string {
  const { port = 8080, protocol = 'TCP', verdict = 'DROPPED', reply = false, envelope = true } = options;
  const reason = options.reason ?? (verdict === 'DROPPED' ? 'POLICY_DENIED' : undefined);
  const flow: Record<string, unknown> = {
    time: '2026-11-23T19:02:01.123456789Z',
    verdict,
    IP: { source: from.ip ?? '10.0.1.1', destination: to.ip ?? '10.0.2.2', ipVersion: 'IPv4' },
    l4: { [protocol]: { source_port: 40000, destination_port: port } },
    source: endpoint(from),
    destination: endpoint(to),
    Type: 'L3_L4',
    node_name: 'worker-1',
    is_reply: reply,
    traffic_direction: 'EGRESS',
    ...(reason ? { drop_reason_desc: reason } : {}),
    ...(options.names ? { destination_names: options.names } : {}),
  };
  return JSON.stringify(envelope ? { flow, node_name: 'worker-1', time: flow.time } : flow);
}

function endpoint(side: Side): Record<string, unknown> {
  if (side.ref.startsWith('reserved:')) return { identity: 2, labels: [side.ref] };
  const [namespace, podName] = side.ref.split('/');
  const labels = [
    ...Object.entries(side.labels ?? {}).map(([k, v]) => `k8s:${k}=${v}`),
    ...Object.entries(side.namespaceLabels ?? {}).map(([k, v]) => `k8s:io.cilium.k8s.namespace.labels.${k}=${v}`),
    `k8s:io.kubernetes.pod.namespace=${namespace}`,
  ];
  return { identity: 12345, namespace, pod_name: podName, labels };
}
