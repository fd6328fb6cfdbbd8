import { cidrContains, type IpAddress } from './cidr';
import { RESERVED_PREFIX } from './cilium-labels';
import type { Endpoint } from './endpoint';
import { entitySelects } from './entity';
import { normalizeDnsName } from './fqdn';
import type { Cni } from './flow';
import type { Identity } from './identity';
import type { PeerMatcher, SubjectMatcher } from './rule';
import { selectorMatches, ownLabel } from './selector';

/**
 * Whether a rule's peer condition matches a pod identity.
 *
 * CIDR conditions match pod IPs only under `--cni kubernetes` (flow-probe spec: Cilium's
 * default `policy-cidr-match-mode` selects only addresses outside the cluster).
 *
 * @param peer the condition
 * @param identity the pod identity
 * @param cni the enforcer
 */
export function peerMatchesIdentity(peer: PeerMatcher, identity: Identity, cni: Cni): boolean {
  switch (peer.kind) {
    case 'any': return true;
    case 'pods':
      if (peer.namespace !== undefined && peer.namespace !== identity.namespace) return false;
      if (peer.namespaceSelector && !selectorMatches(peer.namespaceSelector, ownLabel(identity.namespaceLabels))) return false;
      return selectorMatches(peer.podSelector, ownLabel(identity.podLabels));
    case 'endpoints': return selectorMatches(peer.selector, identity.ciliumLabel);
    case 'entities': return peer.entities.some((e) => entitySelects(e, { kind: 'pod' }));
    case 'cidr': return cni === 'kubernetes' && identity.ip !== undefined && inBlock(peer, identity.ip);
    case 'fqdn': return false;
  }
}

/**
 * Whether a rule's peer condition matches an endpoint of any kind.
 *
 * @param peer the condition
 * @param endpoint the pod, external or entity
 * @param cni the enforcer
 */
export function peerMatches(peer: PeerMatcher, endpoint: Endpoint, cni: Cni): boolean {
  if (endpoint.kind === 'pod') return peerMatchesIdentity(peer, endpoint.identity, cni);
  switch (peer.kind) {
    case 'any': return true;
    case 'pods': return false;
    case 'endpoints': {
      // Outside endpoints carry only reserved labels (reserved:world, reserved:host, ...).
      const label = `${RESERVED_PREFIX}${endpoint.kind === 'external' ? 'world' : endpoint.entity}`;
      return selectorMatches(peer.selector, (k) => (k === label ? '' : undefined));
    }
    case 'entities':
      return peer.entities.some((e) => entitySelects(e, endpoint.kind === 'external'
        ? { kind: 'world', ...(endpoint.ip ? { family: endpoint.ip.family } : {}) }
        : { kind: 'reserved', name: endpoint.entity }));
    case 'cidr': return endpoint.kind === 'external' && endpoint.ip !== undefined && inBlock(peer, endpoint.ip);
    case 'fqdn': {
      if (endpoint.kind !== 'external' || endpoint.fqdn === undefined) return false;
      const name = normalizeDnsName(endpoint.fqdn);
      return peer.selectors.some((s) => s.test(name));
    }
  }
}

/**
 * Whether a policy applies to a pod identity.
 *
 * @param subject the policy's subject
 * @param identity the pod identity
 */
export function subjectMatches(subject: SubjectMatcher, identity: Identity): boolean {
  if (subject.kind === 'pods') {
    return subject.namespace === identity.namespace && selectorMatches(subject.podSelector, ownLabel(identity.podLabels));
  }
  return selectorMatches(subject.selector, identity.ciliumLabel);
}

function inBlock(peer: Extract<PeerMatcher, { kind: 'cidr' }>, ip: IpAddress): boolean {
  return cidrContains(peer.cidr, ip) && !peer.except.some((e) => cidrContains(e, ip));
}
