import { Peer } from '../model/peer';
import { Port } from '../model/port';
import type { Problems } from '../model/problems';

/** The CNI a cluster's manifests are rendered for. */
export enum Renderer {
  /** CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2). */
  CILIUM = 'cilium',
  /** Plain networking.k8s.io/v1 NetworkPolicy, for Calico, kube-router, k3s. */
  KUBERNETES = 'kubernetes',
}

/** The peers and ports the whole design refers to; every one has a homelab default. */
export interface ClusterSettings {
  /**
   * The ingress gateways by name, for profiles (`gateways: ['internal']`).
   * @default - `internal` and `external`: pods of namespace `istio-gateway` labelled `gateway.networking.k8s.io/gateway-name=<name>`
   */
  readonly gateways?: Readonly<Record<string, Peer>>;
  /**
   * The ports gateways may reach application pods on.
   * @default - tcp/80 and tcp/8080
   */
  readonly appPorts?: readonly Port[];
  /**
   * The ports Prometheus scrapes on every pod.
   * @default - tcp/9090
   */
  readonly metricsPorts?: readonly Port[];
  /**
   * The Prometheus pods.
   * @default - pods of `monitoring` labelled `app.kubernetes.io/name=prometheus`
   */
  readonly prometheus?: Peer;
  /**
   * The cluster DNS pods.
   * @default - pods of `kube-system` labelled `k8s-app=kube-dns`
   */
  readonly dnsServer?: Peer;
}

/** `ClusterSettings` with every default applied. */
export type ResolvedSettings = { readonly [K in keyof ClusterSettings]-?: NonNullable<ClusterSettings[K]> };

/** The gateway label of the Gateway API: which Gateway a pod serves. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';


/**
 * Applies the defaults to `ClusterSettings`.
 *
 * @param settings what the user gave
 * @param problems where the problems of the given peers and ports go
 */
export function resolveSettings(settings: ClusterSettings = {}, problems?: Problems): ResolvedSettings {
  problems?.addFrom(Object.values(settings.gateways ?? {}), settings.appPorts ?? [], settings.metricsPorts ?? [],
    settings.prometheus, settings.dnsServer);
  for (const [what, ports] of [['appPorts', settings.appPorts], ['metricsPorts', settings.metricsPorts]] as const) {
    if (ports !== undefined && (!Array.isArray(ports) || ports.length === 0)) {
      problems?.add(`The cluster's ${what} is empty: list the ports, e.g. [Port.tcp(8080)], or leave ${what} out for the default.`);
    }
  }
  return {
    gateways: settings.gateways ?? {
      internal: Peer.pods('istio-gateway', { [GATEWAY_NAME_LABEL]: 'internal' }),
      external: Peer.pods('istio-gateway', { [GATEWAY_NAME_LABEL]: 'external' }),
    },
    appPorts: settings.appPorts ?? [Port.HTTP, Port.tcp(8080)],
    metricsPorts: settings.metricsPorts ?? [Port.tcp(9090)],
    prometheus: settings.prometheus ?? Peer.pods('monitoring', { 'app.kubernetes.io/name': 'prometheus' }),
    dnsServer: settings.dnsServer ?? Peer.pods('kube-system', { 'k8s-app': 'kube-dns' }),
  };
}
