/*
 * Recognizes the profiles: cluster-wide policies selecting the namespaces labelled
 * `network-policy.homelab/profile=<p>`, with the gateways' side (`gateway-<name>`: the gateway
 * pods' egress to those namespaces on the application ports). A profile whose rules are those of
 * a built-in is written as the built-in (`Profile.standard(cluster)`, all four as
 * `Profile.builtins(cluster)`), any other as `new Profile(cluster, '<p>', { gateways, ingress,
 * egress })`. The gateways and the application ports they imply go to `clusterProps`. Profiles
 * no policy of the input mentions but a Namespace carries (`isolated`: no rules at all) are
 * declared too, so the namespaces can name them.
 */
import { Renderer } from '../../constructs/cluster-settings';
import type { Manifest } from '../../manifests/manifest';
import { PROFILE_LABEL } from '../../model/labels';
import type { CodeObject, CodeStatement, CodeValue, ImportFinding, ImportItem } from '../code-model';
import { claimFor } from './claim';
import { call, codeKey, labels, newConstruct, object, ref } from './code-values';
import { readCiliumRule } from './read-cilium-rule';
import type { ImportContext, Recognizer } from './recognizer';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const NAMESPACE_LABELS = 'io.cilium.k8s.namespace.labels.';
const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
const AMBIENT_LABEL = 'istio.io/dataplane-mode';

/** The cluster's default gateways and application ports (`resolveSettings`). */
const DEFAULT_GATEWAYS: Readonly<Record<string, CodeValue>> = {
  external: call('Peer.pods', 'istio-gateway', labels({ [GATEWAY_NAME_LABEL]: 'external' })),
  internal: call('Peer.pods', 'istio-gateway', labels({ [GATEWAY_NAME_LABEL]: 'internal' })),
};
const DEFAULT_APP_PORTS: CodeValue = [ref('Port.HTTP'), call('Port.tcp', 8080)];

/** The built-ins: factory, gateways, whether they have internet egress (`options.egress`). */
const BUILTINS: readonly { readonly name: string; readonly factory: string; readonly gateways: readonly string[]; readonly egress: boolean }[] = [
  { name: 'isolated', factory: 'Profile.isolated', gateways: [], egress: false },
  { name: 'internal', factory: 'Profile.internal', gateways: ['internal'], egress: false },
  { name: 'internal-egress', factory: 'Profile.internalEgress', gateways: ['internal'], egress: true },
  { name: 'standard', factory: 'Profile.standard', gateways: ['external', 'internal'], egress: true },
];
const DEFAULT_INTERNET_EGRESS = codeKey([object([['peer', call('Peer.world')], ['ports', [ref('Port.HTTPS')]]])]);

/** A profile as read from its policy. */
interface ProfileReading {
  readonly name: string;
  readonly gateways: readonly string[];
  readonly ingress: readonly CodeObject[];
  readonly egress: readonly CodeObject[];
  readonly description?: string;
  readonly findings: readonly ImportFinding[];
}

/** The gateways' side of the input: each gateway's pods and the ports it reaches profiles on. */
interface GatewayReading {
  readonly peers: Readonly<Record<string, CodeValue>>;
  readonly appPorts?: CodeValue;
}

/** Profiles (built-in or custom) from the input's profile policies and the profiles its Namespaces name. */
export const profilesRecognizer: Recognizer = {
  name: 'profiles',
  recognize(remaining: readonly Manifest[], context: ImportContext): ImportItem[] {
    const names = profileNames(remaining, context);
    if (names.length === 0) return [];
    // NetworkPolicy input holds the profiles as copies in each namespace, which are not read here:
    // only the built-ins at the defaults (or the application ports the cluster may set) are tried.
    if (context.renderer === Renderer.KUBERNETES) {
      for (const appPorts of [undefined, [call('Port.tcp', 8080)]]) {
        const item: ImportItem = { statements: [{ kind: 'call', callee: 'Profile.builtins', args: [ref('cluster')] }], file: 'cluster', covers: [], findings: [], ...(appPorts ? { clusterProps: [['appPorts', appPorts]] } : {}) };
        const claim = claimFor([item], remaining, context);
        if (claim.ok && claim.covers.length > 0) return [{ ...item, covers: claim.covers }];
      }
      return [];
    }
    const gateways = readGateways(remaining);
    // A profile whose policy says what a Profile cannot is left out (its policy stays as-is).
    const readable = (list: (ProfileReading | undefined)[]): ProfileReading[] => list.filter((r): r is ProfileReading => r !== undefined);
    const readings = readable(names.map((name) => readProfile(name, remaining, gateways)));
    // Without the gateway form (a hand-written repository without the gateways' side), gateway ingress is an ordinary rule.
    const plain = readable(names.map((name) => readProfile(name, remaining, { peers: {} })));
    const items = [profilesItem(readings, gateways, true), profilesItem(plain, { peers: {} }, false)];
    for (const item of items) {
      if (item.statements.length === 0) continue;
      const claim = claimFor([item], remaining, context);
      if (claim.ok) return [{ ...item, covers: claim.covers }];
    }
    return [];
  },
};

