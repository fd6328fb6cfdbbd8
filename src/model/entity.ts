/**
 * Cilium's reserved identities that a rule may name with `fromEntities`/`toEntities`
 * (docs.cilium.io, Policy Language, "Entities Based").
 */
export enum Entity {
  /** The local node, including host-networked pods. */
  HOST = 'host',
  /** Other nodes of the cluster. */
  REMOTE_NODE = 'remote-node',
  /** Cilium's health-check endpoints. */
  HEALTH = 'health',
  /** The Kubernetes API server, wherever it runs. */
  KUBE_APISERVER = 'kube-apiserver',
  /** Cilium's embedded Envoy proxy for Ingress and Gateway API. */
  INGRESS = 'ingress',
  /** Everything outside the cluster. */
  WORLD = 'world',
  /** Everything inside the cluster. */
  CLUSTER = 'cluster',
  /** Endpoints whose identity is not yet resolved. */
  INIT = 'init',
  /** Pods not managed by Cilium. */
  UNMANAGED = 'unmanaged',
  /** Every identity: cluster and world. */
  ALL = 'all',
}
