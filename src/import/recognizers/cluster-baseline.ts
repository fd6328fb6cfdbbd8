/*
 * Recognizes the baselines: cluster-wide policies giving every endpoint DNS (through the DNS
 * proxy), health and probe ingress, Prometheus scrapes, with the DNS server's and Prometheus'
 * side, the escape hatch (`enforcement-disabled`), Cilium's health endpoint policy and the
 * enforcement alerts, written as `new ClusterBaseline(cluster, 'baseline', { ... })` with the
 * cluster settings they imply (`dnsServer`, `prometheus`, `metricsPorts`) in `clusterProps`.
 */
import type { Manifest } from '../../manifests/manifest';
import type { CodeObject, CodeValue, ImportFinding, ImportItem } from '../code-model';
import { claimFor } from './claim';
import { call, codeKey, labels, newConstruct, object } from './code-values';
import { readCiliumRule, type ReadRule } from './read-cilium-rule';
import type { ImportContext, Recognizer } from './recognizer';

/** The settings the library assumes when the cluster names none (`resolveSettings`). */
const DEFAULTS = {
  dnsServer: call('Peer.pods', 'kube-system', labels({ 'k8s-app': 'kube-dns' })),
  prometheus: call('Peer.pods', 'monitoring', labels({ 'app.kubernetes.io/name': 'prometheus' })),
  metricsPorts: [call('Port.tcp', 9090)] as CodeValue[],
};
const AMBIENT_PROBE_SOURCE = '169.254.7.127/32';
const ALERT = 'NetworkPolicyEnforcementDisabled';

/** What the input's baseline policies say, read as the props of a `ClusterBaseline`. */
interface BaselineReading {
  readonly dnsServer?: CodeValue;
  readonly prometheus?: CodeValue;
  readonly metricsPorts?: readonly CodeValue[];
  readonly ambientProbes: boolean;
  readonly healthSources: readonly ReadRule[];
  readonly findings: readonly ImportFinding[];
}

/** `ClusterBaseline` from the input's baseline policies. */
export const clusterBaselineRecognizer: Recognizer = {
  name: 'cluster-baseline',
  recognize(remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
    const reading = readBaseline(remaining);
    const alerts = alertsOf(remaining);
    const readings = [...(reading !== undefined ? [reading] : []), { ambientProbes: true, healthSources: [], findings: [] }];
    for (const r of readings) {
      for (const a of alerts === undefined ? [false as const] : [alerts, false as const]) {
        const item = baselineItem(r, a);
        const claim = claimFor([item], remaining, context);
        if (claim.ok) return [{ ...item, covers: claim.covers }];
      }
    }
    return [];
  },
};

function baselineItem(reading: BaselineReading, alerts: CodeObject | false | undefined): ImportItem {
  const clusterProps: [string, CodeValue][] = [];
  if (reading.dnsServer !== undefined && codeKey(reading.dnsServer) !== codeKey(DEFAULTS.dnsServer)) clusterProps.push(['dnsServer', reading.dnsServer]);
  if (reading.prometheus !== undefined && codeKey(reading.prometheus) !== codeKey(DEFAULTS.prometheus)) clusterProps.push(['prometheus', reading.prometheus]);
  if (reading.metricsPorts !== undefined && codeKey(reading.metricsPorts) !== codeKey(DEFAULTS.metricsPorts)) clusterProps.push(['metricsPorts', reading.metricsPorts]);
  const healthSources = reading.healthSources.flatMap((rule) => rule.peers.map((peer) => object([['peer', peer], ['ports', rule.ports]])));
  const props = object([
    ['ambientProbes', reading.ambientProbes ? undefined : false],
    ['alerts', alerts === undefined ? undefined : alerts === false ? false : alerts.entries.length === 0 ? undefined : alerts],
    ['healthSources', healthSources.length > 0 ? healthSources : undefined],
  ]);
  return {
    statements: [newConstruct('ClusterBaseline', 'baseline', props)],
    file: 'cluster',
    covers: [],
    findings: reading.findings,
    ...(clusterProps.length > 0 ? { clusterProps } : {}),
  };
}

