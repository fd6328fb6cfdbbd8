import type { NetpolCluster } from '../constructs/netpol-cluster';
import { Profile, type ProfileRule } from '../constructs/profile';
import { SharedService } from '../constructs/shared-service';
import { compareText } from '../model/compare';
import { accessLabel, AMBIENT_LABEL, AMBIENT_MODE, LABEL_DOMAIN } from '../model/labels';
import type { Peer } from '../model/peer';
import type { ClusterIntent } from '../model/policy';
import { Port } from '../model/port';
import type { RenderedObject } from '../render/rendered-object';
import { canonicalJson } from '../synth/yaml';
import { CONTRACT_KIND, CONTRACT_VERSION, type ContractPeer, type ContractRule, type PlatformContract } from './platform-contract';

/**
 * The platform contract of one rendered cluster (see `PlatformContract`): its settings, profiles,
 * shared services and platform namespaces, and the rendered objects that reach beyond the
 * platform's own application namespaces (every cluster-wide policy, the platform namespaces and
 * their policies). The platform's own application namespaces are not part of it: an app repo
 * neither owns nor depends on them.
 *
 * @param cluster the cluster
 * @param intent its collected intent
 * @param objects its rendered, validated objects
 */
export function buildPlatformContract(cluster: NetpolCluster, intent: ClusterIntent, objects: readonly RenderedObject[]): PlatformContract {
  const platform = intent.namespaces.filter((n) => n.role === 'platform');
  const platformNames = new Set(platform.map((n) => n.name));
  const { settings } = cluster;
  const manifests = objects.filter((o) => contractObject(o, platformNames))
    .map((o) => o.object)
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareText(a.metadata.name, b.metadata.name));
  return {
    kind: CONTRACT_KIND,
    version: CONTRACT_VERSION,
    cluster: cluster.clusterName,
    renderer: cluster.renderer,
    labelDomain: LABEL_DOMAIN,
    baselines: intent.policies.filter((p) => p.group === 'baseline' && p.namespace === undefined).map((p) => p.name).sort(compareText),
    appPorts: portTexts(settings.appPorts),
    metricsPorts: portTexts(settings.metricsPorts),
    prometheus: contractPeer(settings.prometheus),
    dnsServer: contractPeer(settings.dnsServer),
    gateways: Object.keys(settings.gateways).sort(compareText).map((name) => ({ name, peer: contractPeer(settings.gateways[name]) })),
    mesh: {
      namespaceLabel: `${AMBIENT_LABEL}=${AMBIENT_MODE}`,
      hbonePort: Port.HBONE.toString(),
      namespaces: platform.filter((n) => n.labels[AMBIENT_LABEL] === AMBIENT_MODE).map((n) => n.name),
    },
    profiles: cluster.sourcesOf(Profile).slice().sort((a, b) => compareText(a.profileName, b.profileName)).map((p) => ({
      name: p.profileName,
      description: p.description,
      gateways: [...p.gateways],
      ingress: p.ingress.map(contractRule),
      egress: p.egress.map(contractRule),
    })),
    sharedServices: cluster.sourcesOf(SharedService).slice().sort((a, b) => compareText(a.serviceName, b.serviceName)).map((s) => ({
      name: s.serviceName,
      description: s.description,
      accessLabel: accessLabel(s.serviceName),
      location: contractPeer(s.peer),
      ports: portTexts(s.ports),
    })),
    platformNamespaces: platform.map((n) => ({ name: n.name, labels: { ...n.labels } })),
    manifests,
  };
}

/**
 * The contract as the file holds it: JSON with `kind`, `version` and `cluster` first and every
 * other key sorted, two-space indents and a trailing newline, so the same cluster always gives the same bytes.
 *
 * @param contract the contract
 */
export function platformContractJson(contract: PlatformContract): string {
  const sorted = canonicalJson(contract) as Record<string, unknown>;
  // What the file is comes first, then the rest in key order.
  const { kind, version, cluster, ...rest } = sorted;
  return `${JSON.stringify({ kind, version, cluster, ...rest }, null, 2)}\n`;
}

/** Cluster-wide objects and the platform namespaces' own; never the alerts or application namespaces. */
function contractObject(object: RenderedObject, platformNamespaces: ReadonlySet<string>): boolean {
  const { kind, metadata } = object.object;
  if (kind === 'CiliumClusterwideNetworkPolicy') return true;
  if (kind === 'Namespace') return platformNamespaces.has(metadata.name);
  if (kind === 'CiliumNetworkPolicy' || kind === 'NetworkPolicy') return platformNamespaces.has(metadata.namespace ?? '');
  return false;
}

function portTexts(ports: readonly Port[]): string[] {
  return ports.map(String);
}

function contractRule(rule: ProfileRule): ContractRule {
  return { peer: rule.peer.toString(), ports: portTexts(rule.ports) };
}

/**
 * A peer's text and shape.
 *
 * @param peer the peer
 */
export function contractPeer(peer: Peer): ContractPeer {
  const spec = peer.spec;
  const text = peer.toString();
  switch (spec.kind) {
    case 'endpoints':
      return {
        text, kind: 'endpoints',
        ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}),
        ...(spec.namespaceLabels !== undefined ? { namespaceLabels: { ...spec.namespaceLabels } } : {}),
        podLabels: { ...spec.podLabels },
      };
    case 'entity': return { text, kind: 'entity', entity: spec.entity };
    case 'fqdn': return { text, kind: 'fqdn' };
    case 'cidr': return { text, kind: 'cidr' };
    default: return { text, kind: 'endpoints' };
  }
}
