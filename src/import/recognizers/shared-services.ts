/*
 * Recognizes the shared services: `access-<svc>`, a cluster-wide policy letting the namespaces
 * labelled `access.network-policy.homelab/<svc>=true` reach the service, and
 * `access-<svc>-server`, the service's pods admitting them. The four built-ins are written as
 * `SharedService.builtins(cluster)` (or one by one, `SharedService.postgres(cluster)`), any other
 * as `new SharedService(cluster, '<svc>', { peer, ports })`.
 */
import type { Manifest } from '../../manifests/manifest';
import { ACCESS_LABEL_PREFIX } from '../../model/labels';
import type { CodeStatement, CodeValue, ImportFinding, ImportItem } from '../code-model';
import { claimEach } from './claim';
import { call, codeKey, labels, newConstruct, object, ref } from './code-values';
import { readCiliumRule } from './read-cilium-rule';
import type { ImportContext, Recognizer } from './recognizer';

const NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';
const APP_NAME = 'app.kubernetes.io/name';

/** The built-ins: where they run and on which port, as code. */
const BUILTINS: readonly { readonly name: string; readonly factory: string; readonly peer: CodeValue; readonly ports: CodeValue }[] = [
  { name: 'postgres', factory: 'SharedService.postgres', peer: call('Peer.pods', 'database', labels({ [APP_NAME]: 'postgresql' })), ports: [ref('Port.POSTGRES')] },
  { name: 'dragonfly', factory: 'SharedService.dragonfly', peer: call('Peer.pods', 'database', labels({ [APP_NAME]: 'dragonfly' })), ports: [ref('Port.REDIS')] },
  { name: 'garage-s3', factory: 'SharedService.garageS3', peer: call('Peer.pods', 'database', labels({ [APP_NAME]: 'garage' })), ports: [ref('Port.GARAGE_S3')] },
  { name: 'kube-api', factory: 'SharedService.kubeApi', peer: call('Peer.kubeApiServer'), ports: [ref('Port.KUBE_API')] },
];

/** A service as read from its client side. */
interface ServiceReading {
  readonly name: string;
  readonly peer: CodeValue;
  readonly ports: CodeValue;
  readonly findings: readonly ImportFinding[];
}

/** Shared services from the input's access-label policies. */
export const sharedServicesRecognizer: Recognizer = {
  name: 'shared-services',
  recognize(remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
    const readings = readServices(remaining);
    const passed = claimEach(readings.map((r) => serviceItem(r)), remaining, context);
    if (passed.length === 0) return [];
    const names = new Set(passed.map((item) => serviceOfItem(item)));
    // All four built-ins at their defaults read best as one call.
    const builtins = BUILTINS.every((b) => names.has(b.name) && passed.some((item) => serviceOfItem(item) === b.name && isBuiltinCall(item, b.factory)));
    if (!builtins) return passed;
    const [first, ...rest] = passed.filter((item) => BUILTINS.some((b) => b.name === serviceOfItem(item)));
    const others = passed.filter((item) => !BUILTINS.some((b) => b.name === serviceOfItem(item)));
    const all: ImportItem = {
      ...first,
      statements: [{ kind: 'call', callee: 'SharedService.builtins', args: [ref('cluster')] }],
      covers: [first, ...rest].flatMap((item) => item.covers),
      findings: [first, ...rest].flatMap((item) => item.findings),
    };
    return [all, ...others];
  },
};

/** The service an item declares: the built-in its call names, or its construct id. */
function serviceOfItem(item: ImportItem): string {
  const [statement] = item.statements;
  if (statement?.kind === 'call') return BUILTINS.find((b) => b.factory === statement.callee)?.name ?? '';
  return statement?.kind === 'new' ? statement.id : '';
}

function isBuiltinCall(item: ImportItem, factory: string): boolean {
  const [statement] = item.statements;
  return statement?.kind === 'call' && statement.callee === factory && statement.args.length === 1;
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The service a cluster-wide policy's subject names by its access label alone, if it does. */
function serviceOf(manifest: Manifest): string | undefined {
  const { object: o } = manifest;
  if (o.kind !== 'CiliumClusterwideNetworkPolicy' || !isRecord(o.spec) || !isRecord(o.spec.endpointSelector)) return undefined;
  const selector = o.spec.endpointSelector;
  if (selector.matchExpressions !== undefined || !isRecord(selector.matchLabels)) return undefined;
  const entries = Object.entries(selector.matchLabels);
  if (entries.length !== 1 || String(entries[0][1]) !== 'true' || !entries[0][0].startsWith(NAMESPACE_LABELS + ACCESS_LABEL_PREFIX)) return undefined;
  return entries[0][0].slice((NAMESPACE_LABELS + ACCESS_LABEL_PREFIX).length);
}

/** Each client-side policy with one egress rule to one peer: a service. */
function readServices(remaining: readonly Manifest[]): ServiceReading[] {
  const readings: ServiceReading[] = [];
  for (const manifest of remaining) {
    const name = serviceOf(manifest);
    const spec = manifest.object.spec as Json;
    if (name === undefined || spec.ingress !== undefined || !Array.isArray(spec.egress) || spec.egress.length !== 1) continue;
    const rule = readCiliumRule('egress', spec.egress[0], undefined, 'spec.egress[0]');
    if (rule === undefined || rule.peers.length !== 1 || rule.dns || rule.icmps !== undefined) continue;
    const object = `${manifest.object.kind} ${manifest.object.metadata.name}`;
    readings.push({ name, peer: rule.peers[0], ports: rule.ports, findings: rule.findings.map((f) => ({ ...f, object, file: manifest.source.file })) });
  }
  return readings.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function serviceItem(reading: ServiceReading): ImportItem {
  const builtin = BUILTINS.find((b) => b.name === reading.name);
  let statement: CodeStatement;
  if (builtin !== undefined && codeKey(builtin.peer) === codeKey(reading.peer) && codeKey(builtin.ports) === codeKey(reading.ports)) {
    statement = { kind: 'call', callee: builtin.factory, args: [ref('cluster')] };
  } else {
    statement = newConstruct('SharedService', reading.name, object([['peer', reading.peer], ['ports', reading.ports]]));
  }
  return { statements: [statement], file: 'cluster', covers: [], findings: reading.findings };
}
