import { parseIp, type IpAddress } from './cidr';
import { parsePeerRef, type ProbeEntity } from './flow';
import type { Identities, Identity } from './identity';
import type { Topology } from './topology';

/** A resolved peer of a flow. */
export type Endpoint =
  | { readonly kind: 'pod'; readonly name: string; readonly identity: Identity }
  | { readonly kind: 'external'; readonly name: string; readonly ip?: IpAddress; readonly fqdn?: string }
  | { readonly kind: 'entity'; readonly name: string; readonly entity: ProbeEntity };

/**
 * Resolves a peer written as in a probe against the topology.
 *
 * @param text the peer, `ns/pod`, `external:<name>` or `entity:<name>`
 * @param topology the topology
 * @param identities the pods' identities
 * @returns the endpoint, or an error message saying what exists
 */
export function resolveEndpoint(text: string, topology: Topology, identities: Identities): Endpoint | string {
  const ref = parsePeerRef(text);
  if (typeof ref === 'string') return ref;
  switch (ref.kind) {
    case 'pod': {
      const identity = identities.byPod.get(text);
      if (identity) return { kind: 'pod', name: text, identity };
      const ns = topology.namespaces.get(ref.namespace);
      if (!ns) return `unknown pod "${text}": the topology has no namespace "${ref.namespace}"`;
      return `unknown pod "${text}": namespace ${ref.namespace} has ${[...ns.pods.keys()].sort().join(', ') || 'no pods'}`;
    }
    case 'external': {
      const ext = topology.externals.get(ref.name);
      if (!ext) return `unknown external "${text}": the topology's externals are ${[...topology.externals.keys()].sort().join(', ') || 'none'}`;
      const ip = ext.ip === undefined ? undefined : parseIp(ext.ip);
      return { kind: 'external', name: text, ...(ip ? { ip } : {}), ...(ext.fqdn ? { fqdn: ext.fqdn } : {}) };
    }
    case 'entity':
      return { kind: 'entity', name: text, entity: ref.name };
  }
}