/** The alerts' PrometheusRule of the input, as the `alerts` option (`{}` for the default place). */
function alertsOf(remaining: readonly Manifest[]): CodeObject | undefined {
  const rule = remaining.find((m) => m.object.kind === 'PrometheusRule' && JSON.stringify(m.object.spec ?? {}).includes(`"alert":"${ALERT}"`));
  if (rule === undefined) return undefined;
  const { name, namespace } = rule.object.metadata;
  return object([
    ['namespace', namespace === 'monitoring' || namespace === undefined ? undefined : namespace],
    ['name', name === 'network-policy-enforcement' ? undefined : name],
  ]);
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for a selector that selects every endpoint (`{}`). */
function selectsEverything(selector: unknown): boolean {
  if (selector === undefined) return true;
  if (!isRecord(selector)) return false;
  const labelCount = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressionCount = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labelCount === 0 && expressionCount === 0;
}

/** Reads the cluster-wide policies selecting every endpoint (Cilium): DNS egress, health, scrape ingress. */
function readBaseline(remaining: readonly Manifest[]): BaselineReading | undefined {
  let dnsServer: CodeValue | undefined;
  let prometheus: CodeValue | undefined;
  let metricsPorts: readonly CodeValue[] | undefined;
  let ambientProbes = false;
  let healthPolicy: Manifest | undefined;
  const ingressRules: { manifest: Manifest; rule: ReadRule; raw: Json }[] = [];
  for (const manifest of remaining) {
    const { object: o } = manifest;
    if (o.kind !== 'CiliumClusterwideNetworkPolicy' || !isRecord(o.spec) || !selectsEverything(o.spec.endpointSelector)) continue;
    const spec = o.spec;
    for (const [i, rule] of (Array.isArray(spec.egress) ? spec.egress : []).entries()) {
      const read = readCiliumRule('egress', rule, undefined, `spec.egress[${i}]`);
      if (read?.dns === true && read.peers.length === 1 && dnsServer === undefined) dnsServer = read.peers[0];
    }
    for (const [i, rule] of (Array.isArray(spec.ingress) ? spec.ingress : []).entries()) {
      const read = readCiliumRule('ingress', rule, undefined, `spec.ingress[${i}]`);
      if (read === undefined || !isRecord(rule)) continue;
      ingressRules.push({ manifest, rule: read, raw: rule });
      if (Array.isArray(rule.fromEntities) && rule.fromEntities.includes('health')) healthPolicy = manifest;
    }
  }
  const findings: ImportFinding[] = [];
  const healthSources: ReadRule[] = [];
  for (const { manifest, rule, raw } of ingressRules) {
    const isHealth = Array.isArray(raw.fromEntities) && raw.fromEntities.length === 1 && raw.fromEntities[0] === 'health' && raw.toPorts === undefined;
    const isAmbient = JSON.stringify(raw.fromCIDRSet ?? raw.fromCIDR) === JSON.stringify([{ cidr: AMBIENT_PROBE_SOURCE }]) || JSON.stringify(raw.fromCIDR) === JSON.stringify([AMBIENT_PROBE_SOURCE]);
    if (isHealth) continue;
    if (isAmbient && raw.toPorts === undefined) {
      ambientProbes = true;
      continue;
    }
    if (prometheus === undefined && raw.fromEndpoints !== undefined && rule.peers.length === 1 && manifest !== healthPolicy) {
      prometheus = rule.peers[0];
      metricsPorts = rule.ports;
      continue;
    }
    if (manifest === healthPolicy) {
      healthSources.push(rule);
      const name = `${manifest.object.kind} ${manifest.object.metadata.name}`;
      findings.push(...rule.findings.map((f) => ({ ...f, object: name, file: manifest.source.file })));
    }
  }
  if (dnsServer === undefined && prometheus === undefined && healthPolicy === undefined) return undefined;
  return { dnsServer, prometheus, metricsPorts, ambientProbes, healthSources, findings };
}

