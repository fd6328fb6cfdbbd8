import type { Construct } from 'constructs';
import { Downgrade, Peer, Port, Renderer, type NetpolCluster } from '../src';
import { clusterDefinition, type ClusterOverrides } from './cluster-definition';

/**
 * The homelab gateway as the edge cluster sees it: its Tailscale address. Tailscale gives every
 * node an address from 100.64.0.0/10 (the RFC 6598 shared address space) that stays the same
 * for the node's lifetime, so it is safe to pin.
 */
export const HOMELAB_GATEWAY_TAILNET_IP = '100.64.0.1/32';

/** The edge node's subnet; k3s runs its API server on the node itself. */
const EDGE_NODE_CIDR = '10.20.0.0/24';

/**
 * The overrides of `edge`: k3s, whose embedded network policy controller (kube-router) enforces
 * NetworkPolicy, rendered with the kubernetes renderer. Tighter egress: applications reach only
 * the homelab gateway over the tailnet, never the internet.
 */
export const EDGE: ClusterOverrides = {
  name: 'edge',
  renderer: Renderer.KUBERNETES,
  kubernetes: { apiServer: { cidrs: ['10.20.0.10/32'] } },
  internetEgress: [{
    peer: Peer.cidr(HOMELAB_GATEWAY_TAILNET_IP, { reason: "the homelab gateway's tailnet address: edge apps reach services only through it" }),
    ports: [Port.HTTPS],
    description: 'egress to the homelab gateway over the tailnet on HTTPS',
  }],
  nodes: Downgrade.toCidrs([EDGE_NODE_CIDR], 'the edge node subnet: kubelet and node-exporter listen on the node'),
  githubApi: Downgrade.skip('edge has no internet egress; the app reaches GitHub through the homelab gateway'),
};

/**
 * The edge cluster (k3s, plain NetworkPolicy): the same platform and demo namespaces as homelab.
 *
 * @param scope the cdk8s App
 */
export function edge(scope: Construct): NetpolCluster {
  return clusterDefinition(scope, EDGE);
}
