import type { IConstruct } from 'constructs';
import { closest } from '../model/names';
import { Peer } from '../model/peer';
import { NetpolCluster } from './netpol-cluster';
import { problemsOf } from './problems';

/**
 * A peer as the cluster means it: `Peer.gateway(name)` becomes the pods of that gateway in the
 * cluster's `gateways` setting; every other peer is returned as is. An unknown gateway is
 * recorded as a problem of `scope` (with the names the cluster has) and returned unresolved.
 *
 * @param scope the construct receiving the peer
 * @param peer the peer as written
 */
export function resolvePeer<T>(scope: IConstruct, peer: T): T | Peer {
  if (!(peer instanceof Peer) || peer.spec.kind !== 'gateway') return peer;
  const gateways = NetpolCluster.of(scope).settings.gateways;
  const name = peer.spec.name;
  const found = Object.prototype.hasOwnProperty.call(gateways, name) ? gateways[name] : undefined;
  if (found !== undefined) return found;
  const known = Object.keys(gateways).sort();
  const hint = closest(name, known);
  problemsOf(scope).add(`Unknown gateway "${name}" in Peer.gateway: the cluster's gateways are ${known.join(', ') || 'none'}.`
    + (hint ? ` Did you mean "${hint}"?` : ' Add it to the cluster\'s `gateways` setting.'));
  return peer;
}