/** The profile names the input uses: on Namespaces and in profile policies, sorted. */
function profileNames(remaining: readonly Manifest[], context: ImportContext): string[] {
  const names = new Set<string>();
  for (const manifest of context.namespaces.values()) {
    const value = manifest?.object.metadata.labels?.[PROFILE_LABEL];
    if (value !== undefined) names.add(value);
  }
  for (const manifest of remaining) {
    const name = profileOf(manifest);
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The profile a cluster-wide policy selects by its label alone, if it does. */
function profileOf(manifest: Manifest): string | undefined {
  const { object: o } = manifest;
  if (o.kind !== 'CiliumClusterwideNetworkPolicy' || !isRecord(o.spec) || !isRecord(o.spec.endpointSelector)) return undefined;
  const selector = o.spec.endpointSelector;
  if (selector.matchExpressions !== undefined || !isRecord(selector.matchLabels)) return undefined;
  const keys = Object.keys(selector.matchLabels);
  return keys.length === 1 && keys[0] === NAMESPACE_LABELS + PROFILE_LABEL ? String(selector.matchLabels[keys[0]]) : undefined;
}

/**
 * The gateways' side: cluster-wide policies selecting pods of one namespace whose egress goes to
 * namespaces by profile label. The gateway is named by its `gateway-<name>` policy or its
 * Gateway API label.
 */
function readGateways(remaining: readonly Manifest[]): GatewayReading {
  const peers: Record<string, CodeValue> = {};
  let appPorts: CodeValue | undefined;
  for (const manifest of remaining) {
    const { object: o } = manifest;
    if (o.kind !== 'CiliumClusterwideNetworkPolicy' || !isRecord(o.spec) || !isRecord(o.spec.endpointSelector) || !Array.isArray(o.spec.egress)) continue;
    const selector = o.spec.endpointSelector;
    if (selector.matchExpressions !== undefined || !isRecord(selector.matchLabels)) continue;
    const podLabels = Object.fromEntries(Object.entries(selector.matchLabels).filter(([k]) => k !== POD_NAMESPACE).map(([k, v]) => [k, String(v)]));
    const namespace = selector.matchLabels[POD_NAMESPACE];
    if (typeof namespace !== 'string' || Object.keys(podLabels).some((k) => k.startsWith(NAMESPACE_LABELS))) continue;
    const toProfiles = o.spec.egress.filter((rule) => isRecord(rule) && JSON.stringify(rule.toEndpoints ?? '').includes(NAMESPACE_LABELS + PROFILE_LABEL));
    if (toProfiles.length === 0) continue;
    const name = o.metadata.name.startsWith('gateway-') ? o.metadata.name.slice('gateway-'.length) : podLabels[GATEWAY_NAME_LABEL];
    if (name === undefined) continue;
    peers[name] = call('Peer.pods', namespace, labels(podLabels));
    for (const [i, rule] of toProfiles.entries()) {
      if (JSON.stringify(rule).includes(NAMESPACE_LABELS + AMBIENT_LABEL)) continue; // the HBONE twin
      const read = readCiliumRule('egress', rule, undefined, `spec.egress[${i}]`);
      if (read !== undefined && appPorts === undefined) appPorts = read.ports;
    }
  }
  return { peers, ...(appPorts !== undefined ? { appPorts } : {}) };
}

/** A profile's rules from its policy (none when the input has no policy for it). */
function readProfile(name: string, remaining: readonly Manifest[], gateways: GatewayReading): ProfileReading | undefined {
  const policies = remaining.filter((m) => profileOf(m) === name);
  const gatewayNames = new Set<string>();
  const ingress: CodeObject[] = [];
  const egress: CodeObject[] = [];
  const findings: ImportFinding[] = [];
  let description: string | undefined;
  const byPeer = new Map(Object.entries(gateways.peers).map(([g, peer]) => [codeKey(peer), g]));
  for (const manifest of policies) {
    const spec = manifest.object.spec as Json;
    if (Object.keys(spec).some((k) => !['description', 'endpointSelector', 'ingress', 'egress'].includes(k))) return undefined;
    if (typeof spec.description === 'string') description ??= spec.description;
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = spec[direction];
      if (rules === undefined) continue;
      if (!Array.isArray(rules)) return undefined;
      for (const [i, rule] of rules.entries()) {
        const read = readCiliumRule(direction, rule, undefined, `spec.${direction}[${i}]`);
        if (read === undefined || read.dns || read.icmps !== undefined) return undefined;
        findings.push(...read.findings.map((f) => ({ ...f, object: `${manifest.object.kind} ${manifest.object.metadata.name}`, file: manifest.source.file })));
        for (const peer of read.peers) {
          const gateway = direction === 'ingress' ? byPeer.get(codeKey(peer)) : undefined;
          if (gateway !== undefined && codeKey(read.ports) === codeKey(gateways.appPorts)) gatewayNames.add(gateway);
          else (direction === 'ingress' ? ingress : egress).push(object([['peer', peer], ['ports', read.ports]]));
        }
      }
    }
  }
  return { name, gateways: [...gatewayNames].sort(), ingress, egress, ...(description !== undefined ? { description } : {}), findings };
}

/** The code of the profiles: built-ins where the reading is one, `new Profile(...)` for the others. */
function profilesItem(readings: readonly ProfileReading[], gateways: GatewayReading, gatewayForm: boolean): ImportItem {
  const statements: CodeStatement[] = [];
  const builtin = new Map<string, CodeObject | undefined>();
  for (const reading of readings) {
    const match = BUILTINS.find((b) => b.name === reading.name);
    if (match === undefined || codeKey(match.gateways) !== codeKey(reading.gateways) || reading.ingress.length > 0) continue;
    if (!match.egress && reading.egress.length === 0) builtin.set(reading.name, undefined);
    if (match.egress && reading.egress.length > 0) {
      builtin.set(reading.name, codeKey(reading.egress) === DEFAULT_INTERNET_EGRESS ? undefined : object([['egress', [...reading.egress]]]));
    }
  }
  const options = [...builtin.values()].map(codeKey);
  const allFour = BUILTINS.every((b) => builtin.has(b.name)) && new Set(options.filter((o) => o !== 'undefined')).size <= 1;
  if (allFour) {
    const egressOption = [...builtin.values()].find((o) => o !== undefined);
    statements.push({ kind: 'call', callee: 'Profile.builtins', args: [ref('cluster'), ...(egressOption !== undefined ? [egressOption] : [])] });
  }
  for (const reading of readings) {
    if (allFour && builtin.has(reading.name)) continue;
    const match = BUILTINS.find((b) => b.name === reading.name);
    if (match !== undefined && builtin.has(reading.name)) {
      const option = builtin.get(reading.name);
      statements.push({ kind: 'call', callee: match.factory, args: [ref('cluster'), ...(option !== undefined ? [option] : [])] });
      continue;
    }
    statements.push(newConstruct('Profile', reading.name, object([
      ['gateways', reading.gateways.length > 0 ? [...reading.gateways] : undefined],
      ['ingress', reading.ingress.length > 0 ? [...reading.ingress] : undefined],
      ['egress', reading.egress.length > 0 ? [...reading.egress] : undefined],
      ['description', reading.description],
    ])));
  }
  const clusterProps: [string, CodeValue][] = [];
  if (gatewayForm) {
    const used = new Set(readings.flatMap((r) => r.gateways));
    const defaults = [...used].every((g) => DEFAULT_GATEWAYS[g] !== undefined && codeKey(DEFAULT_GATEWAYS[g]) === codeKey(gateways.peers[g]));
    if (!defaults) clusterProps.push(['gateways', object(Object.keys(gateways.peers).sort().map((g) => [g, gateways.peers[g]]))]);
    if (used.size > 0 && gateways.appPorts !== undefined && codeKey(gateways.appPorts) !== codeKey(DEFAULT_APP_PORTS)) clusterProps.push(['appPorts', gateways.appPorts]);
  }
  return {
    statements,
    file: 'cluster',
    covers: [],
    findings: readings.flatMap((r) => r.findings),
    ...(clusterProps.length > 0 ? { clusterProps } : {}),
  };
}
