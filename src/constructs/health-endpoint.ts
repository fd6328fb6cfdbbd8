import { Entity } from '../model/entity';
import { ICMP_ECHO } from '../model/icmp';
import { Peer } from '../model/peer';
import type { PolicyIntent } from '../model/policy';
import { Port } from '../model/port';

/**
 * The port cilium-health listens on, in the agent and in the health endpoint: Cilium's
 * `--cluster-health-port`, default 4240 (cilium/cilium pull 18061, "health: Fix
 * cluster-health-port for health endpoint").
 */
export const CILIUM_HEALTH_PORT = Port.tcp(4240);

/**
 * The policy of Cilium's health endpoints. A CiliumClusterwideNetworkPolicy with
 * `endpointSelector: {}` selects every endpoint Cilium manages, including the health endpoint
 * each agent runs (identity `reserved:health`), so the baselines put it in default-deny and
 * node-to-node health checks fail. Cilium's docs ship the fix for exactly this case,
 * `examples/policies/kubernetes/clusterwide/health.yaml` (cilium/cilium; "Example: Add health
 * endpoint" in the clusterwide policy docs): select `reserved:health`, ingress from and egress to
 * `remote-node`. The upstream example allows every port; here the rules name what cilium-health
 * uses, HTTP on tcp/4240 and ICMP echo (Cilium's health checks report "ICMP to stack" and "HTTP
 * to agent" per node). ICMP rules need their own rule, without `toPorts` (Cilium,
 * pkg/policy/api/rule_validation.go: "The ICMPs block may only be present without ToPorts"),
 * which the Cilium renderer takes care of.
 *
 * @param where the construct path of the baseline
 */
export function healthEndpointPolicy(where: string): PolicyIntent {
  const remoteNode = Peer.entity(Entity.REMOTE_NODE);
  return {
    name: 'baseline-health-endpoint',
    subject: { podLabels: {}, entity: Entity.HEALTH },
    ingress: [{ peer: remoteNode, ports: [CILIUM_HEALTH_PORT], icmps: ICMP_ECHO, description: 'health checks from the other nodes: HTTP on tcp/4240 and ICMP echo' }],
    egress: [{ peer: remoteNode, ports: [CILIUM_HEALTH_PORT], icmps: ICMP_ECHO, description: 'health checks to the other nodes: HTTP on tcp/4240 and ICMP echo' }],
    description: "Cilium's health endpoint on each node (reserved:health) is selected by the baselines too: it keeps node-to-node health checks (cilium/cilium examples/policies/kubernetes/clusterwide/health.yaml).",
    group: 'baseline',
    constructPath: where,
  };
}
