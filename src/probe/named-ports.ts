import type { Protocol } from './flow';
import type { TopologyPort } from './topology';

/**
 * Resolves a port name to a number for one protocol; undefined when the name does not resolve
 * (unknown, bound only for another protocol, or ambiguous).
 */
export type NamedPortResolver = (name: string, protocol: Protocol) => number | undefined;

/** A resolver that resolves nothing: the destination is no pod (or has no ports). */
export const NO_NAMED_PORTS: NamedPortResolver = () => undefined;

/**
 * The names one pod gives its container ports: what a NetworkPolicy resolves a named port
 * against (networking.k8s.io/v1 NetworkPolicyPort.port: "a named port on a pod"), and what
 * Cilium resolves an ingress rule's named port against (the selected endpoint's own ports,
 * pkg/endpoint GetNamedPort: "Ingress only needs the ports of the POD itself").
 *
 * @param ports the pod's container ports
 */
export function podNamedPorts(ports: readonly TopologyPort[]): NamedPortResolver {
  if (ports.length === 0) return NO_NAMED_PORTS;
  return (name, protocol) => ports.find((p) => p.name === name && p.protocol === protocol)?.port;
}

/**
 * The cluster-wide map Cilium resolves the named ports of egress rules against (pkg/endpoint
 * GetNamedPort: "egress needs named ports of all the pods"; pkg/types/portmap.go
 * namedPortMultiMap.GetNamedPort): the name resolves, per protocol, only when every pod of the
 * cluster that defines it for that protocol gives it the same number; a name bound to two numbers
 * resolves to nothing (ErrDuplicateNamedPorts, TestPolicyNamedPortMultiMap). The number then
 * applies to every peer of the rule, pods or not.
 *
 * (Cilium's main branch after 1.18 starts resolving per selected identity; released versions, and
 * this simulator, use the one map.)
 *
 * @param podPorts the container ports of every pod of the cluster
 */
export function clusterNamedPorts(podPorts: Iterable<readonly TopologyPort[]>): NamedPortResolver {
  const numbers = new Map<string, Set<number>>();
  for (const ports of podPorts) {
    for (const p of ports) {
      const key = `${p.name}/${p.protocol}`;
      let set = numbers.get(key);
      if (!set) numbers.set(key, (set = new Set()));
      set.add(p.port);
    }
  }
  const resolved = new Map<string, number>();
  for (const [key, set] of numbers) if (set.size === 1) resolved.set(key, [...set][0]);
  return (name, protocol) => resolved.get(`${name}/${protocol}`);
}
