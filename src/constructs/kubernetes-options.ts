import { checkCidr } from '../model/cidr';
import type { Problems } from '../model/problems';
import type { Var } from '../model/var';

/** Where the Kubernetes API server listens, for clusters rendered as plain NetworkPolicy. */
export interface ApiServerEndpoint {
  /**
   * The API server's addresses as CIDRs (`192.168.1.10/32`): NetworkPolicy has no
   * `kube-apiserver` entity, so egress to it (access label `kube-api`) becomes an `ipBlock`.
   * List the addresses the pods' traffic reaches after the Service DNAT, i.e. the control plane
   * nodes' IPs (`kubectl get endpointslices -n default kubernetes`), not the ClusterIP.
   */
  readonly cidrs: readonly (string | Var)[];
}

/** Options of the NetworkPolicy renderer (`Renderer.KUBERNETES`). */
export interface KubernetesRendererOptions {
  /**
   * The API server's addresses.
   * @default - none: synthesis fails when a rule needs the API server (`Peer.kubeApiServer()`, access label `kube-api`)
   */
  readonly apiServer?: ApiServerEndpoint;
  /**
   * Whether the cluster's CNI enforces NetworkPolicy. Set `false` for a CNI that ignores it
   * (plain Flannel, k3s started with `--disable-network-policy`): the policies are still
   * written, and `synthesize` prints a warning that nothing is enforced.
   * @default true - Calico, Cilium, kube-router and k3s's embedded network policy controller enforce it
   */
  readonly enforced?: boolean;
}

/** `KubernetesRendererOptions` checked, with defaults applied. */
export interface ResolvedKubernetesOptions {
  /** The API server CIDRs, sorted; empty when not configured. */
  readonly apiServerCidrs: readonly string[];
  /** Whether the CNI enforces NetworkPolicy. */
  readonly enforced: boolean;
}

/**
 * Checks the NetworkPolicy renderer options.
 *
 * @param options what the user gave
 * @param problems where problems go (the cluster's list)
 */
export function resolveKubernetesOptions(options: KubernetesRendererOptions = {}, problems: Problems): ResolvedKubernetesOptions {
  const cidrs = options.apiServer?.cidrs;
  if (options.apiServer !== undefined && (!Array.isArray(cidrs) || cidrs.length === 0)) {
    problems.add('kubernetes.apiServer.cidrs is empty: list the API server addresses, e.g. { apiServer: { cidrs: [\'192.168.1.10/32\'] } }, or leave apiServer out.');
  }
  const list = Array.isArray(cidrs) ? cidrs : [];
  for (const cidr of list) problems.check(() => checkCidr(cidr, 'kubernetes.apiServer.cidrs'));
  return {
    apiServerCidrs: [...new Set(list)].sort(),
    enforced: options.enforced ?? true,
  };
}
